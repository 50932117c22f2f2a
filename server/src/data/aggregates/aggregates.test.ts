import fc from 'fast-check';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  figuresExampleManifest,
  type AggregateAnswer,
  type AggregateRow,
  type BucketUnit,
  type PluginManifest,
  type QueryDef,
} from '@scene/schema';
import { useTestDatabase } from '../../testing/database';
import { member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { recordCollectionName } from '../records/names';
import type { Caller } from '../records/roles';
import { runQuery, type QueryResult } from '../queries/service';

const db = useTestDatabase('aggregates');
const C = 'c-figures';
const NY = 'c-figures-ny';
const OTHER = 'c-figures-other';
const KINDS = ['garden', 'elderly', 'cleanup'] as const;

/** The worked example plus one query per bucket unit on the creation time, for the comparisons. */
const manifest: PluginManifest = figuresExampleManifest();
for (const unit of ['day', 'week', 'month'] as const) {
  manifest.queries[`community_${unit}`] = {
    collection: 'shifts',
    kind: 'aggregate',
    scope: 'community',
    roles: ['resident'],
    measures: [
      { id: 'hours', op: 'sum', field: 'hours' },
      { id: 'n', op: 'count' },
      { id: 'avg', op: 'avg', field: 'hours' },
      { id: 'min', op: 'min', field: 'hours' },
      { id: 'max', op: 'max', field: 'hours' },
    ],
    groupBy: 'kind',
    bucket: { field: 'createdAt', unit },
    range: { field: 'createdAt', maxDays: 400 },
    minGroupSize: 3,
  };
  manifest.queries[`readable_${unit}`] = {
    ...manifest.queries[`community_${unit}`]!,
    scope: undefined,
    minGroupSize: undefined,
    bucket: { field: 'date', unit },
    range: { field: 'date', maxDays: 400 },
  };
}

let dp: TestDataPlane;
/** Two communities in two zones: one without daylight saving, one that springs forward on 8 March. */
const places = {
  'Asia/Shanghai': { id: C, people: [0, 1, 2].map((i) => member(C, ['resident'], `r${i}`)) },
  'America/New_York': { id: NY, people: [0, 1, 2].map((i) => member(NY, ['resident'], `n${i}`)) },
};
type Zone = keyof typeof places;
const people = places['Asia/Shanghai'].people;
const stranger = member(OTHER, ['resident'], 'x');
/** The zone of the community the current case stores its records in and asks. */
let zone: Zone = 'Asia/Shanghai';

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  dp.clock.now = new Date('2026-04-01T00:00:00Z');
  await dp.install(C, manifest, {}, 'Asia/Shanghai');
  await dp.install(NY, manifest, {}, 'America/New_York');
  await dp.install(OTHER, manifest);
});

interface Shift {
  createdBy: number;
  /** Minutes after the start of 2026 (UTC): spreads records over local midnights. */
  minute: number;
  hours: number | null;
  kind: (typeof KINDS)[number] | null;
  community: 'mine' | 'other';
}

const shifts = () => dp.connection.db!.collection(recordCollectionName(manifest.id, 'shifts'));

async function store(list: Shift[]): Promise<void> {
  await shifts().deleteMany({});
  if (list.length === 0) return;
  await shifts().insertMany(
    list.map((s) => {
      const at = new Date(Date.UTC(2026, 0, 1) + s.minute * 60_000).toISOString();
      const doc: Record<string, unknown> = {
        _id: new Types.ObjectId().toHexString(),
        communityId: s.community === 'mine' ? places[zone].id : OTHER,
        pluginId: manifest.id,
        collection: 'shifts',
        schemaVersion: 1,
        createdBy: places[zone].people[s.createdBy]!.accountId,
        createdAt: at,
        updatedAt: at,
        history: [],
        _rev: 0,
        // A shift is logged for the local day it happened on.
        date: localDay(new Date(at)),
      };
      if (s.hours !== null) doc.hours = s.hours;
      if (s.kind !== null) doc.kind = s.kind;
      return doc;
    }) as never[],
  );
}

