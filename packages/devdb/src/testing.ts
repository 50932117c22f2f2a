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
