import type { CreateAction } from '@scene/schema';
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
import { insertRecord, newRecord, removeRecord } from '../records/write';
import { runAction } from '../actions/service';
import { forgetNumberings, insertNumbered } from '../actions/numbering';
import { loadContext, recordsOf } from '../records/context';
import { RECORD_CHANGES } from '../records/names';
import { runQuery } from './service';
import { seededRandom } from '../../seeds/random';

// Creates in a numbered collection mostly write no change note: cached lists find them by
// reading the next numbers' `_id`s (number-probe.ts). Two list caches (A, B) on one database; the
// writers race for numbers: a restart in the middle of a burst (forgetNumberings) leaves creates
// still running with the old numbering memory while new ones start from the stored hint, as two
// processes would. Refused inserts, deletes of fresh records and restarts leave gaps. After
// every step, list reads through A and B must equal D's, which reads the database.
const db = useTestDatabase('number-probe');
const repair = loadStandardPlugin('property-repair');
const C = 'c-numbers';
const cached = testListCache;
let A: TestDataPlane;
let B: TestDataPlane;
let D: TestDataPlane;
const residents = [0, 1, 2].map((i) => member(C, ['resident'], `r${i}`));
const staff = member(C, ['staff'], 's');

const input = (title: string) => ({
  category: 'plumbing',
  locationType: 'public',
  title,
  contactPhone: '13800000000',
});

beforeAll(async () => {
  A = await testDataPlane(db.connection());
  B = await testDataPlane(db.connection());
  D = await testDataPlane(db.connection());
  A.listCache = cached;
  B.listCache = cached;
  D.listCache = { ...cached, maxRecords: 0 };
  for (const p of [A, B, D]) await p.install(C, repair);
});

const queue = (p: TestDataPlane) =>
  runQuery(p, {
    communityId: C,
    pluginId: repair.id,
    query: 'queue',
    caller: staff,
    params: { limit: '100' },
  });

/** A resident's own tickets and open count: read by the author index, which found creates join. */
const theirs = (p: TestDataPlane, caller: (typeof residents)[number]) =>
  Promise.all(
    (['myTickets', 'myOpenCount'] as const).map((query) =>
      runQuery(p, { communityId: C, pluginId: repair.id, query, caller, params: {} }),
    ),
  );

const report = (p: TestDataPlane, title: string) =>
  runAction(p, {
    communityId: C,
    pluginId: repair.id,
    action: 'report',
    caller: residents[title.length % 3]!,
    input: input(title),
  }).then((r) => (r.body as { record: { id: string } }).record.id);

/** A numbered insert the collection refuses (no title) after its number was taken. */
async function refused(p: TestDataPlane): Promise<void> {
  const ctx = await loadContext(p, C, repair.id, null, 'write');
  const doc = newRecord(ctx, 'tickets', { category: 'plumbing', locationType: 'public' });
  const set = (repair.actions.report as CreateAction).set;
  await expect(
    insertNumbered(ctx, 'tickets', doc, set, (d, num) =>
      insertRecord(ctx, 'tickets', d, undefined, num),
    ),
  ).rejects.toThrow(/match its collection/);
}

describe('creates found by their numbers', () => {
  it('lists every record as the database does, with racing writers, refusals and deletes', async () => {
    const random = seededRandom(4242);
    const ids: string[] = [];
    const claims = db.connection().db!.collection(RECORD_CHANGES);
    const claimsAtStart = await claims.countDocuments({});
    let created = 0;
    let refusals = 0;
    let deletes = 0;
    for (let step = 0; step < 120; step++) {
      const roll = random();
      if (roll < 0.45) {
        // A burst of creates through both processes at once, with a refusal among them.
        const burst = 1 + Math.floor(random() * 4);
        const plan = Array.from({ length: burst }, () => ({
          refuse: random() < 0.15,
          via: random() < 0.5 ? A : B,
          wait: random() * 20,
          restart: random() < 0.2,
        }));
        const made = await Promise.all(
          plan.map(async ({ refuse, via, wait, restart }, i) => {
            await new Promise((r) => setTimeout(r, wait));
            if (restart) forgetNumberings();
            if (!refuse) return report(via, `工单 ${step}.${i}`);
            await refused(via);
            refusals++;
            return null;
          }),
        );
        for (const id of made) if (id) ids.push(id);
        created += made.filter(Boolean).length;
      } else if (roll < 0.55) {
        await refused(random() < 0.5 ? A : B);
        refusals++;
      } else if (roll < 0.7 && ids.length) {
        // Mostly the newest: created, then deleted before anyone listed it.
        const via = random() < 0.5 ? A : B;
        const id = random() < 0.7 ? ids[ids.length - 1]! : ids[Math.floor(random() * ids.length)]!;
        const ctx = await loadContext(via, C, repair.id, null, 'write');
        const doc = await findById(ctx, 'tickets', id);
        if (doc) {
          await removeRecord(ctx, 'tickets', doc);
          deletes++;
        }
      } else if (roll < 0.75) {
        // A restart: the process's numbers lag behind the other's and collide, or fill gaps.
        forgetNumberings();
      } else {
        const via = random() < 0.5 ? A : B;
        expect(await queue(via)).toEqual(await queue(D));
        const who = residents[step % 3]!;
        expect(await theirs(via, who)).toEqual(await theirs(D, who));
      }
      if (random() < 0.5) {
        expect(await queue(A)).toEqual(await queue(D));
        expect(await queue(B)).toEqual(await queue(D));
      }
    }
    expect(await queue(A)).toEqual(await queue(D));
    expect(await queue(B)).toEqual(await queue(D));
    expect(created).toBeGreaterThan(60);
    expect(refusals).toBeGreaterThan(10);
    expect(deletes).toBeGreaterThan(10);
    // Most creates wrote no change note (deletes and some creates did).
    const notes = (await claims.countDocuments({})) - claimsAtStart;
    expect(notes).toBeLessThan(created);
  }, 300_000);

  it('finds a quiet create after a number the reader skipped and after a restart behind a delete', async () => {
    const ask = () => queue(A);
    expect(await ask()).toEqual(await queue(D));
    // B creates two in a row: the second is quiet. A's cache finds both.
    await report(B, '连续一');
    await report(B, '连续二');
    expect(await ask()).toEqual(await queue(D));
    for (const who of residents) expect(await theirs(A, who)).toEqual(await theirs(D, who));
    // B refuses one (its number is given back), then creates: nothing for A to miss.
    await refused(B);
    await report(B, '拒绝之后');
    expect(await ask()).toEqual(await queue(D));
    // Two refusals at once leave a gap below a later create; the one after it is quiet.
    await Promise.all([refused(B), refused(B), report(B, '空号之后')]);
    await report(B, '空号之后二');
    expect(await ask()).toEqual(await queue(D));
    // A process restarts behind a deleted newest record: it starts past the deleted number
    // (numbering-reuse.test.ts), and A's cache finds its creates all the same.
    const ctx = await loadContext(B, C, repair.id, null, 'write');
    const last = await recordsOf(ctx, 'tickets')
      .find({ communityId: C })
      .sort({ _n: -1 })
      .limit(1)
      .next();
    await removeRecord(ctx, 'tickets', last!);
    forgetNumberings();
    await report(B, '补上空号');
    await report(B, '补上空号二');
    // Found by the number probe of a "my" read first: into the author index.
    for (const who of residents) expect(await theirs(A, who)).toEqual(await theirs(D, who));
    expect(await ask()).toEqual(await queue(D));
  }, 120_000);
});
