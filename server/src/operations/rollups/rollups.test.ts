import { standardPluginEntries } from '@scene/plugins';
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { recordCollectionName } from '../../data/records/names';
import { addDays } from '../period';
import { claims, decodeDay, months, states } from './store';
import { ROLLUP_LOOKBACK_DAYS, RollupWriter } from './writer';

const db = useTestDatabase('rollups');
let t: TestServer;
const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const NOW = new Date('2026-11-30T04:00:00Z');
const TZ = 'Asia/Shanghai';
const IDS = ['ru-one', 'ru-two', 'ru-three'];
/** Tickets per day back from today (day 0), by community index. */
const perDay = (i: number, back: number) => (back * 7 + i * 3) % 5;
const DAYS_BACK = 12;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  const admin = (await sessionFor(t.services, { username: 'ru-admin', platformRoles: ['admin'] }))
    .token;
  await publishApproved(t.services, repair.manifest);
  for (const [i, id] of IDS.entries()) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `社区 ${id}`, city: '杭州', district: 'x', type: 'renovation' },
    });
    await t.call('POST', `/api/v1/communities/${id}/installations`, {
      as: admin,
      body: {
        pluginId: repair.manifest.id,
        config: repair.fixtures.config,
        acceptPermissions: repair.manifest.permissions.map((p) => p.scope),
      },
    });
    const res = await sessionFor(t.services, { username: `ru-res-${id}` });
    await t.services.members.ensure(id, res.accountId, 'resident');
    for (let back = 0; back <= DAYS_BACK; back++)
      for (let n = 0; n < perDay(i, back); n++) {
        // Some at 01:00 Beijing time: the previous day in UTC, this day in the community.
        const at = new Date(NOW.getTime() - back * 86_400_000 - (n * 4 + 3) * 3_600_000);
        t.services.dataPlane.now = () => at;
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
  }
  t.services.dataPlane.now = () => NOW;
});
afterAll(() => t.close());

/** Tickets per local day, counted straight from the collection. */
async function bruteForce(communityId: string): Promise<Map<string, number>> {
  const docs = await db
    .connection()
    .db!.collection(recordCollectionName(repair.manifest.id, 'tickets'))
    .find({ communityId }, { projection: { createdAt: 1 } })
    .toArray();
  const out = new Map<string, number>();
  for (const d of docs) {
    const day = localDate(new Date(d.createdAt as string), TZ);
    out.set(day, (out.get(day) ?? 0) + 1);
  }
  return out;
}

async function rolled(communityId: string): Promise<Map<string, number | undefined>> {
  const out = new Map<string, number | undefined>();
  for (const doc of await months(db.connection().db!).find({ communityId }).toArray())
    for (const [dd, list] of Object.entries(doc.days))
      out.set(
        `${doc.month}-${dd}`,
        decodeDay(list).find((f) => f.k === 'std.property-repair/reported')?.c,
      );
  return out;
}

