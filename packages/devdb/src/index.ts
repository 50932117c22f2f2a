export { startDatabase } from './launcher';
export { statCpuSeconds } from './cpu';
export type { DatabaseKind, DatabaseServer, DiskUsage, StartDatabaseOptions } from './launcher';
export { DatabaseUnavailableError, HOW_TO_PROVIDE_A_DATABASE } from './errors';
export { FERRETDB_VERSION, buildFerretDb, findFerretDb } from './ferretdb';
export { freePort } from './ports';
export { testDatabaseName } from './test-database';
