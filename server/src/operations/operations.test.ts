import { standardPluginEntries } from '@scene/plugins';
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../testing/control-plane';
import { useTestDatabase } from '../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../testing/server';
import { recordCollectionName } from '../data/records/names';
import { states } from './rollups/store';
import { touchRegions } from './region-views';

const db = useTestDatabase('operations');
let t: TestServer;
let admin: string;
let supA: string;
let supB: string;
let operatorA: string;
let residentA: string;

const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const TREE = [
  { id: 'zj', name: '浙江省', level: 'province' },
  { id: 'zj-hz', name: '杭州市', level: 'city', parentId: 'zj' },
  { id: 'zj-hz-xh', name: '西湖区', level: 'district', parentId: 'zj-hz' },
  { id: 'zj-hz-gs', name: '拱墅区', level: 'district', parentId: 'zj-hz' },
  { id: 'xh-bsq', name: '北山街道', level: 'street', parentId: 'zj-hz-xh' },
  { id: 'gs-hs', name: '和睦街道', level: 'street', parentId: 'zj-hz-gs' },
];
/** Tickets reported per day back from "now" (day 0 = today), per community. */
const REPORTS: Record<string, number[]> = {
  'op-a-one': [
    3, 0, 2, 1, 0, 4, 2, 0, 0, 5, 1, 2, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 3,
  ],
  'op-a-two': [1, 2, 0, 2],
  'op-b-one': [2, 2, 6],
};
const STREET: Record<string, string> = {
  'op-a-one': 'xh-bsq',
  'op-a-two': 'xh-bsq',
  'op-b-one': 'gs-hs',
};
const NOW = new Date('2026-11-30T04:00:00Z');
const TZ = 'Asia/Shanghai';
const report = {
  category: 'plumbing',
  locationType: 'room',
  room: '3幢2单元1201',
  title: '厨房水管漏水',
  contactName: '张三丰',
  contactPhone: '13812341234',
};

beforeAll(async () => {
  t = await startTestServer(db.connection());
  admin = (await sessionFor(t.services, { username: 'o-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  await publishApproved(t.services, repair.manifest);
  for (const [id, perDay] of Object.entries(REPORTS)) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `社区 ${id}`, city: '杭州', district: 'x', type: 'renovation' },
    });
    const inst = await t.call('POST', `/api/v1/communities/${id}/installations`, {
      as: admin,
      body: {
        pluginId: repair.manifest.id,
        config: repair.fixtures.config,
        acceptPermissions: repair.manifest.permissions.map((p) => p.scope),
      },
    });
    expect([201, 409], inst.text).toContain(inst.status);
    await t.call('PUT', `/api/v1/regions/${STREET[id]}/communities/${id}`, { as: admin });
    const res = await sessionFor(t.services, { username: `res-${id}` });
    await t.services.members.ensure(id, res.accountId, 'resident');
    if (id === 'op-a-one') residentA = res.token;
    for (let back = 0; back < perDay.length; back++) {
      for (let i = 0; i < perDay[back]!; i++) {
        // Spread over the local day: early morning Beijing time is still the previous UTC day.
        const at = new Date(NOW.getTime() - back * 86_400_000 - (i * 5 + 1) * 3_600_000);
        t.services.dataPlane.now = () => at;
        const r = await t.call(
          'POST',
          `/api/v1/communities/${id}/plugins/${repair.manifest.id}/actions/report`,
          { as: res.token, body: { input: report } },
        );
        expect(r.status, r.text).toBe(201);
      }
    }
  }
  t.services.dataPlane.now = () => NOW;
  const op = await sessionFor(t.services, { username: 'op-of-a-one' });
  await t.services.members.ensure('op-a-one', op.accountId, 'operator');
  operatorA = op.token;
  const scoped = async (username: string, regionId: string) => {
    const s = await sessionFor(t.services, { username });
    await t.call('PUT', `/api/v1/regions/${regionId}/supervisors/${s.accountId}`, { as: admin });
    return s.token;
  };
  supA = await scoped('o-sup-a', 'zj-hz-xh');
  supB = await scoped('o-sup-b', 'zj-hz-gs');
});
afterAll(() => t.close());

