// Helpers for the top-level commands. Plain Node ESM with no dependencies, because these run
// before `pnpm install` on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

export function log(message) {
  console.log(`\x1b[36m›\x1b[0m ${message}`);
}

/** Runs a command in the repo root with inherited output; exits on failure. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(
      `\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`,
    );
    process.exit(result.status ?? 1);
  }
}

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** pnpm 10 on the PATH, installed with npm when missing (corepack cannot verify signatures here). */
export function ensurePnpm() {
  if (works('pnpm', ['--version'])) return;
  log('installing pnpm 10 with npm…');
  run('npm', ['install', '--global', 'pnpm@10']);
}

export function installDependencies() {
  log('installing dependencies (pnpm install --frozen-lockfile)…');
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
}

/** Makes sure a database can be started (builds FerretDB once when needed). */
export function ensureDatabase() {
  run('node', ['--import', 'tsx', 'packages/devdb/src/cli.ts', 'ensure']);
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chinese glyphs for screenshots of Chinese pages (test artefacts, README pictures). */
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** Debian's Chromium (and a CJK font) for the browser tests; browsers cannot be downloaded here. */
export function ensureChromium() {
  if (existsSync(chromiumPath) && existsSync(cjkFont)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && works('apt-get', ['--version'])) {
    log("installing Debian's chromium for the browser tests…");
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']);
    return;
  }
  if (existsSync(chromiumPath)) return; // screenshots show boxes for Chinese, tests still run
  console.error(
    `Chromium is needed for the browser tests but ${chromiumPath} does not exist.\n` +
      'Install it with `sudo apt-get install chromium`, or set CHROMIUM_PATH to a Chromium binary.',
  );
  process.exit(1);
}

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', 'dist-server'].includes(entry.name)) continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The server as JavaScript in server/dist/ (server/scripts/build.ts, a few seconds): every start
 * runs it, so what runs is never older than the sources.
 */
export function buildServer() {
  run('node', ['--import', 'tsx', 'scripts/build.ts'], { cwd: join(root, 'server') });
}

/** Builds the studio and the resident portal unless their builds are newer than every source. */
export function buildFrontEnds({ force = false } = {}) {
  const outputs = [
    'studio/dist/index.html',
    'packages/portal/dist/index.html',
    // The portal's server renderer of the first page, built after the portal.
    'packages/portal/dist-server/entry-server.js',
  ].map((p) => join(root, p));
  const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = Math.max(
    ...['studio', 'packages', 'plugins', 'pnpm-lock.yaml'].map((p) => {
      const full = join(root, p);
      return existsSync(full) && statSync(full).isFile()
        ? statSync(full).mtimeMs
        : newestMtime(full);
    }),
  );
  if (!force && built > sources) return;
  log('building the studio and the resident portal…');
  run('pnpm', ['build']);
}
