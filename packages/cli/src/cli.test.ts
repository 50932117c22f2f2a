import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/scene.mjs', import.meta.url));

function run(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let valid: string;
const received: { auth?: string; body?: unknown }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    received.push({ auth: req.headers.authorization, body: JSON.parse(body || 'null') });
    if (req.url === '/missing/api/v1/plugins') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":{"code":"not_found","message":"no route"}}');
    } else if (req.url === '/api/v1/plugins') {
      res.writeHead(409, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: {
            code: 'version_exists',
            message: 'acme.repairs@1.0.0 is already published',
            details: { latest: '1.0.0' },
          },
        }),
      );
    } else res.writeHead(500).end();
  });
});
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scene-cli-'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const init = await run(['plugin', 'init', 'repairs', '--id', 'acme.repairs'], dir);
  expect(init.code).toBe(0);
  valid = join(dir, 'repairs', 'plugin.json');
}, 60_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('scene CLI', () => {
  it('init writes a plugin that validates (exit 0)', async () => {
    const r = await run(['plugin', 'validate', valid], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('acme.repairs@1.0.0');
    expect(r.stdout).toContain('valid');
    expect(await readFile(join(dir, 'repairs', 'README.md'), 'utf8')).toContain(
      'scene plugin validate',
    );
    // The current format, with a schedule and a figure to start from.
    const written = JSON.parse(await readFile(valid, 'utf8'));
    expect(written.manifestVersion).toBe(2);
    expect(written.schedules.unaccepted.after).toEqual({ field: 'createdAt', offset: 'PT4H' });
    expect(written.queries.reportedPerDay).toMatchObject({ kind: 'aggregate', scope: 'community' });
    expect(written.metrics[0]).toMatchObject({ query: 'reportedPerDay', measure: 'reported' });
    const records = JSON.parse(
      await readFile(join(dir, 'repairs', 'fixtures', 'records.json'), 'utf8'),
    );
    expect(records.tickets[0]).toMatchObject({ _id: 't1', createdBy: 'u1' });
  }, 30_000);

  it('rejects a broken manifest with pointers in both languages; --json for tools (exit 1)', async () => {
    const m = JSON.parse(await readFile(valid, 'utf8'));
    m.actions.report.roles.push('public');
    delete m.collections.tickets.retention;
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(m));
    const human = await run(['plugin', 'validate', valid, bad], dir);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('/actions/report/roles/1');
    expect(human.stdout).toContain('只能读取');
    expect(human.stdout).toContain('must declare retention.days');
    const json = await run(['plugin', 'validate', bad, '--json'], dir);
    expect(json.code).toBe(1);
    const [result] = JSON.parse(json.stdout);
    expect(result.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/actions/report/roles/1',
      '/collections/tickets',
    ]);
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{ nope');
    const syntax = (await run(['plugin', 'validate', notJson], dir)).stdout;
    expect(syntax).toContain('json.parse');
    // Where and why in both languages, never the engine's own English.
    expect(syntax).toContain('JSON 格式错误（第 1 行第 3 列）');
    expect(syntax).toContain('Not valid JSON (line 1, column 3)');
    expect(syntax).not.toContain('Unexpected');
  }, 30_000);

  it('diff accepts a compatible version and rejects a breaking one', async () => {
    const m = JSON.parse(await readFile(valid, 'utf8'));
    m.version = '1.1.0';
    m.collections.tickets.schema.properties.note = { type: 'string', maxLength: 200 };
    const ok = join(dir, 'ok.json');
    await writeFile(ok, JSON.stringify(m));
    const good = await run(['plugin', 'diff', valid, ok], dir);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('/collections/tickets/schema/properties/note');
    // The kind of the version change in words, as the studio's review screens name it.
    expect(good.stdout).toContain('版本变化 / version change: 次版本升级 / minor version');
    delete m.collections.tickets.schema.properties.rating;
    delete m.actions.rate;
    m.permissions = m.permissions.filter((p: { scope: string }) => p.scope !== 'points:award');
    m.views[1].root.children[1].children.pop();
    const breaking = join(dir, 'breaking.json');
    await writeFile(breaking, JSON.stringify(m));
    const r = await run(['plugin', 'diff', valid, breaking], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('BREAKING');
    expect(r.stdout).toContain('upgrade.bump');
  }, 30_000);

  it('publish posts the manifest with the token and explains 404 and API errors', async () => {
    const missing = await run(
      ['plugin', 'publish', valid, '--server', `${base}/missing`, '--token', 't0k'],
      dir,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no Scene Platform registry at ${base}/missing`);
    expect(missing.stderr).toContain('check --server');
    expect(received[0]?.auth).toBe('Bearer t0k');
    expect((received[0]?.body as { id: string }).id).toBe('acme.repairs');
    const conflict = await run(
      ['plugin', 'publish', valid, '--server', base, '--token', 't0k'],
      dir,
    );
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('HTTP 409 version_exists');
    expect(conflict.stderr).toContain('already published');
    expect(conflict.stderr).toContain('"latest": "1.0.0"');
    const usage = await run(['plugin', 'publish', valid], dir);
    expect(usage.code).toBe(2);
  }, 30_000);
});
