import { spawnSync } from 'node:child_process';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by vitest-global-setup.ts: the run's shared database server. */
    mongoUri: string;
  }
}

/** The connection string of the database server the global setup started for this run. */
export function injectMongoUri(): string {
  return inject('mongoUri');
}

export { testDatabaseName } from './test-database';

/** The pid of the database process listening on `port` (not the watchdog shell around it). */
export function databasePid(port: number): number | undefined {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  const line = ps
    .split('\n')
    .find(
      (l) =>
        !/\bsh -c\b/.test(l) && (l.includes(`127.0.0.1:${port} `) || l.includes(`--port ${port} `)),
    );
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}
