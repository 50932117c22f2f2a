import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../http/errors';
import { useTestDatabase } from '../../testing/database';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { LEDGER, recordCollectionName, SEATS } from '../records/names';
import { runAction } from '../actions/service';
import { runQuery } from './service';

const db = useTestDatabase('hostile');
const repair = loadStandardPlugin('property-repair');
const canteen = loadStandardPlugin('elderly-canteen');
const A = 'c-hostile-a';
const B = 'c-hostile-b';
let dp: TestDataPlane;
const resident = member(A, ['resident'], 'res');
const staff = member(A, ['staff'], 'staff');
const residentB = member(B, ['resident'], 'resB');

/** An object that really owns odd keys such as `__proto__` (as JSON.parse makes them). */
function withOwnKeys(entries: [string, unknown][]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

const nasty = fc.oneof(
  fc.constantFrom(
    '$ne',
    '$gt',
    '{"$ne":null}',
    '__proto__',
    'constructor',
    '.',
    '$where',
    'a.b',
    '',
    ',',
    '13812341234',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ minLength: 5000, maxLength: 20000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nasty,
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object'),
  ),
  object: fc
    .array(
      fc.tuple(
        fc.constantFrom(
          '$ne',
          '$gt',
          '$where',
          '__proto__',
          'constructor',
          'title',
          'status',
          'createdBy',
          'communityId',
          '_id',
          'x',
        ),
        tie('value'),
      ),
      { maxLength: 4 },
    )
    .map(withOwnKeys),
})).value;
const deep = fc.integer({ min: 50, max: 400 }).map((n) => {
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
});
const ticketFields = [
  'category',
  'locationType',
  'room',
  'title',
  'contactPhone',
  'status',
  'createdBy',
  'communityId',
  '_id',
  'rating',
];
const hostileInput = fc.oneof(
  fc
    .array(
      fc.tuple(fc.constantFrom(...ticketFields, '$set', '__proto__'), fc.oneof(hostileValue, deep)),
      { maxLength: 6 },
    )
    .map(withOwnKeys),
  hostileValue,
);

async function snapshot() {
  const d = db.connection().db!;
  return {
    a: await d.collection(recordCollectionName(repair.id, 'tickets')).countDocuments({}),
    b: await d.collection(recordCollectionName(canteen.id, 'bookings')).countDocuments({}),
    ledger: await d.collection(LEDGER).countDocuments({}),
    seats: await d.collection(SEATS).countDocuments({}),
  };
}

function expectClientError(err: unknown) {
  expect(err).toBeInstanceOf(HttpError);
  expect((err as HttpError).status).toBeGreaterThanOrEqual(400);
  expect((err as HttpError).status).toBeLessThan(500);
}

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  for (const c of [A, B]) {
    await dp.install(c, repair);
    await dp.install(c, canteen, {
      mealCapacity: { breakfast: 5, lunch: 5, dinner: 5 },
      deliveryCapacity: 5,
    });
  }
  const good = {
    category: 'plumbing',
    locationType: 'room',
    title: '漏水了',
    contactPhone: '13812341234',
  };
  await runAction(dp, {
    communityId: A,
    pluginId: repair.id,
    action: 'report',
    caller: resident,
    input: good,
  });
  await runAction(dp, {
    communityId: B,
    pluginId: repair.id,
    action: 'report',
    caller: residentB,
    input: good,
  });
});

describe('hostile input', () => {
  it('actions: never a 500, never a write when refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'report',
          'accept',
          'rate',
          'cancel',
          'nope',
          '__proto__',
          'constructor',
          'toString',
        ),
        hostileInput,
        fc.oneof(fc.constant(undefined), nasty, hostileValue),
        fc.constantFrom(resident, staff),
        async (action, input, recordId, caller) => {
          const before = await snapshot();
          try {
            await runAction(dp, {
              communityId: A,
              pluginId: repair.id,
              action,
              caller,
              input,
              recordId,
            });
          } catch (err) {
            expectClientError(err);
            expect(await snapshot()).toEqual(before);
            return;
          }
          // the rare input that is valid must have been written in community A only
          const d = db.connection().db!;
          expect(
            await d
              .collection(recordCollectionName(repair.id, 'tickets'))
              .countDocuments({ communityId: { $nin: [A, B] } }),
          ).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('queries: never a 500, never a record of another community', async () => {
    const keys = fc.oneof(
      fc.constantFrom(
        'cursor',
        'limit',
        'id',
        'sort',
        'f.status.eq',
        'f.status.in',
        'f.communityId.eq',
        'f.createdBy.ne',
        'f.$where.eq',
        'f.status.$ne',
        'f.__proto__.eq',
        'f..eq',
        'f.status',
      ),
      fc.string({ maxLength: 20 }).map((s) => `f.${s}`),
    );
    const values = fc.oneof(
      nasty.map(String),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      fc.constant({ $ne: null }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('myTickets', 'queue', 'openCount', 'byStatus', 'nope', '__proto__'),
        fc.array(fc.tuple(keys, values), { maxLength: 4 }).map(withOwnKeys),
        fc.constantFrom(resident, staff, null),
        async (query, params, caller) => {
          try {
            const r = await runQuery(dp, {
              communityId: A,
              pluginId: repair.id,
              query,
              caller,
              params,
            });
            const d = db.connection().db!.collection(recordCollectionName(repair.id, 'tickets'));
            const ids =
              r.kind === 'list' ? r.items.map((i) => i.id) : r.kind === 'record' ? [r.item.id] : [];
            for (const id of ids)
              expect(await d.countDocuments({ _id: id as never, communityId: A })).toBe(1);
            if (r.kind === 'count')
              expect(r.count).toBeLessThanOrEqual(await d.countDocuments({ communityId: A }));
          } catch (err) {
            expectClientError(err);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
