// `pnpm --filter @scene/server build` (also run by `npm start` and the browser tests): the server
// as plain JavaScript in server/dist/, so a running process pays neither tsx's transform at load
// nor the source maps it keeps in memory for every module (about 35 MB of RSS, measured).
//   dist/main.js          production: `node server/dist/main.js` with MONGODB_URI
//   dist/dev-platform.js  `npm start` and the browser tests: a local database, then the server
// The workspace packages (@scene/schema, plugins, passwords, devdb) export TypeScript, so they are
// bundled in; the server's own dependencies stay in node_modules and load as usual, so a module
// imported on first use (sharp, exceljs) is not loaded before that use.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${server}dist`;
const { dependencies } = JSON.parse(readFileSync(`${server}package.json`, 'utf8')) as {
  dependencies: Record<string, string>;
};
const external = Object.keys(dependencies)
  .filter((name) => !name.startsWith('@scene/'))
  .flatMap((name) => [name, `${name}/*`]);

rmSync(outdir, { recursive: true, force: true });
const started = performance.now();
await build({
  entryPoints: {
    main: `${server}src/main.ts`,
    'dev-platform': `${server}../scripts/dev-platform.ts`,
  },
  outdir,
  bundle: true,
  // Code used by both entries, and what is imported on first use (the password estimator's
  // dictionaries), in chunks of their own.
  splitting: true,
  // Chunks beside the entries: src/paths.ts finds the repository root from its own file's URL,
  // two folders up, as it does from server/src/.
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // A package's ES module build where it ships one (the password estimator's CommonJS build lost
  // its named exports when bundled).
  mainFields: ['module', 'main'],
  // Error names and logged class names stay as written.
  keepNames: true,
  // Without comments and blanks the bundle's text, which V8 keeps for the life of the process,
  // is a third smaller. Names stay readable in stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  // For reading a stack trace by hand (`node --enable-source-maps` when debugging); a running
  // process does not load them.
  sourcemap: 'linked',
  logLevel: 'warning',
});
// V8 keeps a script's text as UTF-16 when one character of it is not Latin-1: one Chinese word in
// a comment made the 2.9 MB bundle 5.6 MB of heap (heap snapshot). esbuild escapes strings but
// not regular expression literals (the address mask's 幢|栋|号楼), so the rest is escaped here;
// `\uXXXX` means the same in a regular expression, and a line's source map columns shift by the
// escapes only.
for (const file of readdirSync(outdir).filter((f) => f.endsWith('.js'))) {
  const path = `${outdir}/${file}`;
  const text = readFileSync(path, 'utf8');
  const ascii = text.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (ascii !== text) writeFileSync(path, ascii);
}
console.log(
  `server built into ${outdir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
