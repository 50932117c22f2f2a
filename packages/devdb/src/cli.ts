// `node --import tsx packages/devdb/src/cli.ts ensure`: makes sure a database can be started,
// building FerretDB once when neither MONGODB_URI nor mongod nor a ferretdb binary is there.
import { HOW_TO_PROVIDE_A_DATABASE } from './errors';
import { buildFerretDb, findFerretDb, FERRETDB_VERSION } from './ferretdb';
import { findOnPath } from './which';

const command = process.argv[2];
if (command !== 'ensure') {
  console.error('usage: cli.ts ensure');
  process.exit(2);
}
if (process.env.MONGODB_URI) {
  console.log('database: MONGODB_URI is set');
} else if (findOnPath('mongod')) {
  console.log(`database: mongod at ${findOnPath('mongod')}`);
} else if (findFerretDb()) {
  console.log(`database: FerretDB at ${findFerretDb()}`);
} else if (findOnPath('go')) {
  const built = buildFerretDb((line) => console.log(line));
  console.log(`database: FerretDB ${FERRETDB_VERSION} built at ${built}`);
} else {
  console.error(HOW_TO_PROVIDE_A_DATABASE);
  process.exit(1);
}