/** Counts the stored tickets per local day straight from the collection: the brute force. */
async function bruteForce(communityId: string): Promise<Map<string, number>> {
  const docs = await db
    .connection()
    .db!.collection(recordCollectionName(repair.manifest.id, 'tickets'))
    .find({ communityId }, { projection: { createdAt: 1 } })
    .toArray();
  const byDay = new Map<string, number>();
  for (const d of docs) {
    const day = localDate(new Date(d.createdAt as string), TZ);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return byDay;
}

type Series = { day: string; value: number | null }[];

describe('the community dashboard', () => {
  it('gives each day’s figure as a brute-force count does, hiding days under the minimum', async () => {
    const counts = await bruteForce('op-a-one');
    for (const period of ['7d', '30d', '90d'] as const) {
      const res = await t.call('GET', `/api/v1/communities/op-a-one/dashboard?period=${period}`, {
        as: operatorA,
      });
      expect(res.status, res.text).toBe(200);
      expect(res.json.access).toBe('operator');
      const m = res.json.metrics.find(
        (x: { key: string }) => x.key === 'std.property-repair/reported',
      );
      const series = m.series as Series;
      expect(series).toHaveLength(Number(period.slice(0, -1)));
      expect(series.at(-1)!.day).toBe(localDate(NOW, TZ));
      let total = 0;
      let hidden = 0;
      for (const { day, value } of series) {
        const n = counts.get(day) ?? 0;
        total += n;
        // minGroupSize 2: a day with one ticket is hidden, an empty day reads 0, any other day
        // shows its count or is hidden too so that the hidden days add up to 2 or more.
        if (n === 1) expect(value, day).toBeNull();
        else if (n === 0) expect(value, day).toBe(0);
        else if (value !== n) expect(value, day).toBeNull();
        if (value === null) hidden += n;
      }
      expect(m.total).toBe(total);
      expect(hidden === 0 || hidden >= 2, `hidden ${hidden}`).toBe(true);
      const before = [...counts]
        .filter(([d]) => d >= res.json.period.previous.from && d < res.json.period.previous.to)
        .reduce((n, [, c]) => n + c, 0);
      // A total under the minimum is hidden like a day; no records at all is a real zero.
      expect(m.previous).toBe(before === 1 ? null : before);
      expect(m.minGroupSize).toBe(2);
    }
  });

  it('changes with the period and reads a calendar month', async () => {
    const week = await t.call('GET', '/api/v1/communities/op-a-one/dashboard?period=7d', {
      as: operatorA,
    });
    const month = await t.call('GET', '/api/v1/communities/op-a-one/dashboard?period=90d', {
      as: operatorA,
    });
    const pick = (r: typeof week) =>
      r.json.metrics.find((x: { key: string }) => x.key === 'std.property-repair/reported').total;
    expect(pick(week)).toBeLessThan(pick(month));
    const oct = await t.call(
      'GET',
      '/api/v1/communities/op-a-one/dashboard?period=month&month=2026-10',
      {
        as: operatorA,
      },
    );
    expect(oct.json.period).toMatchObject({ from: '2026-10-01', to: '2026-11-01', days: 31 });
    for (const q of ['period=year', 'period=month&month=2026-13', 'period=month&month=2027-01'])
      expect(
        (await t.call('GET', `/api/v1/communities/op-a-one/dashboard?${q}`, { as: operatorA }))
          .status,
      ).toBe(400);
  });

  it('shows coverage: the repair scene installed and used, missing 标配, a score', async () => {
    const res = await t.call('GET', '/api/v1/communities/op-a-one/dashboard', { as: operatorA });
    const service = res.json.coverage.scenes.find((s: { scene: string }) => s.scene === 'service');
    expect(service).toEqual({ scene: 'service', installed: true, placed: false, used: true });
    expect(res.json.coverage.scenes.filter((s: { used: boolean }) => s.used)).toHaveLength(1);
    // Nothing on a portal yet: only the used-scene share counts (30 × 1/9).
    expect(res.json.coverage.score).toBe(3);
  });

  it('is for operators and supervisors above the community only', async () => {
    expect(
      (await t.call('GET', '/api/v1/communities/op-a-one/dashboard', { as: residentA })).status,
    ).toBe(403);
    expect(
      (await t.call('GET', '/api/v1/communities/op-b-one/dashboard', { as: operatorA })).status,
    ).toBe(403);
    const sup = await t.call('GET', '/api/v1/communities/op-a-two/dashboard', { as: supA });
    expect(sup.status).toBe(200);
    expect(sup.json.access).toBe('supervisor');
    expect(
      (await t.call('GET', '/api/v1/communities/op-b-one/dashboard', { as: supA })).status,
    ).toBe(404);
  });
});

describe('zero and hidden', () => {
  it('reads a period without records as 0 and a small one as hidden, never the same', async () => {
    // op-a-two: tickets only in the last four days, so the week before had none.
    const res = await t.call('GET', '/api/v1/communities/op-a-two/dashboard?period=7d', {
      as: admin,
    });
    const m = res.json.metrics.find(
      (x: { key: string }) => x.key === 'std.property-repair/reported',
    );
    expect(m.total).toBe(5);
    expect(m.previous).toBe(0);
    // Day 0 counts one ticket: hidden (null), while a day without any reads 0.
    const byDay = new Map((m.series as Series).map((p) => [p.day, p.value]));
    expect(byDay.get(localDate(NOW, TZ))).toBeNull();
    expect((m.series as Series).filter((p) => p.value === 0).length).toBeGreaterThan(0);
  });
});

describe('the region dashboard', () => {
  it('counts days in the zone of the communities under the node', async () => {
    const tree = [
      { id: 'ot', name: '海外试点省', level: 'province' },
      { id: 'ot-c', name: '试点市', level: 'city', parentId: 'ot' },
      { id: 'ot-d', name: '试点区', level: 'district', parentId: 'ot-c' },
      { id: 'ot-s', name: '试点街道', level: 'street', parentId: 'ot-d' },
    ];
    for (const body of tree)
      expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
    const made = await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: {
        id: 'op-ny',
        name: '纽约试点社区',
        city: 'New York',
        district: 'x',
        type: 'renovation',
        timeZone: 'America/New_York',
      },
    });
    expect(made.status, made.text).toBe(201);
    await t.call('PUT', '/api/v1/regions/ot-s/communities/op-ny', { as: admin });
    // NOW is 12:00 on 30 November in Hangzhou and 23:00 on the 29th in New York.
    const ny = await t.call('GET', '/api/v1/regions/ot/dashboard?period=7d', { as: admin });
    expect(ny.json.period).toMatchObject({ timeZone: 'America/New_York', today: '2026-11-29' });
    const zj = await t.call('GET', '/api/v1/regions/zj-hz-xh/dashboard?period=7d', { as: supA });
    expect(zj.json.period).toMatchObject({ timeZone: TZ, today: '2026-11-30' });
  });

  it('sums the communities’ roll-ups as a brute-force count does; district A sees nothing of B', async () => {
    const res = await t.call('GET', '/api/v1/regions/zj-hz-xh/dashboard?period=30d', { as: supA });
    expect(res.status, res.text).toBe(200);
    const m = res.json.metrics.find(
      (x: { key: string }) => x.key === 'std.property-repair/reported',
    );
    // Region views read daily roll-ups: the period ends with yesterday.
    const { from, to } = res.json.period as { from: string; to: string };
    expect(to).toBe(localDate(NOW, TZ));
    let total = 0;
    const byDay = new Map<string, number>();
    for (const id of ['op-a-one', 'op-a-two'])
      for (const [day, n] of await bruteForce(id))
        if (day >= from && day < to) {
          total += n;
          byDay.set(day, (byDay.get(day) ?? 0) + n);
        }
    expect(m.total).toBe(total);
    expect(m.hidden).toBe(0);
    for (const { day, value } of m.series as Series)
      if (value !== null) expect(value, day).toBe(byDay.get(day) ?? 0);
      else expect(byDay.get(day), day).toBeGreaterThan(0);
    expect(res.json.ranking.map((r: { id: string }) => r.id).sort()).toEqual([
      'op-a-one',
      'op-a-two',
    ]);
    expect(res.text).not.toContain('op-b-one');
    for (const id of ['zj-hz-gs', 'gs-hs', 'zj', 'zj-hz'])
      expect((await t.call('GET', `/api/v1/regions/${id}/dashboard`, { as: supA })).status).toBe(
        404,
      );
    const b = await t.call('GET', '/api/v1/regions/zj-hz-gs/dashboard', { as: supB });
    expect(b.text).not.toContain('op-a-');
    expect(
      (await t.call('GET', '/api/v1/regions/zj-hz-xh/dashboard', { as: operatorA })).status,
    ).toBe(403);
  });

  it('answers no record and no personal field on any route a supervisor may call', async () => {
    const routes = [
      '/api/v1/regions',
      '/api/v1/regions/zj-hz-xh/overview',
      '/api/v1/regions/zj-hz-xh/dashboard?period=90d',
      '/api/v1/regions/xh-bsq/dashboard?period=7d',
      '/api/v1/communities/op-a-one/dashboard?period=90d',
      '/api/v1/communities/op-a-two/dashboard?period=month',
    ];
    const tickets = await db
      .connection()
      .db!.collection(recordCollectionName(repair.manifest.id, 'tickets'))
      .find({}, { projection: { _id: 1, createdBy: 1 } })
      .toArray();
    for (const path of routes) {
      const res = await t.call('GET', path, { as: supA });
      expect(res.status, path).toBe(200);
      for (const secret of [report.contactName, report.contactPhone, report.room, report.title])
        expect(res.text, path).not.toContain(secret);
      for (const d of tickets.slice(0, 20)) {
        expect(res.text, path).not.toContain(String(d._id));
        expect(res.text, path).not.toContain(String(d.createdBy));
      }
    }
    expect((await t.call('GET', '/api/v1/operations/overview', { as: supA })).status).toBe(403);
  });
});

