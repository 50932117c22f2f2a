// Issue 13: in production the server never starts a throw-away local database; without
// MONGODB_URI it stops with a clear message. Both entry points are started as an operator would
// start them, as processes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from './paths';

const SECRET = 'x'.repeat(48);

function start(script: string, dataDir: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: SECRET,
    PARTICIPATION_SECRET: SECRET,
    DATA_DIR: dataDir,
    PORT: '0',
  };
  delete env.MONGODB_URI;
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', repoPath(script)],
      { cwd: repoPath(), env, timeout: 90_000 },
      (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
}

describe('production without MONGODB_URI', () => {
  const dataDir = () => join(mkdtempSync(join(tmpdir(), 'scene-prod-')), 'data');

  it('the server stops, saying how to give it a database', async () => {
    const dir = dataDir();
    const { code, stderr } = await start('server/src/main.ts', dir);
    expect(code).toBe(1);
    expect(stderr).toContain('MONGODB_URI is not set');
    expect(existsSync(dir)).toBe(false);
  }, 120_000);

  it('the development launcher refuses before starting any database', async () => {
    const dir = dataDir();
    const { code, stderr } = await start('scripts/dev-platform.ts', dir);
    expect(code).toBe(1);
    expect(stderr).toContain('never starts a throw-away database in production');
    // A started FerretDB or mongod would have made its data folder.
    expect(existsSync(dir)).toBe(false);
  }, 120_000);
});
