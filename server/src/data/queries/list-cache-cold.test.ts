import { beforeAll, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import {
  loadStandardPlugin,
  member,
  testDataPlane,
  type TestDataPlane,
  testListCache,
} from '../records/test-kit';
import { runAction } from '../actions/service';
import { listCacheOf } from './list-cache';
import type { ListCacheOptions } from './list-cache-options';
import { runQuery } from './service';
import { loadContext } from '../records/context';

// A reader does not wait long for a whole read: on the local database reading a large
// community's records can take longer than the database's own page, and a collection too big
// to hold is found out only by reading it.
const db = useTestDatabase('list-cache-cold');
const repair = loadStandardPlugin('property-repair');
const C = 'c-cold';
const resident = member(C, ['resident'], 'r');
const staff = member(C, ['staff'], 's');
const options: ListCacheOptions = { ...testListCache, coldWaitMs: 50 };
let D: TestDataPlane;

beforeAll(async () => {
  D = await testDataPlane(db.connection());
  D.listCache = { ...options, maxRecords: 0 };
  await D.install(C, repair);
  for (const title of ['厨房水管漏水', '楼道灯不亮了', '电梯按钮失灵']) {
    await runAction(D, {
      communityId: C,
      pluginId: repair.id,
      action: 'report',
      caller: resident,
      input: { category: 'plumbing', locationType: 'public', title, contactPhone: '13800000000' },
    });
  }
});

const ask = (p: TestDataPlane) =>
  runQuery(p, { communityId: C, pluginId: repair.id, query: 'queue', caller: staff, params: {} });

/** A plane whose cache's whole reads wait until `release` is called. */
async function gatedPlane(overrides: Partial<ListCacheOptions>) {
  const p = await testDataPlane(db.connection());
  p.listCache = { ...options, ...overrides };
  await p.install(C, repair);
  type Whole = (...args: unknown[]) => Promise<unknown[]>;
  const cache = listCacheOf(p);
  const patched = cache as unknown as { readWhole: Whole };
  const real = patched.readWhole.bind(cache);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reads: Promise<unknown[]>[] = [];
  patched.readWhole = (...args) => {
    const read = real(...args).then(async (rows) => (await gate, rows));
    reads.push(read);
    return read;
  };
  return { p, cache, reads, release };
}

it('answers a cold read from the database when the whole read takes long, and from memory once it is in', async () => {
  const { p, cache, reads, release } = await gatedPlane({});
  // The whole read is held back: the database answers after the short wait.
  expect(await ask(p)).toEqual(await ask(D));
  expect(reads).toHaveLength(1);
  expect(cache.examined).toBe(0);
  release();
  await reads[0];
  await new Promise((r) => setTimeout(r, 0));
  expect(await ask(p)).toEqual(await ask(D));
  expect(cache.examined).toBe(3);
  expect(reads).toHaveLength(1);
});

it('waits for the whole read when told to', async () => {
  const { p, cache, reads, release } = await gatedPlane({ coldWaitMs: Infinity });
  let answered = false;
  const pending = ask(p).then((r) => ((answered = true), r));
  await new Promise((r) => setTimeout(r, 150));
  expect(answered).toBe(false);
  release();
  expect(await pending).toEqual(await ask(D));
  expect(cache.examined).toBe(3);
  expect(reads).toHaveLength(1);
});

it('finds a collection too big once, then sends its reads to the database without reading it again', async () => {
  const { p, cache, reads, release } = await gatedPlane({ maxRecords: 2 });
  const ctx = await loadContext(p, C, repair.id, staff, 'read');
  let asked = 0;
  let answer!: (n: number) => void;
  const slow = () => (asked++, new Promise<number>((r) => (answer = r)));
  const counted = cache.count(ctx, 'tickets', repair.collections!.tickets!, undefined, slow);
  await new Promise((r) => setTimeout(r, 100));
  release();
  await reads[0];
  await new Promise((r) => setTimeout(r, 0));
  // The read found too many: the page waits for the database's answer, asked for once.
  answer(3);
  expect(await counted).toBe(3);
  expect(asked).toBe(1);
  for (let i = 0; i < 3; i++) expect(await ask(p)).toEqual(await ask(D));
  expect(cache.examined).toBe(0);
  expect(reads).toHaveLength(1);
});

it('takes the whole read when it comes in before the database answers', async () => {
  const { p, cache, reads, release } = await gatedPlane({});
  const ctx = await loadContext(p, C, repair.id, staff, 'read');
  let asked = false;
  // A database that has not answered yet: the entry, once read, answers instead.
  const slow = () => ((asked = true), new Promise<number>(() => {}));
  const counted = cache.count(ctx, 'tickets', repair.collections!.tickets!, undefined, slow);
  await new Promise((r) => setTimeout(r, 100));
  expect(asked).toBe(true);
  release();
  expect(await counted).toBe(3);
  expect(cache.examined).toBe(3);
  expect(reads).toHaveLength(1);
});
