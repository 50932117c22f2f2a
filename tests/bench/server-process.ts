// The server as production runs it, for figures that belong to the server process alone (its
// memory): server/package.json's `start` (the compiled entry, built first, with its node flags) in
// a process of its own, against the bench's database, with production's configuration.
import { freePort } from '@scene/devdb';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serverDir = `${root}server`;

/** server/package.json's `start` (`node <flags> dist/main.js`): the bench runs what it says. */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(`${serverDir}/package.json`, 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start!.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`server's start script is not a node command: ${words}`);
  return words.slice(1);
}

/** Resident memory of a process, from /proc/<pid>/status, in MB (1 MB = 2^20 bytes). */
export interface ProcessMemory {
  /** VmRSS: what the process holds in RAM. */
  rss: number;
  /** RssAnon: its own allocations (the JavaScript heap, buffers, malloc). */
  anon: number;
  /** RssFile: mapped files (node's binary, shared libraries such as libvips). */
  file: number;
  /** VmHWM: the most it has held at once. */
  peak: number;
  /**
   * Of `anon`, malloc's main heap (the `[heap]` mapping): native buffers such as the cached
   * bundles' bytes. The rest of `anon` is mostly V8's heap pages (256 KB mappings).
   */
  malloc: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  memory(): ProcessMemory;
  stop(): Promise<void>;
}

export function processMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(m[1]) / 1024;
  };
  return {
    rss: kb('VmRSS'),
    anon: kb('RssAnon'),
    file: kb('RssFile'),
    peak: kb('VmHWM'),
    malloc: mallocHeap(pid),
  };
}

/** Resident MB of the `[heap]` mapping (brk: glibc's main arena), from /proc/<pid>/smaps. */
function mallocHeap(pid: number): number {
  const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const at = smaps.search(/ \[heap\]\n/);
  if (at < 0) return 0;
  const m = /^Rss:\s+(\d+) kB/m.exec(smaps.slice(at));
  return m ? Number(m[1]) / 1024 : 0;
}

/**
 * Builds the server and runs its `start` command on `mongoUri`/`dbName`; resolves once
 * its /healthz answers. `env` adds to (or overrides) production's settings.
 */
export async function startServerProcess(
  mongoUri: string,
  dbName: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const built = spawnSync('node', ['--import', 'tsx', 'scripts/build.ts'], {
    cwd: serverDir,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('building the server failed');
  const port = await freePort();
  const child = spawn('node', startCommand(), {
    cwd: serverDir,
    // Its request log goes nowhere; warnings and errors are shown.
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: mongoUri,
      MONGODB_DB: dbName,
      SESSION_SECRET: 's'.repeat(32),
      PARTICIPATION_SECRET: 'p'.repeat(32),
      // As the bench's own connection: a loaded machine is not a database outage.
      DB_TIMEOUT_MS: '30000',
      ...env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (waited > 120_000) throw new Error('the server did not answer /healthz in 2 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    memory: () => processMemory(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