describe('daily roll-ups', () => {
  it('are written exactly once per community and day by concurrent processes', async () => {
    const writers = [1, 2, 3].map(() => new RollupWriter(t.services, 0));
    const reports = await Promise.all(writers.map((w) => w.runAll()));
    // Every community is rolled up by exactly one of them, each day once.
    const all = await t.services.models.Community.countDocuments({ status: 'active' });
    expect(reports.map((r) => r.communities).reduce((a, b) => a + b, 0)).toBe(all);
    expect(reports.reduce((n, r) => n + r.days, 0)).toBe(all * ROLLUP_LOOKBACK_DAYS);
    const today = localDate(NOW, TZ);
    for (const id of IDS) {
      const claimed = await claims(db.connection().db!)
        .find({ _id: { $regex: `^${id}\\|` } })
        .toArray();
      expect(claimed.map((c) => c._id)).toEqual([`${id}|${addDays(today, -1)}`]);
      expect((await states(db.connection().db!).findOne({ _id: id }))?.through).toBe(
        addDays(today, -1),
      );
    }
    // Run again the same day: nothing is due, nothing is written.
    const again = await Promise.all(writers.map((w) => w.runAll()));
    expect(again.reduce((n, r) => n + r.days, 0)).toBe(0);
  });

  it('equal a brute-force count for every day before today, and leave today out', async () => {
    const today = localDate(NOW, TZ);
    for (const id of IDS) {
      const counts = await bruteForce(id);
      const days = await rolled(id);
      expect(days.has(today)).toBe(false);
      for (let back = 1; back <= DAYS_BACK + 2; back++) {
        const day = addDays(today, -back);
        expect(days.has(day), day).toBe(true);
        expect(days.get(day) ?? 0, `${id} ${day}`).toBe(counts.get(day) ?? 0);
      }
    }
  });

  it('roll up the next day once the day has ended, and only that day', async () => {
    const writer = new RollupWriter(t.services, 0);
    t.services.dataPlane.now = () => new Date(NOW.getTime() + 86_400_000);
    try {
      const report = await writer.runAll();
      const all = await t.services.models.Community.countDocuments({ status: 'active' });
      expect(report).toEqual({ communities: all, days: all, failed: 0 });
      const counts = await bruteForce('ru-one');
      expect((await rolled('ru-one')).get(localDate(NOW, TZ)) ?? 0).toBe(
        counts.get(localDate(NOW, TZ)) ?? 0,
      );
    } finally {
      t.services.dataPlane.now = () => NOW;
    }
  });

  it('take turns when several write one community at once, so no writer loses the others’ days', async () => {
    const db0 = db.connection().db!;
    const id = 'ru-two';
    const today = localDate(NOW, TZ);
    const days = Array.from({ length: 6 }, (_, i) => addDays(today, -(i + 1)));
    // Forget those days, then write each back from its own writer, all at once (as the run on the
    // 1st and a re-freeze of last month may): each merges its day into the same state and month.
    const state = await states(db0).findOne({ _id: id });
    const recent = JSON.parse(state!.recent) as Record<string, string>;
    for (const d of days) delete recent[d];
    await states(db0).updateOne({ _id: id }, { $set: { recent: JSON.stringify(recent) } });
    for (const d of days)
      await months(db0).updateOne(
        { _id: `${id}|${d.slice(0, 7)}` },
        { $unset: { [`days.${d.slice(8)}`]: '' } },
      );
    await Promise.all(
      days.map((d) => new RollupWriter(t.services, 0).write(id, TZ, d, addDays(d, 1))),
    );
    const after = JSON.parse((await states(db0).findOne({ _id: id }))!.recent) as Record<
      string,
      string
    >;
    const counts = await bruteForce(id);
    const monthDays = await rolled(id);
    for (const d of days) {
      expect(Object.keys(after), d).toContain(d);
      expect(monthDays.get(d) ?? 0, d).toBe(counts.get(d) ?? 0);
      expect(monthDays.has(d), d).toBe(true);
    }
    // The lease is given back: nothing is left holding the community.
    expect(await claims(db0).findOne({ _id: `write|${id}` })).toBeNull();
  });

  it('give the day back when a pass fails, so the next pass rolls the community up the same day', async () => {
    const db0 = db.connection().db!;
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    const yesterday = addDays(localDate(later, TZ), -1);
    t.services.dataPlane.now = () => later;
    // The real database and services; only the registry fails, after the days are computed
    // (a socket timeout under load, as on a demo's first start).
    const registry = Object.create(t.services.registry) as typeof t.services.registry;
    registry.approvedStandardPlugins = () => Promise.reject(new Error('socket timed out'));
    const errors: unknown[] = [];
    try {
      const failing = new RollupWriter({ ...t.services, registry }, 0, (e) => errors.push(e));
      const all = await t.services.models.Community.countDocuments({ status: 'active' });
      // One community failing leaves the pass to the others; here each of them fails.
      expect(await failing.runAll()).toEqual({ communities: 0, days: 0, failed: all });
      expect(errors).toHaveLength(all);
      for (const id of IDS) {
        expect(await claims(db0).findOne({ _id: `${id}|${yesterday}` }), id).toBeNull();
        expect(await claims(db0).findOne({ _id: `write|${id}` }), id).toBeNull();
        expect((await states(db0).findOne({ _id: id }))?.through, id).toBe(addDays(yesterday, -1));
      }
      // The same day, a healthy pass (another process, or this one's next tick) takes them all.
      const report = await new RollupWriter(t.services, 0).runAll();
      expect(report).toEqual({ communities: all, days: all, failed: 0 });
      for (const id of IDS)
        expect((await states(db0).findOne({ _id: id }))?.through, id).toBe(yesterday);
    } finally {
      t.services.dataPlane.now = () => NOW;
    }
  });
});