describe('the admin’s operations overview', () => {
  it('counts communities per region node and scores each', async () => {
    const res = await t.call('GET', '/api/v1/operations/overview', { as: admin });
    expect(res.status, res.text).toBe(200);
    const byId = new Map(res.json.regions.map((r: { id: string }) => [r.id, r]));
    expect(byId.get('zj')).toMatchObject({ communities: 3, depth: 0 });
    expect(byId.get('zj-hz-xh')).toMatchObject({ communities: 2, depth: 2 });
    expect(byId.get('zj-hz-gs')).toMatchObject({ communities: 1 });
    const one = res.json.communities.find((c: { id: string }) => c.id === 'op-a-one');
    expect(one.place).toEqual(['浙江省', '杭州市', '西湖区', '北山街道']);
    expect(one.score).toBe(3);
  });

  it('reads each score from the community’s last roll-up, as the region ranking does', async () => {
    const stateOf = states(db.connection().db!);
    const scoreOf = async () => {
      const res = await t.call('GET', '/api/v1/operations/overview', { as: admin });
      expect(res.status, res.text).toBe(200);
      return new Map(
        (res.json.communities as { id: string; score: number }[]).map((c) => [c.id, c.score]),
      );
    };
    // The province's dashboard rolls up whatever is not rolled up yet.
    const zj = await t.call('GET', '/api/v1/regions/zj/dashboard?period=30d', { as: admin });
    expect(zj.status, zj.text).toBe(200);
    // A stored score unlike the live one (3) tells which one the overview read.
    const before = await stateOf.findOne({ _id: 'op-b-one' });
    expect(before?.score).toBe(3);
    await stateOf.updateOne({ _id: 'op-b-one' }, { $set: { score: 42 } });
    // As a roll-up's write does: the region views above it are stale now.
    const above = ['zj', 'zj-hz', 'zj-hz-gs', 'gs-hs'];
    await touchRegions(db.connection().db!, above, NOW);
    const removed = await stateOf.findOne({ _id: 'op-a-two' });
    await stateOf.deleteOne({ _id: 'op-a-two' });
    try {
      const scores = await scoreOf();
      expect(scores.get('op-b-one')).toBe(42);
      // Not rolled up (yet): computed live.
      expect(scores.get('op-a-two')).toBe(3);
      const ranked = await t.call('GET', '/api/v1/regions/zj-hz-gs/dashboard?period=30d', {
        as: admin,
      });
      expect(
        (ranked.json.ranking as { id: string; score: number }[]).find((r) => r.id === 'op-b-one')
          ?.score,
      ).toBe(42);
    } finally {
      await stateOf.updateOne({ _id: 'op-b-one' }, { $set: { score: before!.score } });
      await stateOf.insertOne(removed!);
      await touchRegions(db.connection().db!, above, NOW);
    }
  });

  it('names no community nobody used as a leader or champion of a lower-is-better figure', async () => {
    // Installed and placed, no residents and no tickets: zero reported because nothing happened.
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: {
        id: 'op-b-idle',
        name: '社区 op-b-idle',
        city: '杭州',
        district: 'x',
        type: 'new-build',
      },
    });
    const inst = await t.call('POST', '/api/v1/communities/op-b-idle/installations', {
      as: admin,
      body: {
        pluginId: repair.manifest.id,
        config: repair.fixtures.config,
        acceptPermissions: repair.manifest.permissions.map((p) => p.scope),
      },
    });
    expect([201, 409], inst.text).toContain(inst.status);
    await t.call('PUT', '/api/v1/regions/gs-hs/communities/op-b-idle', { as: admin });
    const res = await t.call('GET', '/api/v1/regions/zj-hz-gs/dashboard?period=30d', {
      as: supB,
    });
    expect(res.status, res.text).toBe(200);
    const ranking = res.json.ranking as { id: string; figures: Record<string, number | null> }[];
    expect(ranking.find((r) => r.id === 'op-b-idle')?.figures['std.property-repair/reported']).toBe(
      0,
    );
    const leader = (res.json.leaders as { key: string; communityId: string }[]).find(
      (l) => l.key === 'std.property-repair/reported',
    );
    expect(leader?.communityId).toBe('op-b-one');
    // Where more is better, a best of 0 (nothing finished anywhere in the period) leads nothing.
    const finished = ranking
      .map((r) => r.figures['std.property-repair/finished'])
      .filter((n): n is number => typeof n === 'number');
    const finishedLead = (res.json.leaders as { key: string; value: number }[]).find(
      (l) => l.key === 'std.property-repair/finished',
    );
    if (Math.max(0, ...finished) === 0) expect(finishedLead).toBeUndefined();
    else expect(finishedLead?.value).toBe(Math.max(...finished));
    const { scores, champions } = res.json.evaluation as {
      scores: { id: string; parts: { response: number } }[];
      champions: { indicator: string; id: string }[];
    };
    expect(scores.find((x) => x.id === 'op-b-idle')?.parts.response).toBe(0);
    expect(champions.find((c) => c.indicator === 'response')?.id).toBe('op-b-one');
  });
});
