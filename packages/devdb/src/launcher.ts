import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuSecondsOf } from './cpu';
import { DatabaseUnavailableError, HOW_TO_PROVIDE_A_DATABASE } from './errors';
import { buildFerretDb, ferretDbArgs, findFerretDb, WAL_LIMIT_BYTES } from './ferretdb';
import { canConnect, freePort } from './ports';
import { DEFAULT_WAL_POLICY, startWalCheckpoints, type WalPolicy } from './wal';
import { findOnPath } from './which';

export type DatabaseKind = 'external' | 'mongod' | 'ferretdb';

export interface DatabaseServer {
  /** Connection string without a database name, e.g. `mongodb://127.0.0.1:27017/`. */
  uri: string;
  kind: DatabaseKind;
  /** Stops the server if this launcher started it; idempotent. */
  stop(): Promise<void>;
  /** Bytes on disk of a database this launcher started (undefined for MONGODB_URI). */
  diskUsage?(): DiskUsage;
  /**
   * CPU seconds the server a launcher started has used so far (undefined for MONGODB_URI, or
   * without /proc): benches divide its growth by the requests served.
   */
  cpuSeconds?(): number | undefined;
}

export interface DiskUsage {
  totalBytes: number;
  /** SQLite write-ahead logs (FerretDB); bounded by the launcher. */
  walBytes: number;
  /**
   * The launcher's checkpoints of FerretDB's logs (wal.ts): logs cut back, attempts readers kept
   * from finishing; null when no `sqlite3` shell is on the PATH to run them.
   */
  walCheckpoints?: { done: number; busy: number } | null;
}

export interface StartDatabaseOptions {
  /** Keep data here across runs; when absent a throw-away folder is used and removed on stop. */
  dataDir?: string;
  /** How long to wait for the server to accept connections. */
  timeoutMs?: number;
  /** Defaults to process.env; injectable for tests. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** When FerretDB's write-ahead logs are checkpointed (tests shorten it). */
  walPolicy?: Partial<WalPolicy>;
}

/**
 * Finds or starts a MongoDB-compatible server, in this order: MONGODB_URI, a `mongod` on the
 * PATH, FerretDB (our patched build in $(go env GOPATH)/bin, built there when Go is present;
 * without Go, a `ferretdb` on the PATH).
 */
export async function startDatabase(options: StartDatabaseOptions = {}): Promise<DatabaseServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  if (env.MONGODB_URI) {
    return { uri: env.MONGODB_URI, kind: 'external', stop: async () => {} };
  }
  const mongod = findOnPath('mongod', env.PATH);
  let ferret = mongod ? undefined : findFerretDb(env.PATH);
  if (!mongod && !ferret && findOnPath('go', env.PATH)) {
    try {
      ferret = buildFerretDb(log);
    } catch (err) {
      throw new DatabaseUnavailableError(
        `Building FerretDB failed: ${(err as Error).message}\n\n${HOW_TO_PROVIDE_A_DATABASE}`,
      );
    }
  }
  if (!mongod && !ferret) throw new DatabaseUnavailableError(HOW_TO_PROVIDE_A_DATABASE);

  const throwaway = !options.dataDir;
  const dataDir = options.dataDir
    ? resolve(options.dataDir)
    : mkdtempSync(join(tmpdir(), 'scene-db-'));
  const dbDir = join(dataDir, mongod ? 'mongod' : 'ferretdb');
  mkdirSync(dbDir, { recursive: true });
  const port = await freePort();
  const [binary, args]: [string, string[]] = mongod
    ? [mongod, ['--dbpath', dbDir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet']]
    : [ferret!, ferretDbArgs(dbDir, port)];
  const logFile = join(dataDir, `${mongod ? 'mongod' : 'ferretdb'}.log`);
  const child = spawnWithWatchdog(binary, args, logFile);
  const sqlite3 = mongod ? undefined : findOnPath('sqlite3', env.PATH);
  if (!mongod && !sqlite3)
    log("no sqlite3 shell on the PATH: FerretDB's write-ahead log is left to grow under load");
  const wal = sqlite3
    ? startWalCheckpoints(dbDir, sqlite3, {
        ...DEFAULT_WAL_POLICY,
        limitBytes: WAL_LIMIT_BYTES,
        ...options.walPolicy,
      })
    : undefined;

  const server: DatabaseServer = {
    uri: `mongodb://127.0.0.1:${port}/`,
    kind: mongod ? 'mongod' : 'ferretdb',
    stop: once(async () => {
      wal?.stop();
      process.off('exit', killOnExit);
      await terminate(child);
      if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    }),
    diskUsage: () => ({
      ...diskUsage(dbDir),
      ...(mongod ? {} : { walCheckpoints: wal ? { done: wal.done, busy: wal.busy } : null }),
    }),
    cpuSeconds: () => (child.pid === undefined ? undefined : cpuSecondsOf(child.pid)),
  };
  // Backstop for exits that skip graceful shutdown; the watchdog covers even SIGKILL.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop().catch(() => {});
      const why =
        child.exitCode !== null
          ? `exited with code ${child.exitCode}`
          : `did not accept connections within ${timeoutMs} ms`;
      throw new DatabaseUnavailableError(`${server.kind} ${why}. Its log:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  log(`${server.kind} listening on 127.0.0.1:${port} (data in ${dbDir})`);
  return server;
}

/**
 * Runs the database under a tiny shell that (1) stops it when this process disappears, so a
 * `kill -9` of the platform leaves no database behind, and (2) starts it again on the same port
 * and data when it dies on its own (the driver reconnects by itself). A database that dies within
 * 5 s of starting, three times in a row, is left down: its log says why.
 */
function spawnWithWatchdog(binary: string, args: string[], logFile: string): ChildProcess {
  const script = [
    'db="$1"; shift; parent="$1"; shift',
    'child=""; quick=0',
    "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT",
    'while kill -0 "$parent" 2>/dev/null; do',
    '  started=$(date +%s)',
    '  "$db" "$@" & child=$!',
    '  while kill -0 "$parent" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done',
    '  kill -0 "$parent" 2>/dev/null || break',
    '  wait $child; code=$?',
    '  if [ $(( $(date +%s) - started )) -lt 5 ]; then quick=$((quick + 1)); else quick=0; fi',
    '  if [ $quick -ge 3 ]; then echo "[watchdog] the database keeps exiting (code $code); giving up"; exit 1; fi',
    '  echo "[watchdog] the database exited (code $code); starting it again"',
    '  sleep 1',
    'done',
    'kill $child 2>/dev/null; wait $child',
  ].join('\n');
  const fd = openSync(logFile, 'a');
  try {
    return spawn('sh', ['-c', script, 'sh', binary, String(process.pid), ...args], {
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function diskUsage(dir: string): DiskUsage {
  const usage = { totalBytes: 0, walBytes: 0 };
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const size = statSync(p).size;
        usage.totalBytes += size;
        if (entry.name.endsWith('-wal')) usage.walBytes += size;
      }
    }
  };
  walk(dir);
  return usage;
}

function tail(file: string, bytes = 4000): string {
  try {
    const text = readFileSync(file, 'utf8');
    return text.length > bytes ? `…${text.slice(-bytes)}` : text || '(empty)';
  } catch {
    return '(no log written)';
  }
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
