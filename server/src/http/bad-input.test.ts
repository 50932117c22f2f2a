import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixWorld, type Role } from '../testing/matrix-fixture';
import { useTestDatabase } from '../testing/database';
import { startTestServer, type TestServer } from '../testing/server';

const db = useTestDatabase('bad-input');
let t: TestServer;
let sessions: Record<Role, string | undefined>;
type Op = { tags: string[]; requestBody?: unknown; parameters?: { name: string; in: string }[] };
let operations: { method: string; path: string; op: Op }[] = [];

const CONTROL_PLANE_TAGS = new Set([
  'auth',
  'accounts',
  'communities',
  'members',
  'audit',
  'registry',
  'installations',
  'portal',
  'runtime',
]);
const fill = (path: string) =>
  path
    .replace('{communityId}', 'own-c')
    .replace('{pluginId}', 'acme.repairs')
    .replace('{version}', '1.0.0')
    .replace(/\{(accountId|tokenId|invitationId)\}/, '000000000000000000000000');

beforeAll(async () => {
  t = await startTestServer(db.connection());
  sessions = await matrixWorld(t);
  const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Op>>)) {
    for (const [method, op] of Object.entries(ops)) {
      if (op.tags.some((tag) => CONTROL_PLANE_TAGS.has(tag)))
        operations.push({ method: method.toUpperCase(), path, op });
    }
  }
  operations = operations.filter((o) => !o.path.endsWith('/logout'));
});
afterAll(() => t.close());

/** Every document in every collection the control plane writes. */
async function snapshot(): Promise<number[]> {
  const models = Object.values(t.services.models) as { countDocuments(): Promise<number> }[];
  return Promise.all(models.map((m) => m.countDocuments()));
}

let deep: unknown = 1;
for (let i = 0; i < 200; i++) deep = { a: deep };
const HOSTILE: [string, string, number[]][] = [
  ['malformed JSON', '{"name": ', [400]],
  ['an array instead of an object', '[1,2,3]', [400]],
  ['a string instead of an object', '"hello"', [400]],
  ['a $-operator key', '{"name": {"$gt": ""}, "$where": "1"}', [400]],
  ['a __proto__ key', '{"__proto__": {"admin": true}}', [400]],
  ['a constructor key', '{"constructor": {"prototype": {"x": 1}}}', [400]],
  ['200 levels of nesting', JSON.stringify({ x: deep }), [400]],
  ['an oversize body', JSON.stringify({ big: 'x'.repeat(300 * 1024) }), [413]],
];

describe('bad input on every route with a body', () => {
  it('answers 4xx in the shared error format and writes nothing', async () => {
    const withBody = operations.filter((o) => o.op.requestBody);
    expect(withBody.length).toBeGreaterThanOrEqual(18);
    const before = await snapshot();
    for (const { method, path } of withBody) {
      for (const [what, raw, statuses] of HOSTILE) {
        const res = await t.call(method, fill(path), { as: sessions.admin, raw });
        const label = `${method} ${path} with ${what}: ${res.status} ${res.text.slice(0, 160)}`;
        expect(statuses, label).toContain(res.status);
        expect(typeof res.json?.error?.code, label).toBe('string');
        expect(res.text, label).not.toMatch(/at .*\.ts:\d+/);
      }
      const wrongType = await t.call(method, fill(path), {
        as: sessions.admin,
        body: { unexpected: 1 },
      });
      expect(wrongType.status, `${method} ${path} with an unknown field`).toBeGreaterThanOrEqual(
        400,
      );
      expect(wrongType.status).toBeLessThan(500);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('never answers 5xx to hostile query strings and path values', async () => {
    for (const { method, path, op } of operations) {
      if (method !== 'GET') continue;
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => `${p.name}=%24where${'x'.repeat(3000)}`);
      const url = `${fill(path)}${query.length ? `?${query.join('&')}` : ''}`;
      const res = await t.call(method, url, { as: sessions.admin });
      expect(res.status, `${url.slice(0, 100)} → ${res.text.slice(0, 120)}`).toBeLessThan(500);
      const weird = await t.call(method, path.replace(/\{[A-Za-z]+\}/g, '%24ne'), {
        as: sessions.admin,
      });
      expect(weird.status, `${path} with $ne params`).toBeLessThan(500);
    }
  });
});
