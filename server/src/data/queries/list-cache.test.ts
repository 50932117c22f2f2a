import type { Filter } from '@scene/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import {
  loadStandardPlugin,
  member,
  testDataPlane,
  type TestDataPlane,
  testListCache,
} from '../records/test-kit';
import { findById } from '../records/read';
import { removeRecord, updateRecord } from '../records/write';
import { deleteMyData } from '../privacy/erasure';
import { runAction } from '../actions/service';
import { listCacheOf } from './list-cache';
import { runQuery, type QueryResult } from './service';
import { headOf, purgeChangeClaims, type VersionDoc } from '../records/changes';
import { loadContext, recordsOf } from '../records/context';
import { RECORD_CHANGES, RECORD_VERSIONS } from '../records/names';
import { seededRandom } from '../../seeds/random';

// Two "processes" with list caches (A, B) and one reading the database (D) on one database:
// random writes through A and B, and random list reads through A and B, each compared with D's
// answer to the same request. A write path that forgot to note its change leaves A or B stale.
const db = useTestDatabase('list-cache');
const repair = loadStandardPlugin('property-repair');
const C = 'c-cache';
const OTHER = 'c-cache-other';
const cached = testListCache;
let A: TestDataPlane;
let B: TestDataPlane;
let D: TestDataPlane;
const residents = [0, 1, 2].map((i) => member(C, ['resident'], `r${i}`));
const staff = member(C, ['staff'], 's');
/** Both rules apply to her: the staff rule opens every ticket, so only a query can pin hers. */
const both = member(C, ['resident', 'staff'], 'b');
const operator = member(C, ['operator'], 'o');
const stranger = member(OTHER, ['resident'], 'x');

const input = (title: string) => ({
  category: 'plumbing',
  locationType: 'public',
  title,
  contactPhone: '13800000000',
});

// Queries pinning `createdBy` in other ways than myTickets and myOpenCount: only the residents'
// read rule pins it (allMine, countMine); the query's `where` with `any` and `all` (byAuthor);
// a client filter (byAuthor, countByAuthor: `f.createdBy.eq`, or `.in` with one account or more).
const byMe: Filter = { field: 'createdBy', op: 'eq', value: { var: 'user.id' } };
const newest = [{ field: 'createdAt', dir: 'desc' as const }];
const authors = {
  createdBy: ['eq' as const, 'in' as const],
  status: ['eq' as const, 'in' as const],
};
Object.assign(repair.queries!, {
  allMine: { collection: 'tickets', kind: 'list', roles: ['resident'], sort: newest },
  countMine: { collection: 'tickets', kind: 'count', roles: ['resident'], filterable: authors },
  byAuthor: {
    collection: 'tickets',
    kind: 'list',
    roles: ['resident', 'plugin:repairStaff'],
    where: {
      all: [{ field: 'status', op: 'ne', value: 'cancelled' }, { any: [byMe, { all: [byMe] }] }],
    },
    filterable: authors,
    sort: newest,
  },
  countByAuthor: {
    collection: 'tickets',
    kind: 'count',
    roles: ['plugin:repairStaff'],
    filterable: authors,
  },
});

beforeAll(async () => {
  A = await testDataPlane(db.connection());
  B = await testDataPlane(db.connection());
  D = await testDataPlane(db.connection());
  A.listCache = cached;
  // B reads its entries whole again in the background at every read, and takes each read in
  // while writes go on: what it answers must not change.
  B.listCache = { ...cached, maxAgeMs: 0, renewShare: Infinity };
  D.listCache = { ...cached, maxRecords: 0 };
  for (const p of [A, B, D]) {
    await p.install(C, repair);
    await p.install(OTHER, repair);
  }
});

/** Staff's queue, first page of `limit`. */
const askQueue = (p: TestDataPlane, limit: number) =>
  runQuery(p, {
    communityId: C,
    pluginId: repair.id,
    query: 'queue',
    caller: staff,
    params: { limit: String(limit) },
  });

const setClock = (at: Date) => {
  for (const p of [A, B, D]) p.clock.now = at;
};

