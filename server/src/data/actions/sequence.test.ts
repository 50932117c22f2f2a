import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { CODES, recordCollectionName } from '../records/names';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { forgetNumberings } from './numbering';
import { runAction } from './service';

const db = useTestDatabase('sequence');
const repair = loadStandardPlugin('property-repair');
const A = 'c_seq_a';
const B = 'c_seq_b';
let dp: TestDataPlane;

const report = (n: number) => ({
  category: 'plumbing',
  locationType: 'room',
  room: '3幢2单元1201',
  title: `水管漏水 ${n}`,
  contactPhone: '13812341234',
});

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  await dp.install(A, repair);
  await dp.install(B, repair);
});

const send = (communityId: string, n: number) =>
  runAction(dp, {
    communityId,
    pluginId: repair.id,
    action: 'report',
    caller: member(communityId, ['resident'], `res${n}`),
    input: report(n),
  }).then((r) => (r.body.record as { no: number }).no);

describe('record numbers ({"var": "seq"})', () => {
  it('numbers records 1, 2, 3… per community, each number once even when sent at the same time', async () => {
    expect(await send(A, 0)).toBe(1);
    expect(await send(A, 1)).toBe(2);
    // Another community starts at 1 of its own.
    expect(await send(B, 0)).toBe(1);
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => send(A, 10 + i)));
    expect([...racing].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a process that has not numbered there yet starts from the stored hint and steps over numbers others took', async () => {
    const key = `${repair.id}|tickets|${A}|@`;
    const states = db.connection().db!.collection<{ _id: string; last: number }>(CODES);
    // A hint left behind (another process took 5…10 and saved none of them); this process
    // forgets what it holds, as after a restart.
    await states.updateOne({ _id: key }, { $set: { last: 4 } });
    forgetNumberings();
    expect(await send(A, 30)).toBe(11);
    // The collisions moved the stored hint, so the next process starts near the front.
    expect((await states.findOne({ _id: key }))?.last).toBe(11);
    expect(await send(A, 31)).toBe(12);
  });

  it('processes starting at once from the same hint never share a number or a code', async () => {
    const C = 'c_seq_c';
    await dp.install(C, repair);
    expect(await send(C, 0)).toBe(1);
    // Eight creates starting together after a restart: those that read the stored hint before
    // another remembered it try the same numbers, and the record's unique _id decides.
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) => {
        forgetNumberings();
        return runAction(dp, {
          communityId: C,
          pluginId: repair.id,
          action: 'report',
          caller: member(C, ['resident'], `racer${i}`),
          input: report(40 + i),
        }).then((r) => r.body.record as { no: number; ticketNo: string });
      }),
    );
    expect(racing.map((r) => r.no).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(racing.map((r) => r.ticketNo)).size).toBe(8);
    // Nothing was claimed beside the records: the records carry their numbers.
    const claims = await db
      .connection()
      .db!.collection<{ _id: string }>(CODES)
      .countDocuments({ _id: { $regex: `\\|${C}\\|` } });
    expect(claims).toBe(1);
  });

  it('a collection that had records before records carried numbers keeps numbering by claims', async () => {
    const D = 'c_seq_d';
    await dp.install(D, repair);
    // An earlier release's ticket: number 1 and its claims stand.
    const key = `${repair.id}|tickets|${D}|#`;
    const codes = db.connection().db!.collection<{ _id: string; at?: Date; last?: number }>(CODES);
    await codes.insertOne({ _id: `${key}1`, at: new Date() });
    await db
      .connection()
      .db!.collection(recordCollectionName(repair.id, 'tickets'))
      .insertOne({ _id: 'a'.repeat(24) as never, communityId: D, no: 1 });
    expect(await send(D, 0)).toBe(2);
    expect(await codes.findOne({ _id: `${key}2` })).not.toBeNull();
  });
});