// --- the brute force: everything computed again, differently and plainly --------------------

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function localDay(d: Date): string {
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(zone, f);
  }
  return f.format(d);
}
function bucketOf(day: string, unit: BucketUnit): string {
  if (unit === 'day') return day;
  if (unit === 'month') return day.slice(0, 7);
  const noon = new Date(`${day}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() - ((noon.getUTCDay() + 6) % 7));
  return noon.toISOString().slice(0, 10);
}
function midnight(day: string): number {
  // The first quarter hour (every zone's offsets are whole quarter hours) of the local day.
  let t = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
  while (localDay(new Date(t)) !== day) t += 15 * 60_000;
  return t;
}

function bruteForce(
  docs: Record<string, unknown>[],
  q: QueryDef,
  from: number,
  to: number,
  min?: number,
): Pick<AggregateAnswer, 'total' | 'rows'> {
  const rangeField = q.range!.field;
  const inside = docs.filter((d) => {
    const v = d[rangeField] as string;
    const t = v.length === 10 ? midnight(v) : Date.parse(v);
    return t >= from && t < to;
  });
  const figures = (list: Record<string, unknown>[]) => {
    const nums = list.map((d) => d.hours).filter((h): h is number => typeof h === 'number');
    const sum = nums.reduce((s, h) => s + h, 0);
    return {
      count: list.length,
      values: {
        hours: sum,
        n: list.length,
        avg: nums.length ? sum / nums.length : null,
        min: nums.length ? Math.min(...nums) : null,
        max: nums.length ? Math.max(...nums) : null,
      },
    };
  };
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const d of inside) {
    const v = d[q.bucket!.field] as string;
    const day = v.length === 10 ? v : localDay(new Date(v));
    const id = `${bucketOf(day, q.bucket!.unit)}|${String(d.kind ?? null)}`;
    groups.set(id, [...(groups.get(id) ?? []), d]);
  }
  let rows: AggregateRow[] = [...groups.entries()]
    .sort(([a], [b]) => {
      // By bucket, then by the group key as JSON text, in code-unit order.
      const [ab, ak] = a.split('|');
      const [bb, bk] = b.split('|');
      const key = (k: string) => JSON.stringify({ kind: k === 'null' ? null : k });
      return ab! < bb!
        ? -1
        : ab! > bb!
          ? 1
          : key(ak!) < key(bk!)
            ? -1
            : key(ak!) > key(bk!)
              ? 1
              : 0;
    })
    .map(([id, list]) => {
      const [bucket, kind] = id.split('|');
      return { key: { kind: kind === 'null' ? null : kind }, bucket, ...figures(list) };
    });
  const total = figures(inside);
  if (min === undefined) return { total, rows };
  if (total.count > 0 && total.count < min)
    return {
      total: { suppressed: true },
      rows: rows.map((r) => ({ key: r.key, bucket: r.bucket, suppressed: true })),
    };
  // Hidden: groups below the minimum, then the smallest others until the hidden ones together
  // reach it (so the total minus the visible rows gives no small group away).
  const count = (r: AggregateRow) => (r.suppressed ? 0 : r.count);
  const hidden = new Set(rows.filter((r) => count(r) < min));
  const others = rows.filter((r) => !hidden.has(r)).sort((a, b) => count(a) - count(b));
  let together = [...hidden].reduce((s, r) => s + count(r), 0);
  while (hidden.size > 0 && together < min && others.length) {
    const next = others.shift()!;
    hidden.add(next);
    together += count(next);
  }
  rows = rows.map((r) => (hidden.has(r) ? { key: r.key, bucket: r.bucket, suppressed: true } : r));
  return { total, rows };
}

const ask = (caller: Caller, query: string, params: Record<string, unknown> = {}) =>
  runQuery(dp, {
    communityId: caller?.communityId ?? C,
    pluginId: manifest.id,
    query,
    caller,
    params,
  });
const aggregate = (r: QueryResult): AggregateAnswer => {
  if (r.kind !== 'aggregate') throw new Error(`aggregate expected, got ${r.kind}`);
  return r;
};

const shift: fc.Arbitrary<Shift> = fc.record({
  createdBy: fc.integer({ min: 0, max: 2 }),
  // About 70 days, so weeks and months each get several buckets; half the shifts within 40
  // minutes of a local midnight (16:00 UTC), where UTC and local days part.
  minute: fc.oneof(
    fc.integer({ min: 0, max: 70 * 24 * 60 }),
    fc
      .tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: -40, max: 40 }))
      .map(([day, off]) => Math.max(0, day * 1440 + 16 * 60 + off)),
  ),
  // Halves add up exactly in binary floating point, in any order.
  hours: fc.option(
    fc.integer({ min: 1, max: 24 }).map((h) => h / 2),
    { freq: 8 },
  ),
  kind: fc.option(fc.constantFrom(...KINDS), { freq: 8 }),
  community: fc.constantFrom('mine', 'mine', 'mine', 'other'),
});

describe('aggregates equal a brute-force computation over the same records', () => {
  it('by day, week and month in the community zone; community-wide with small groups suppressed and per reader', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shift, { maxLength: 150, size: 'max' }),
        fc.constantFrom<Zone>('Asia/Shanghai', 'America/New_York'),
        fc.constantFrom<BucketUnit>('day', 'week', 'month'),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 2 }),
        async (list, inZone, unit, startDay, days, reader) => {
          zone = inZone;
          const { id, people: members } = places[zone];
          const who = members[reader]!;
          await store(list);
          const docs = (await shifts().find({ communityId: id }).toArray()) as Record<
            string,
            unknown
          >[];
          // `from`/`to` as local dates: their local midnights.
          const fromDay = localDay(new Date(Date.UTC(2026, 0, 1 + startDay, 12)));
          const toDay = localDay(new Date(Date.UTC(2026, 0, 1 + startDay + days, 12)));
          const from = midnight(fromDay);
          const to = midnight(toDay);

          const community = manifest.queries[`community_${unit}`]!;
          const got = aggregate(await ask(who, `community_${unit}`, { from: fromDay, to: toDay }));
          expect(got.from).toBe(new Date(from).toISOString());
          expect(got.to).toBe(new Date(to).toISOString());
          expect({ total: got.total, rows: got.rows }).toEqual(
            bruteForce(docs, community, from, to, 3),
          );

          // What a resident may read: their own shifts only, by the local `date` field.
          const readable = manifest.queries[`readable_${unit}`]!;
          const mine = aggregate(await ask(who, `readable_${unit}`, { from: fromDay, to: toDay }));
          const own = docs.filter((d) => d.createdBy === who.accountId);
          expect({ total: mine.total, rows: mine.rows }).toEqual(
            bruteForce(own, readable, from, to),
          );
        },
      ),
      { numRuns: 60 },
    );
    zone = 'Asia/Shanghai';
  }, 300_000);

  it('compares with the period just before, of the same length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(shift, { maxLength: 100, size: 'max' }), async (list) => {
        zone = 'Asia/Shanghai';
        await store(list);
        const docs = (await shifts().find({ communityId: C }).toArray()) as Record<
          string,
          unknown
        >[];
        const from = '2026-02-10T09:30:00.000Z';
        const to = '2026-03-01T16:00:00.000Z';
        const got = aggregate(
          await ask(people[0]!, 'community_week', { from, to, compare: 'previous' }),
        );
        const length = Date.parse(to) - Date.parse(from);
        const q = manifest.queries.community_week!;
        expect(got.previous).toMatchObject({
          from: new Date(Date.parse(from) - length).toISOString(),
          to: from,
        });
        expect({ total: got.previous!.total, rows: got.previous!.rows }).toEqual(
          bruteForce(docs, q, Date.parse(from) - length, Date.parse(from), 3),
        );
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});

describe('community-wide figures for people who cannot read the rows', () => {
  it('a resident gets the community total but never a group below the minimum', async () => {
    // Resident 0 logged two gardening shifts; the others logged eight clean-ups on 2026-03-02.
    await store([
      { createdBy: 0, minute: 60 * 24 * 60 + 60, hours: 2, kind: 'garden', community: 'mine' },
      { createdBy: 0, minute: 60 * 24 * 60 + 90, hours: 1, kind: 'garden', community: 'mine' },
      ...Array.from({ length: 8 }, (_, i) => ({
        createdBy: 1 + (i % 2),
        minute: 60 * 24 * 60 + 120 + i,
        hours: 1.5,
        kind: 'cleanup' as const,
        community: 'mine' as const,
      })),
    ]);
    const them = people[1]!;
    // Their list shows only their own records…
    const rows = await ask(them, 'mine');
    expect(rows.kind === 'list' && rows.items.every((r) => r.createdBy === them.accountId)).toBe(
      true,
    );
    // …the community figure counts everyone's…
    const byKind = aggregate(await ask(them, 'byKind', { from: '2026-03-01', to: '2026-04-01' }));
    expect(byKind.total).toEqual({ count: 10, values: { hours: 15 } });
    // …but the two gardening shifts are a group below five: no figures at all.
    const garden = byKind.rows!.find((r) => r.key?.kind === 'garden');
    expect(garden).toEqual({ key: { kind: 'garden' }, suppressed: true });
    expect(JSON.stringify(byKind)).not.toContain('"hours":3');
    // And the one visible group is hidden too: the total minus it would give the garden away.
    expect(byKind.rows!.every((r) => r.suppressed)).toBe(true);
    // A day with only resident 0's shifts shows no figure either.
    const days = aggregate(
      await ask(them, 'communityHours', { from: '2026-03-01', to: '2026-03-05' }),
    );
    expect(days.total).toMatchObject({ count: 10 });
    expect(days.rows).toEqual([{ bucket: '2026-03-02', count: 10, values: expect.any(Object) }]);
  });

  it('never counts another community’s records, and refuses a caller from elsewhere', async () => {
    await store([
      ...Array.from({ length: 6 }, (_, i) => ({
        createdBy: 0,
        minute: 65 * 24 * 60 + i,
        hours: 1,
        kind: 'garden' as const,
        community: 'other' as const,
      })),
    ]);
    const r = aggregate(await ask(people[0]!, 'byKind', { from: '2026-03-01', to: '2026-04-01' }));
    // None of the six is ours: a real zero, shown as zero (nobody to hide).
    expect(r.total).toEqual({ count: 0, values: { hours: 0 } });
    expect(r.rows).toEqual([]);
    await expect(
      runQuery(dp, {
        communityId: C,
        pluginId: manifest.id,
        query: 'byKind',
        caller: stranger,
        params: {},
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('keeps the roles of the query: an operator-only figure is refused to residents', async () => {
    await expect(ask(people[0]!, 'weekly')).rejects.toMatchObject({ status: 403 });
    await expect(ask(null, 'byKind')).rejects.toMatchObject({ status: 401 });
    const operator = member(C, ['operator'], 'op');
    expect(aggregate(await ask(operator, 'weekly')).kind).toBe('aggregate');
  });

  it('answers bad parameters with a 400 that names the problem', async () => {
    const bad = [
      [{ from: 'last week' }, 'range_value'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'range_order'],
      [{ from: '2024-01-01', to: '2026-01-01' }, 'range_too_long'],
      [{ compare: 'lastYear' }, 'range_value'],
      [{ limit: '5' }, 'filter_not_allowed'],
      [{ 'f.kind.eq': 'garden' }, 'filter_not_allowed'],
      [{ from: ['2026-03-01', '2026-03-02'] }, undefined],
    ] as const;
    for (const [params, code] of bad) {
      const err = await ask(people[0]!, 'byKind', params).catch((e: unknown) => e);
      expect(err).toMatchObject({ status: 400 });
      if (code) expect(err).toMatchObject({ details: { code } });
    }
    // Readable scope: unknown parameters are refused as for any query.
    await expect(ask(people[0]!, 'myHours', { page: '2' })).rejects.toMatchObject({ status: 400 });
  });
});