describe('list cache', () => {
  it('answers every list read as the database does, across two processes and random writes', async () => {
    const random = seededRandom(1807);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const ids: string[] = [];
    const base = Date.UTC(2026, 10, 30, 2);
    let minute = 0;
    // The other community's tickets must never show up in this one's lists.
    setClock(new Date(base));
    await runAction(A, {
      communityId: OTHER,
      pluginId: repair.id,
      action: 'report',
      caller: stranger,
      input: input('别的小区'),
    });
    let reads = 0;
    let compared = 0;
    const sameAnswers = async (via: TestDataPlane) => {
      for (const [query, caller] of [
        ['myTickets', residents[0]!],
        ['queue', staff],
        ['myOpenCount', residents[0]!],
        ['countByAuthor', staff],
      ] as const) {
        const ask = (p: TestDataPlane) =>
          runQuery(p, {
            communityId: C,
            pluginId: repair.id,
            query,
            caller,
            params: query.includes('Count') ? {} : { limit: '50' },
          });
        expect(await ask(via)).toEqual(await ask(D));
      }
    };
    for (let step = 0; step < 200; step++) {
      // Few distinct minutes: many equal createdAt values, so ties are broken by id.
      minute += random() < 0.5 ? 0 : 1;
      setClock(new Date(base + minute * 60_000));
      const via = random() < 0.5 ? A : B;
      const roll = random();
      if (roll < 0.3 || ids.length < 3) {
        const r = await runAction(via, {
          communityId: C,
          pluginId: repair.id,
          action: 'report',
          caller: pick([...residents, both]),
          input: input(`工单 ${step}`),
        });
        ids.push((r.body as { record: { id: string } }).record.id);
      } else if (roll < 0.5) {
        const action = pick(['accept', 'start', 'finish', 'reject', 'cancel', 'rate']);
        const caller = ['cancel', 'rate'].includes(action) ? pick(residents) : staff;
        await runAction(via, {
          communityId: C,
          pluginId: repair.id,
          action,
          caller,
          recordId: pick(ids),
          input: action === 'rate' ? { rating: 4 } : {},
        }).catch(() => undefined); // not open in this state, or not theirs: nothing changed
      } else if (roll < 0.55) {
        const ctx = await loadContext(via, C, repair.id, null, 'write');
        const doc = await findById(ctx, 'tickets', pick(ids));
        if (doc) await updateRecord(ctx, 'tickets', doc, { title: `改过 ${step}` }, {});
      } else if (roll < 0.6) {
        const ctx = await loadContext(via, C, repair.id, null, 'write');
        const doc = await findById(ctx, 'tickets', pick(ids));
        if (doc) await removeRecord(ctx, 'tickets', doc);
      } else {
        reads++;
        const [query, caller] = pick([
          ['myTickets', pick([...residents, both])],
          ['allMine', pick(residents)],
          ['byAuthor', pick([staff, both, ...residents])],
          ['openQueue', staff],
          ['queue', pick([staff, operator])],
          ['myOpenCount', pick([...residents, both])],
          ['countMine', pick(residents)],
          ['countByAuthor', staff],
          ['openCount', staff],
        ] as const);
        const params: Record<string, unknown> = {};
        if (!query.includes('Count')) params.limit = String(1 + Math.floor(random() * 6));
        if (query === 'queue' && random() < 0.5)
          params.sort = pick(['createdAt:asc', 'createdAt:desc']);
        if (['myTickets', 'queue', 'byAuthor', 'countMine'].includes(query) && random() < 0.4)
          params['f.status.in'] = pick(['submitted', 'submitted,accepted', 'done,rated,cancelled']);
        const someone = () => pick([...residents, both, staff]).accountId;
        if (['byAuthor', 'countMine', 'countByAuthor'].includes(query) && random() < 0.7) {
          if (random() < 0.5) params['f.createdBy.eq'] = someone();
          else params['f.createdBy.in'] = random() < 0.5 ? someone() : `${someone()},${someone()}`;
        }
        for (let page = 0; page < 6; page++) {
          const ask = (p: TestDataPlane) =>
            runQuery(p, { communityId: C, pluginId: repair.id, query, caller, params });
          const [mine, truth] = [await ask(via), await ask(D)];
          expect(mine).toEqual(truth);
          compared++;
          const next = (truth as Extract<QueryResult, { kind: 'list' }>).nextCursor;
          if (!next) break;
          params.cursor = next;
        }
      }
    }
    // "My" lists and counts look at the author's tickets alone, not at the community's.
    const count = async (query: string, caller: (typeof residents)[number]) => {
      const r = await runQuery(D, {
        communityId: C,
        pluginId: repair.id,
        query,
        caller,
        params: {},
      });
      return (r as Extract<QueryResult, { kind: 'count' }>).count;
    };
    const hers = await count('countMine', residents[1]!);
    expect(hers).toBeGreaterThan(0);
    expect(await count('countByAuthor', staff)).toBeGreaterThan(2 * hers);
    for (const [query, caller] of [
      ['myTickets', residents[1]!],
      ['allMine', residents[1]!],
      ['myOpenCount', residents[1]!],
      ['countMine', residents[1]!],
    ] as const) {
      const before = listCacheOf(A).examined;
      await runQuery(A, { communityId: C, pluginId: repair.id, query, caller, params: {} });
      expect(listCacheOf(A).examined - before).toBe(hers);
    }
    // Staff's queue, newest first, reads the tickets in its order and stops after its page.
    expect(await count('countByAuthor', staff)).toBeGreaterThan(20);
    for (const p of [A, B]) {
      const before = listCacheOf(p).examined;
      const page = await askQueue(p, 5);
      expect((page as Extract<QueryResult, { kind: 'list' }>).items).toHaveLength(5);
      expect(listCacheOf(p).examined - before).toBe(6);
    }
    // An erasure through one process: the other's lists lose the person's tickets at once.
    await sameAnswers(B);
    const erased = await deleteMyData(A, residents[0]!.accountId);
    expect(erased.records).toBeGreaterThan(0);
    await sameAnswers(B);
    expect(reads).toBeGreaterThan(40);
    expect(compared).toBeGreaterThan(reads);
    // The lists were answered from memory (D, without a cache, holds nothing).
    expect(listCacheOf(A).size()).toBeGreaterThan(0);
    expect(listCacheOf(B).size()).toBeGreaterThan(0);
    expect(listCacheOf(D).size()).toBe(0);
  }, 300_000);

  it('follows concurrent writes, a change only its claim names, and purged claims', async () => {
    const ask = (p: TestDataPlane, caller = staff) =>
      runQuery(p, {
        communityId: C,
        pluginId: repair.id,
        query: 'queue',
        caller,
        params: { limit: '100' },
      });
    expect(await ask(A)).toEqual(await ask(D));
    // Writers at once through both processes share notes; nothing is missed.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        runAction(i % 2 ? A : B, {
          communityId: C,
          pluginId: repair.id,
          action: 'report',
          caller: residents[1 + (i % 2)]!,
          input: input(`同时 ${i}`),
        }),
      ),
    );
    expect(await ask(A)).toEqual(await ask(D));
    expect(await ask(B)).toEqual(await ask(D));
    // Another process changed a ticket and took the next number; the version document's hint
    // did not move (it moves every 16th number). The claim alone names the ticket.
    const raw = db.connection().db!;
    const key = `${C}|${repair.id}|tickets`;
    const claims = raw.collection<{ _id: string; at: Date }>(RECORD_CHANGES);
    const hint = async () =>
      (await raw.collection<VersionDoc>(RECORD_VERSIONS).findOne({ _id: key }))?.v ?? 0;
    const head = await headOf(raw, key);
    expect(await claims.findOne({ _id: `${key}|${head}` })).not.toBeNull();
    expect(await hint()).toBeLessThanOrEqual(head);
    const listed = await ask(D);
    const ticket = listed.kind === 'list' ? (listed.items[0] as { id: string }) : undefined;
    await recordsOf({ db: raw, plugin: { pluginId: repair.id } } as never, 'tickets').updateOne(
      { _id: ticket!.id },
      { $set: { title: '另一个进程改的' } },
    );
    await claims.insertOne({
      _id: `${key}|${head + 1}`,
      ids: [ticket!.id],
      at: new Date(),
    } as never);
    // A write that knew only `head` (this test's processes share one module, so one head per
    // key) finds number head + 1 taken, steps past it, and after the collision raises the hint.
    // (An update: most creates here write no note, number-probe.ts.)
    const other = listed.kind === 'list' ? (listed.items[1] as { id: string }) : undefined;
    const bctx = await loadContext(B, C, repair.id, null, 'write');
    const before = await findById(bctx, 'tickets', other!.id);
    await updateRecord(bctx, 'tickets', before!, { title: '之后' }, {});
    const seen = await ask(A);
    expect(JSON.stringify(seen)).toContain('另一个进程改的');
    expect(seen).toEqual(await ask(D));
    expect(await claims.findOne({ _id: `${key}|${head + 2}` })).not.toBeNull();
    expect(await hint()).toBe(head + 2);
    // A week on, the retention job purges the claims, raising the hint past them first: a new
    // process starts from the hint and still follows the next write.
    await claims.updateMany({ _id: { $regex: `^${C}\\|` } }, { $set: { at: new Date(0) } });
    await raw.collection<VersionDoc>(RECORD_VERSIONS).updateOne({ _id: key }, { $set: { v: 1 } });
    expect(await purgeChangeClaims(raw, new Date())).toBeGreaterThanOrEqual(head + 2);
    expect(await claims.countDocuments({ _id: { $regex: `^${C}\\|` } })).toBe(0);
    expect(await hint()).toBe(head + 2);
    const E = await testDataPlane(db.connection());
    E.listCache = cached;
    await E.install(C, repair);
    expect(await ask(E)).toEqual(await ask(D));
    await runAction(A, {
      communityId: C,
      pluginId: repair.id,
      action: 'report',
      caller: residents[2]!,
      input: input('清理之后'),
    });
    const last = await ask(E);
    expect(JSON.stringify(last)).toContain('清理之后');
    expect(last).toEqual(await ask(D));
  }, 120_000);

  it('answers from the entry while it is read whole in the background, then takes the read in', async () => {
    const F = await testDataPlane(db.connection());
    F.listCache = { ...cached, maxAgeMs: 0, renewShare: Infinity };
    await F.install(C, repair);
    const ask = (p: TestDataPlane) => askQueue(p, 100);
    expect(await ask(F)).toEqual(await ask(D));
    // The next read starts a whole read; it has its rows before the writes below, and is held
    // back until they are done and followed through the change log.
    type Whole = (...args: unknown[]) => Promise<unknown[]>;
    const cache = listCacheOf(F) as unknown as { readWhole: Whole };
    const real = cache.readWhole.bind(cache);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let rows: Promise<unknown[]> | undefined;
    let held: Promise<unknown[]> | undefined;
    cache.readWhole = (...args) => {
      cache.readWhole = real;
      rows = real(...args);
      held = rows.then(async (r) => (await gate, r));
      return held;
    };
    await new Promise((r) => setTimeout(r, 5));
    expect(await ask(F)).toEqual(await ask(D));
    expect(rows).toBeDefined();
    await rows;
    const listed = await ask(D);
    const [first, second] = (listed as Extract<QueryResult, { kind: 'list' }>).items as {
      id: string;
    }[];
    const ctx = await loadContext(A, C, repair.id, null, 'write');
    await updateRecord(
      ctx,
      'tickets',
      (await findById(ctx, 'tickets', first!.id))!,
      { title: '后台读之后' },
      {},
    );
    await removeRecord(ctx, 'tickets', (await findById(ctx, 'tickets', second!.id))!);
    // Answered at once from the entry, which followed both changes.
    const during = await ask(F);
    expect(JSON.stringify(during)).toContain('后台读之后');
    expect(during).toEqual(await ask(D));
    release();
    await held;
    await new Promise((r) => setTimeout(r, 0));
    // The whole read, older than both changes for those two tickets, is taken in: they stay as
    // the entry had them.
    const after = await ask(F);
    expect(JSON.stringify(after)).toContain('后台读之后');
    expect(JSON.stringify(after)).not.toContain(second!.id);
    expect(after).toEqual(await ask(D));
  }, 30_000);

  it('reads a collection whole in the background no more than its share of the time', async () => {
    const ask = (p: TestDataPlane) => askQueue(p, 5);
    // The same entry, read many times: with no bound every read past the first starts a whole
    // read; bounded to a share, one whole read of ~t ms puts the next t / share ms away.
    const wholeReads = async (renewShare: number) => {
      const G = await testDataPlane(db.connection());
      G.listCache = { ...cached, maxAgeMs: 0, renewShare };
      await G.install(C, repair);
      type Whole = (...args: unknown[]) => Promise<unknown[]>;
      const cache = listCacheOf(G) as unknown as { readWhole: Whole };
      const real = cache.readWhole.bind(cache);
      let calls = 0;
      cache.readWhole = (...args) => {
        calls++;
        return real(...args);
      };
      await ask(G);
      const first = calls;
      for (let i = 0; i < 6; i++) {
        expect(await ask(G)).toEqual(await ask(D));
        await new Promise((r) => setTimeout(r, 20));
      }
      return calls - first;
    };
    expect(await wholeReads(Infinity)).toBeGreaterThanOrEqual(5);
    // A share of 1/10,000: a whole read of 1 ms or more puts the next 10 s or more away.
    expect(await wholeReads(0.0001)).toBe(1);
  }, 60_000);
});
