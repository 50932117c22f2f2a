import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import type { Evaluation } from './score';

const db = useTestDatabase('evaluation');
let t: TestServer;
let admin: string;
let supA: string;
let operator: string;

const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const TREE = [
  { id: 'ev', name: '浙江省', level: 'province' },
  { id: 'ev-hz', name: '杭州市', level: 'city', parentId: 'ev' },
  { id: 'ev-hz-a', name: '西湖区', level: 'district', parentId: 'ev-hz' },
  { id: 'ev-hz-b', name: '拱墅区', level: 'district', parentId: 'ev-hz' },
  { id: 'ev-a-st', name: '北山街道', level: 'street', parentId: 'ev-hz-a' },
  { id: 'ev-b-st', name: '和睦街道', level: 'street', parentId: 'ev-hz-b' },
];
/** Tickets in the last days, and the street; the first community has no plugin at all. */
const COMMUNITIES: Record<string, { tickets: number; street: string; install: boolean }> = {
  'ev-a-one': { tickets: 0, street: 'ev-a-st', install: false },
  'ev-a-two': { tickets: 8, street: 'ev-a-st', install: true },
  'ev-b-one': { tickets: 6, street: 'ev-b-st', install: true },
};
const NOW = new Date('2026-11-30T04:00:00Z');
const GOOD = { satisfaction: 25, activity: 25, response: 25, coverage: 25 };

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => NOW;
  admin = (await sessionFor(t.services, { username: 'ev-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  await publishApproved(t.services, repair.manifest);
  for (const [id, c] of Object.entries(COMMUNITIES)) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `社区 ${id}`, city: '杭州', district: 'x', type: 'renovation' },
    });
    await t.call('PUT', `/api/v1/regions/${c.street}/communities/${id}`, { as: admin });
    if (!c.install) {
      // Whatever the platform installs by itself goes: this community offers nothing.
      await t.services.models.Installation.deleteMany({ communityId: id });
      continue;
    }
    const inst = await t.call('POST', `/api/v1/communities/${id}/installations`, {
      as: admin,
      body: {
        pluginId: repair.manifest.id,
        config: repair.fixtures.config,
        acceptPermissions: repair.manifest.permissions.map((p) => p.scope),
      },
    });
    expect([201, 409], inst.text).toContain(inst.status);
    const res = await sessionFor(t.services, { username: `res-${id}` });
    await t.services.members.ensure(id, res.accountId, 'resident');
    for (let n = 0; n < c.tickets; n++) {
      t.services.dataPlane.now = () => new Date(NOW.getTime() - (n + 1) * 86_400_000);
      const r = await t.call(
        'POST',
        `/api/v1/communities/${id}/plugins/${repair.manifest.id}/actions/report`,
        {
          as: res.token,
          body: {
            input: {
              category: 'plumbing',
              locationType: 'room',
              room: '1幢1单元101',
              title: '水管漏水',
              contactName: '李四',
              contactPhone: '13800001111',
            },
          },
        },
      );
      expect(r.status, r.text).toBe(201);
    }
    t.services.dataPlane.now = () => NOW;
  }
  const s = await sessionFor(t.services, { username: 'ev-sup-a' });
  await t.call('PUT', `/api/v1/regions/ev-hz-a/supervisors/${s.accountId}`, { as: admin });
  supA = s.token;
  const op = await sessionFor(t.services, { username: 'ev-op' });
  await t.services.members.ensure('ev-a-two', op.accountId, 'operator');
  operator = op.token;
});
afterAll(() => t.close());

const evaluationOf = async (regionId: string, as: string): Promise<Evaluation> => {
  const r = await t.call('GET', `/api/v1/regions/${regionId}/dashboard?period=30d`, { as });
  expect(r.status, r.text).toBe(200);
  return (r.json as { evaluation: Evaluation }).evaluation;
};
const put = (as: string, weights: unknown) =>
  t.call('PUT', '/api/v1/operations/evaluation', { as, body: { weights } });

describe('the evaluation weights', () => {
  it('start as the defaults, version 0, read by admins and supervisors only', async () => {
    const r = await t.call('GET', '/api/v1/operations/evaluation', { as: supA });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      version: 0,
      weights: { satisfaction: 30, activity: 20, response: 20, coverage: 30 },
      at: null,
    });
    expect((await t.call('GET', '/api/v1/operations/evaluation', { as: operator })).status).toBe(
      403,
    );
  });

  it('refuse bad weights with a 400 naming the field, and change nothing', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...GOOD, coverage: 15 }, /weights/],
      [{ ...GOOD, coverage: 120, activity: -70 }, /coverage|activity/],
      [{ ...GOOD, beauty: 0 }, /beauty/],
      [{ satisfaction: 50, activity: 50, response: 0 }, /coverage/],
      [{ ...GOOD, coverage: '25' }, /coverage/],
    ];
    for (const [weights, field] of cases) {
      const r = await put(admin, weights);
      expect(r.status, JSON.stringify(weights)).toBe(400);
      expect(JSON.stringify(r.json.error), JSON.stringify(weights)).toMatch(field);
    }
    expect((await put(supA, GOOD)).status).toBe(403);
    expect((await put(operator, GOOD)).status).toBe(403);
    const now = await t.call('GET', '/api/v1/operations/evaluation', { as: admin });
    expect(now.json.version).toBe(0);
    expect((await evaluationOf('ev', admin)).version).toBe(0);
  });

  it('are versioned, and the ranking follows them', async () => {
    // All on activity: the busiest community leads the province.
    const v1 = await put(admin, { satisfaction: 0, activity: 100, response: 0, coverage: 0 });
    expect(v1.status, v1.text).toBe(200);
    expect(v1.json.version).toBe(1);
    let e = await evaluationOf('ev', admin);
    expect(e.version).toBe(1);
    expect(e.allRounder?.id).toBe('ev-a-two');
    expect(e.champions.find((c) => c.indicator === 'activity')?.id).toBe('ev-a-two');
    // All on coverage: the community without plugins scores least.
    const v2 = await put(admin, { satisfaction: 0, activity: 0, response: 0, coverage: 100 });
    expect(v2.json.version).toBe(2);
    e = await evaluationOf('ev', admin);
    expect(e.weights.coverage).toBe(100);
    expect(e.scores.at(-1)?.id).toBe('ev-a-one');
    expect(e.scores.every((s) => s.composite === s.parts.coverage)).toBe(true);
  });

  it('saved by two admins at once make two versions', async () => {
    const both = await Promise.all([put(admin, GOOD), put(admin, GOOD)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.json.version).sort()).toEqual([3, 4]);
  });

  it('score a supervisor’s own communities only, with figures and no person', async () => {
    const e = await evaluationOf('ev-hz-a', supA);
    expect(e.scores.map((s) => s.id).sort()).toEqual(['ev-a-one', 'ev-a-two']);
    const r = await t.call('GET', '/api/v1/regions/ev-hz-a/dashboard?period=30d', { as: supA });
    for (const p of ['ev-b-one', '李四', '13800001111', 'res-ev-a-two'])
      expect(r.text).not.toContain(p);
    expect((await t.call('GET', '/api/v1/regions/ev-hz-b/dashboard', { as: supA })).status).toBe(
      404,
    );
  });
});
