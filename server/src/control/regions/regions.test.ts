import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { suppressRows } from './service';

const db = useTestDatabase('regions');
let t: TestServer;
let admin: string;
let supA: string;
let supB: string;

/**
 * 浙江 → 杭州 → 西湖区 (A) / 拱墅区 (B) → one street each; A has two communities, B one.
 * Residents: a-one 7, a-two 2, b-one 6.
 */
const TREE = [
  { id: 'zj', name: '浙江省', level: 'province' },
  { id: 'zj-hz', name: '杭州市', level: 'city', parentId: 'zj' },
  { id: 'zj-hz-xh', name: '西湖区', level: 'district', parentId: 'zj-hz' },
  { id: 'zj-hz-gs', name: '拱墅区', level: 'district', parentId: 'zj-hz' },
  { id: 'xh-bsq', name: '北山街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'gs-hs', name: '和睦街道', level: 'street', parentId: 'zj-hz-gs' },
];
const COMMUNITIES = [
  { id: 'a-one', street: 'xh-bsq', residents: 7, type: 'renovation' },
  { id: 'a-two', street: 'xh-bsq', residents: 2, type: 'new-build' },
  { id: 'b-one', street: 'gs-hs', residents: 6, type: 'renovation' },
];
const B_IDS = ['zj-hz-gs', 'gs-hs', 'b-one'];

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'r-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE) {
    const res = await t.call('POST', '/api/v1/regions', { as: admin, body });
    expect(res.status, res.text).toBe(201);
  }
  const m = manifest('acme.repairs');
  await publishApproved(t.services, m);
  for (const c of COMMUNITIES) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id: c.id, name: `社区 ${c.id}`, city: '杭州', district: 'x', type: c.type },
    });
    await t.call('POST', `/api/v1/communities/${c.id}/installations`, {
      as: admin,
      body: { pluginId: m.id, acceptPermissions: m.permissions.map((p) => p.scope) },
    });
    const placed = await t.call('PUT', `/api/v1/regions/${c.street}/communities/${c.id}`, {
      as: admin,
    });
    expect(placed.status, placed.text).toBe(204);
    for (let i = 0; i < c.residents; i++) {
      const r = await sessionFor(t.services, { username: `res-${c.id}-${i}` });
      await t.services.members.ensure(c.id, r.accountId, 'resident');
    }
  }
  const scoped = async (username: string, regionId: string) => {
    const s = await sessionFor(t.services, { username });
    const res = await t.call('PUT', `/api/v1/regions/${regionId}/supervisors/${s.accountId}`, {
      as: admin,
    });
    expect(res.status, res.text).toBe(204);
    return s.token;
  };
  supA = await scoped('sup-a', 'zj-hz-xh');
  supB = await scoped('sup-b', 'zj-hz-gs');
});
afterAll(() => t.close());

