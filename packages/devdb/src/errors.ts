/** Raised when no MongoDB-compatible server can be found or started; the message says how to provide one. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

export const HOW_TO_PROVIDE_A_DATABASE = [
  'Scene Platform needs a MongoDB-compatible server. Provide one of:',
  '  1. MONGODB_URI=mongodb://HOST:PORT/  (any MongoDB 6+ or FerretDB server you run yourself)',
  '  2. a `mongod` binary on the PATH (it is started on a free loopback port)',
  '  3. Go on the PATH, so FerretDB v1.24.2 can be built once into $(go env GOPATH)/bin,',
  '     or, without Go, a `ferretdb` binary on the PATH (a stock build reads by _id slowly).',
].join('\n');
