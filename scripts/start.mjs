// `npm start`: installs what is missing, builds the front ends and the server, then runs the
// platform with demo data on a local database kept in .data/. The server runs in this process,
// compiled (no TypeScript transform at load), so Ctrl-C or a kill of it stops the database too.
import {
  buildFrontEnds,
  buildServer,
  ensureDatabase,
  ensurePnpm,
  installDependencies,
  root,
} from './lib.mjs';

ensurePnpm();
installDependencies();
ensureDatabase();
buildFrontEnds();
buildServer();

process.env.NODE_ENV ??= 'development';
process.chdir(root);

// Ctrl-C reaches the whole process group, but a kill of `npm start` itself (even -9) only ends
// npm and its shell: when our parent is gone, stop as on Ctrl-C, taking the database along.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
}, 1000).unref();
await import('../server/dist/dev-platform.js');