describe('the region tree', () => {
  it('keeps the levels in order and refuses bad nodes without changing anything', async () => {
    const bad = [
      { id: 'x-street', name: 'x', level: 'street', parentId: 'zj-hz' },
      { id: 'x-prov', name: 'x', level: 'province', parentId: 'zj' },
      { id: 'x-city', name: 'x', level: 'city', parentId: 'nowhere' },
      { id: 'x-city', name: 'x', level: 'city' },
      { id: 'X bad', name: 'x', level: 'city', parentId: 'zj' },
    ];
    for (const body of bad) {
      const res = await t.call('POST', '/api/v1/regions', { as: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toMatch(/validation_failed|bad_request/);
    }
    const dup = await t.call('POST', '/api/v1/regions', { as: admin, body: TREE[1] });
    expect(dup.status).toBe(409);
    const tree = await t.call('GET', '/api/v1/regions', { as: admin });
    expect(tree.json.items.map((r: { id: string }) => r.id)).toEqual([
      'zj',
      'zj-hz',
      'zj-hz-gs',
      'gs-hs',
      'zj-hz-xh',
      'xh-bsq',
    ]);
    expect(tree.json.scope).toBeNull();
  });

  it('places communities only under a street, and removes only empty nodes', async () => {
    const res = await t.call('PUT', '/api/v1/regions/zj-hz-xh/communities/a-one', { as: admin });
    expect(res.status).toBe(400);
    const busy = await t.call('DELETE', '/api/v1/regions/xh-bsq', { as: admin });
    expect(busy.status).toBe(409);
    expect(busy.json.error.details.placed).toBe(2);
    await t.call('POST', '/api/v1/regions', {
      as: admin,
      body: { id: 'xh-empty', name: '空街道', level: 'street', parentId: 'zj-hz-xh' },
    });
    expect((await t.call('DELETE', '/api/v1/regions/xh-empty', { as: admin })).status).toBe(204);
    expect((await t.call('DELETE', '/api/v1/regions/xh-empty', { as: admin })).status).toBe(404);
  });

  it('refuses an admin as a supervisor', async () => {
    const other = await sessionFor(t.services, { username: 'r-admin2', platformRoles: ['admin'] });
    const res = await t.call('PUT', `/api/v1/regions/zj/supervisors/${other.accountId}`, {
      as: admin,
    });
    expect(res.status).toBe(409);
  });
});

describe('a district supervisor', () => {
  it('sees the tree from their node down, and nothing of the other district', async () => {
    const tree = await t.call('GET', '/api/v1/regions', { as: supA });
    expect(tree.status).toBe(200);
    expect(tree.json.scope).toBe('zj-hz-xh');
    expect(tree.json.items.map((r: { id: string }) => r.id)).toEqual(['zj-hz-xh', 'xh-bsq']);
    for (const id of B_IDS) expect(tree.text).not.toContain(id);
    const b = await t.call('GET', '/api/v1/regions', { as: supB });
    expect(b.json.items.map((r: { id: string }) => r.id)).toEqual(['zj-hz-gs', 'gs-hs']);
  });

  it('reads figures of their district with small groups hidden', async () => {
    const res = await t.call('GET', '/api/v1/regions/zj-hz-xh/overview', { as: supA });
    expect(res.status, res.text).toBe(200);
    expect(res.json.communities).toBe(2);
    expect(res.json.byType).toEqual({ 'new-build': 1, renovation: 1 });
    expect(res.json.residents).toBe(9);
    // a-two (2 residents) is hidden, and so is a-one: 9 − 7 would give a-two away.
    expect(res.json.list.map((c: { id: string; residents: number | null }) => c.residents)).toEqual(
      [null, null],
    );
    expect(res.json.trail.map((n: { id: string }) => n.id)).toEqual(['zj', 'zj-hz', 'zj-hz-xh']);
    expect(res.json.children).toEqual([
      { id: 'xh-bsq', name: '北山街道', level: 'street', communities: 2, residents: 9 },
    ]);
    for (const id of B_IDS) expect(res.text).not.toContain(id);
    const street = await t.call('GET', '/api/v1/regions/xh-bsq/overview', { as: supA });
    expect(street.status).toBe(200);
  });

  it('gets a 404 for the other district, its street, and the nodes above', async () => {
    for (const id of ['zj-hz-gs', 'gs-hs', 'zj-hz', 'zj', 'nowhere']) {
      const res = await t.call('GET', `/api/v1/regions/${id}/overview`, { as: supA });
      expect(res.status, id).toBe(404);
      expect(res.text).not.toContain('拱墅');
    }
    const admins = await t.call('GET', '/api/v1/regions/zj/overview', { as: admin });
    expect(admins.json.communities).toBe(3);
    expect(admins.json.residents).toBe(15);
  });

  it('is read-only: every region write is refused', async () => {
    const writes: [string, string][] = [
      ['POST', '/api/v1/regions'],
      ['PATCH', '/api/v1/regions/zj-hz-xh'],
      ['DELETE', '/api/v1/regions/xh-bsq'],
      ['PUT', '/api/v1/regions/xh-bsq/communities/b-one'],
      ['PUT', `/api/v1/regions/zj-hz-xh/supervisors/${'0'.repeat(24)}`],
      ['DELETE', `/api/v1/regions/zj-hz-xh/supervisors/${'0'.repeat(24)}`],
    ];
    for (const [method, path] of writes) {
      const res = await t.call(method, path, {
        as: supA,
        ...(method === 'DELETE' ? {} : { body: { name: 'x', id: 'yy', level: 'street' } }),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const tree = await t.call('GET', '/api/v1/regions', { as: admin });
    expect(tree.json.items).toHaveLength(6);
  });
});

/** Keys that name a person or carry a record; none may reach a supervisor. */
const PERSONAL =
  /^(username|displayName|accountId|createdBy|updatedBy|actorId|memberId|phone|email|idNumber|realName|name_of_person|records?|members|data)$/;

/**
 * Where a key in an answer names a person or a record. A plugin manifest (the registry's
 * catalogue, readable by every account) declares fields such as `phone` but holds no values, so
 * it is not searched.
 */
function personalKeys(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => personalKeys(v, `${at}/${i}`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === 'manifest' ? [] : personalKeys(v, `${at}/${k}`)),
    ...(PERSONAL.test(k) ? [`${at}/${k}`] : []),
  ]);
}

/**
 * Routes about the caller's own account (their own name and inbox are not someone else's data);
 * everything under `/api/v1/me/` is too.
 */
const SELF = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/register',
  'POST /api/v1/auth/password',
]);
const isSelf = (method: string, template: string) =>
  SELF.has(`${method} ${template}`) || template.startsWith('/api/v1/me/');
/** The API's own description names fields (`username`...) but holds no one's values. */
const DESCRIPTIONS = new Set(['/api/v1/openapi.json']);

describe('every route a supervisor may call', () => {
  it('answers no record and no personal field, and writes nothing', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json')).json;
    const fill = (path: string) =>
      path
        .replace('{communityId}', 'a-one')
        .replace('{regionId}', 'zj-hz-xh')
        .replace('{pluginId}', 'acme.repairs')
        .replace('{version}', '1.0.0')
        .replace(
          /\{(accountId|tokenId|invitationId|recordId|uploadId|linkId|id)\}/g,
          '0'.repeat(24),
        )
        .replace(/\{[A-Za-z]+\}/g, 'x');
    const readable: string[] = [];
    for (const [template, ops] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) {
        const route = `${method.toUpperCase()} ${template}`;
        if (isSelf(method.toUpperCase(), template) || DESCRIPTIONS.has(template)) continue;
        const res = await t.call(method.toUpperCase(), fill(template), {
          as: supA,
          ...(method === 'get' || method === 'delete' ? {} : { body: {} }),
        });
        expect(res.status, `${route} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (method !== 'get') {
          // The writes of a district supervisor (build stages, a report's re-freeze) get an
          // empty body here: refused as malformed, so nothing is written either.
          const allowed = [
            'PUT /api/v1/communities/{communityId}/build',
            'POST /api/v1/operations/reports/revisions',
          ].includes(route)
            ? [400]
            : [];
          expect([401, 403, ...allowed], `${route} → ${res.status}`).toContain(res.status);
          continue;
        }
        if (res.status >= 300) continue;
        readable.push(route);
        if (res.json) expect(personalKeys(res.json), route).toEqual([]);
        for (const id of B_IDS) expect(res.text, route).not.toContain(id);
      }
    }
    // The walk reached the supervisor's own figures (else it proves nothing).
    expect(readable).toContain('GET /api/v1/regions/{regionId}/overview');
    expect(readable).toContain('GET /api/v1/regions');
  });
});

describe('suppressRows', () => {
  it('hides small rows and, when needed, the next smallest so the total gives nothing away', () => {
    const rows = (...people: number[]) => people.map((p, i) => ({ i, people: p }));
    const shown = (...people: number[]) => suppressRows(rows(...people)).map((r) => r.residents);
    expect(shown(10, 7, 2)).toEqual([10, null, null]);
    expect(shown(10, 7, 2, 3)).toEqual([10, 7, null, null]);
    expect(shown(10, 6)).toEqual([10, 6]);
    expect(shown(0, 6)).toEqual([null, 6]);
  });
});
