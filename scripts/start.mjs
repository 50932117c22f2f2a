// `npm start`: installs what is missing, builds the front ends, then runs the platform with demo
// data on a local database kept in .data/. The server runs in this process, so Ctrl-C or a kill
// of it stops the database too.
import { buildFrontEnds, ensureDatabase, ensurePnpm, installDependencies, root } from './lib.mjs';

ensurePnpm();
installDependencies();
ensureDatabase();
buildFrontEnds();

process.env.NODE_ENV ??= 'development';
process.chdir(root);
const { register } = await import('tsx/esm/api');
register();
await import('../server/src/main.ts');
