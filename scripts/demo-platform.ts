// The platform for the scripts that picture it (screenshot*.ts): started as `npm start` starts it,
// on a throw-away data folder and a port of its own, or one already running at `url`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** A first start seeds the demo province and rolls a year up: room for a loaded machine. */
const READY_MS = 300_000;

export interface DemoPlatformOptions {
  /** A platform already running (e.g. `http://127.0.0.1:8080`): nothing is started. */
  url?: string;
  /** More environment for the started platform. */
  env?: Record<string, string>;
}

export interface DemoPlatform {
  readonly base: string;
  /** Waits for the platform, runs `work`, then stops what it started; a failure sets the exit code. */
  run(work: () => Promise<void>): void;
}

export function demoPlatform(o: DemoPlatformOptions = {}): DemoPlatform {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  let base = o.url;
  if (!base) {
    const port = 21_000 + (process.pid % 9_000);
    base = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'scene-screenshot-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev-platform.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...o.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const url = base;

  async function ready(): Promise<void> {
    const until = Date.now() + READY_MS;
    while (Date.now() < until) {
      if (child && child.exitCode !== null)
        throw new Error('the platform stopped before it was ready');
      const up = await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    throw new Error(`the platform was not ready within ${READY_MS / 1000} s`);
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });

  return {
    base: url,
    run(work) {
      ready()
        .then(work)
        .catch((err: unknown) => {
          console.error(err);
          process.exitCode = 1;
        })
        .finally(async () => {
          await stop();
          if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        });
    },
  };
}
