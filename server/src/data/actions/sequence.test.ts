import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { CODES } from '../records/names';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
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

  it('starts after the highest number taken when its hint lags behind', async () => {
    const key = `${repair.id}|tickets|${A}|#`;
    // A hint left behind by a lost race: the claims of 1…10 still stand.
    await db
      .connection()
      .db!.collection<{ _id: string; last: number }>(CODES)
      .updateOne({ _id: key }, { $set: { last: 4 } });
    expect(await send(A, 30)).toBe(11);
    expect(await send(A, 31)).toBe(12);
  });

  it('a process that has not numbered there yet starts from the stored hint and steps over numbers others took', async () => {
    const C = 'c_seq_c';
    await dp.install(C, repair);
    const key = `${repair.id}|tickets|${C}|#`;
    // Another process took 1…5 and saved its hint at 2; this process holds nothing for C.
    const codes = db.connection().db!.collection<{ _id: string; at?: Date; last?: number }>(CODES);
    await codes.insertMany([1, 2, 3, 4, 5].map((n) => ({ _id: `${key}${n}`, at: new Date() })));
    await codes.insertOne({ _id: key, last: 2 });
    expect(await send(C, 0)).toBe(6);
    // The collision moved the stored hint, so the next process starts near the front.
    expect((await codes.findOne({ _id: key }))?.last).toBe(6);
    expect(await send(C, 1)).toBe(7);
  });
});
