import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { loadStandardPlugin, member, testDataPlane, type TestDataPlane } from '../records/test-kit';
import { recordCollectionName } from '../records/names';
import { append } from '../points/ledger';
import { pointsOf } from '../points/service';
import { runQuery } from '../queries/service';
import { runAction, type ActionRequest } from './service';
import type { CommunityActor as Caller } from '../../control/auth/actor';

const db = useTestDatabase('journeys');
const C = 'c-journeys';
const canteen = loadStandardPlugin('elderly-canteen');
const proposals = loadStandardPlugin('proposals');
const convention = loadStandardPlugin('convention');
const mall = loadStandardPlugin('points-mall');
let dp: TestDataPlane;

const operator = member(C, ['operator'], 'op');
const residents = Array.from({ length: 60 }, (_, i) => member(C, ['resident'], `r${i}`));
const [alice, bob] = residents as [Caller, Caller];

// 2026-03-10 08:00 in Shanghai: lunch on the 11th is still bookable, on the 10th after 09:00 not.
const NOW = new Date('2026-03-10T00:00:00Z');

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  dp.clock.now = NOW;
  await dp.install(C, canteen, {
    mealCapacity: { breakfast: 50, lunch: 3, dinner: 50 },
    deliveryCapacity: 10,
  });
  await dp.install(C, proposals, { supportThreshold: 2, votePoints: 2 });
  await dp.install(C, convention);
  await dp.install(C, mall, {
    items: [
      { id: 'tea', name: '茶叶', points: 10 },
      { id: 'cut', name: '理发', points: 5, stock: 3, perUserLimit: 1 },
    ],
  });
});

const run = (
  pluginId: string,
  caller: Caller,
  action: string,
  input: Record<string, unknown> = {},
  more: Partial<ActionRequest> = {},
) => runAction(dp, { communityId: C, pluginId, action, caller, input, ...more });
const count = (pluginId: string, collection: string, filter: Record<string, unknown> = {}) =>
  db.connection().db!.collection(recordCollectionName(pluginId, collection)).countDocuments(filter);
const booking = (date: string) => ({ date, slot: 'lunch', mode: 'dine_in' });

describe('elderly canteen', () => {
  it('books, books for a linked family elder, refuses a full slot, frees the place on cancel', async () => {
    const a = await run(canteen.id, alice, 'book', booking('2026-03-11'));
    expect(a.body.record).toMatchObject({ status: 'booked', elderName: alice.displayName });
    // Bob's mother allowed him to act for her: he books her lunch, as her.
    const mum = member(C, ['resident'], '李桂兰');
    dp.members.add(C, mum.accountId, ['resident'], { displayName: '李桂兰' });
    await expect(
      run(canteen.id, bob, 'book', booking('2026-03-11'), { forAccountId: mum.accountId }),
    ).rejects.toMatchObject({ status: 403, code: 'not_allowed_to_act' });
    dp.households.grant(C, mum.accountId, bob.accountId, { act: true, notify: true });
    const forMum = await run(canteen.id, bob, 'book', booking('2026-03-11'), {
      forAccountId: mum.accountId,
    });
    expect(forMum.body.record).toMatchObject({
      createdBy: mum.accountId,
      actedBy: bob.accountId,
      elderName: '李桂兰',
      bookedBy: bob.displayName,
    });
    // Both see it: his list holds his and his mother's bookings.
    const mine = await runQuery(dp, {
      communityId: C,
      pluginId: canteen.id,
      query: 'myBookings',
      caller: bob,
      params: {},
    });
    expect(mine).toMatchObject({ kind: 'list', items: [{ elderName: '李桂兰' }] });
    await run(canteen.id, bob, 'book', booking('2026-03-11'));
    await expect(
      run(canteen.id, residents[2]!, 'book', booking('2026-03-11')),
    ).rejects.toMatchObject({ status: 409, details: { code: 'capacity_full' } });
    // the same elder twice in one slot is a duplicate
    await expect(run(canteen.id, bob, 'book', booking('2026-03-12'))).resolves.toMatchObject({
      status: 201,
    });
    await expect(run(canteen.id, bob, 'book', booking('2026-03-12'))).rejects.toMatchObject({
      status: 409,
    });
    // cancelling frees the place
    await run(canteen.id, alice, 'cancel', {}, { recordId: (a.body.record as { id: string }).id });
    await expect(
      run(canteen.id, residents[2]!, 'book', booking('2026-03-11')),
    ).resolves.toMatchObject({ status: 201 });
  });

  it('refuses bookings after the cut-off', async () => {
    dp.clock.now = new Date('2026-03-10T02:00:00Z'); // 10:00 local
    await expect(run(canteen.id, alice, 'book', booking('2026-03-10'))).rejects.toMatchObject({
      details: { code: 'deadline_passed' },
    });
    dp.clock.now = NOW;
  });

  it('never over-books the last place under 50 concurrent bookings', async () => {
    const date = '2026-03-20';
    await run(canteen.id, alice, 'book', booking(date));
    await run(canteen.id, bob, 'book', booking(date));
    const results = await Promise.allSettled(
      residents.slice(2, 52).map((r) => run(canteen.id, r, 'book', booking(date))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.every(
        (r) => r.status === 'fulfilled' || (r.reason as { status: number }).status === 409,
      ),
    ).toBe(true);
    expect(await count(canteen.id, 'bookings', { date, slot: 'lunch' })).toBe(3);
  });
});

describe('proposals', () => {
  it('supports once, auto-evaluates at the threshold, votes once, pays vote points', async () => {
    const p = (
      await run(proposals.id, alice, 'propose', {
        title: '增设充电桩议题',
        body: '小区电动车充电难，建议在地库增设充电桩。',
      })
    ).body.record as { id: string };
    await run(proposals.id, bob, 'support', { proposalId: p.id });
    await expect(run(proposals.id, bob, 'support', { proposalId: p.id })).rejects.toMatchObject({
      status: 409,
    });
    const second = await run(proposals.id, residents[3]!, 'support', { proposalId: p.id });
    expect(second.status).toBe(201);
    const seen = await runQuery(dp, {
      communityId: C,
      pluginId: proposals.id,
      query: 'proposal',
      caller: bob,
      params: { id: p.id },
    });
    expect(seen).toMatchObject({ kind: 'record', item: { status: 'evaluating', supports: 2 } });
    // voting before it opens is refused by the parent guard
    await expect(
      run(proposals.id, bob, 'vote', { proposalId: p.id, choice: 'yes' }),
    ).rejects.toMatchObject({
      details: { code: 'parent_closed' },
    });
    await run(
      proposals.id,
      operator,
      'openVote',
      { votingEndsAt: '2026-03-17T00:00:00Z' },
      { recordId: p.id },
    );
    const votes = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        run(proposals.id, bob, 'vote', { proposalId: p.id, choice: 'yes' }),
      ),
    );
    expect(votes.filter((v) => v.status === 'fulfilled')).toHaveLength(1);
    expect(await count(proposals.id, 'votes', { proposalId: p.id })).toBe(1);
    expect((await pointsOf(db.connection().db!, C, bob.accountId, {})).balance).toBe(2);
  });

  it('lets exactly one of racing transitions win', async () => {
    const p = (
      await run(proposals.id, alice, 'propose', {
        title: '修缮中心凉亭',
        body: '中心花园凉亭漏雨，建议尽快修缮。',
      })
    ).body.record as { id: string };
    const racers = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        run(
          proposals.id,
          operator,
          i % 2 ? 'decline' : 'evaluate',
          i % 2 ? { answer: '不予采纳' } : {},
          { recordId: p.id },
        ),
      ),
    );
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const doc = await db
      .connection()
      .db!.collection(recordCollectionName(proposals.id, 'proposals'))
      .findOne({ _id: p.id as never });
    expect(doc!.history).toHaveLength(1);
  });
});

describe('convention', () => {
  it('signs once per version and earns points once', async () => {
    const first = await run(convention.id, residents[5]!, 'sign', { agreed: true });
    expect(first.status).toBe(201);
    await expect(run(convention.id, residents[5]!, 'sign', { agreed: true })).rejects.toMatchObject(
      { status: 409 },
    );
    const pts = await pointsOf(db.connection().db!, C, residents[5]!.accountId, {});
    expect(pts.balance).toBe(first.body.pointsAwarded);
    expect(pts.entries).toHaveLength(first.body.pointsAwarded ? 1 : 0);
  });
});

describe('points mall', () => {
  const fund = (accountId: string, amount: number, key: string) =>
    append(db.connection().db!, {
      communityId: C,
      accountId,
      delta: amount,
      kind: 'earn',
      pluginId: 'test',
      action: 'fund',
      recordId: null,
      idemKey: key,
    });

  it('redeems, refuses an insufficient balance, keeps stock and per-user limits', async () => {
    const r = residents[10]!;
    await fund(r.accountId, 12, `fund-${r.accountId}`);
    const ok = await run(mall.id, r, 'redeem', { itemId: 'tea', quantity: 1 });
    expect(ok.body).toMatchObject({
      pointsSpent: 10,
      record: { itemId: 'tea', points: 10, status: 'created' },
    });
    await expect(run(mall.id, r, 'redeem', { itemId: 'tea', quantity: 1 })).rejects.toMatchObject({
      details: { code: 'insufficient_points', balance: 2 },
    });
    expect(await count(mall.id, 'orders', { createdBy: r.accountId })).toBe(1);
    // stock 3, one per person
    for (const x of residents.slice(11, 15)) await fund(x.accountId, 20, `fund-${x.accountId}`);
    await run(mall.id, residents[11]!, 'redeem', { itemId: 'cut', quantity: 1 });
    await expect(
      run(mall.id, residents[11]!, 'redeem', { itemId: 'cut', quantity: 1 }),
    ).rejects.toMatchObject({ details: { code: 'limit_reached' } });
    await run(mall.id, residents[12]!, 'redeem', { itemId: 'cut', quantity: 1 });
    const third = await run(mall.id, residents[13]!, 'redeem', { itemId: 'cut', quantity: 1 });
    await expect(
      run(mall.id, residents[14]!, 'redeem', { itemId: 'cut', quantity: 1 }),
    ).rejects.toMatchObject({ details: { code: 'out_of_stock' } });
    // a cancelled order gives its place back (releaseWhen)
    await run(
      mall.id,
      residents[13]!,
      'cancel',
      {},
      { recordId: (third.body.record as { id: string }).id },
    );
    await expect(
      run(mall.id, residents[14]!, 'redeem', { itemId: 'cut', quantity: 1 }),
    ).resolves.toMatchObject({ status: 201 });
  });

  it('50 concurrent redemptions against a balance for 10 succeed exactly 10 times', async () => {
    const r = residents[20]!;
    await fund(r.accountId, 100, `fund-${r.accountId}`);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => run(mall.id, r, 'redeem', { itemId: 'tea', quantity: 1 })),
    );
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(10);
    const pts = await pointsOf(db.connection().db!, C, r.accountId, { limit: 100 });
    expect(pts.balance).toBe(0);
    expect(pts.entries.filter((e) => e.kind === 'spend')).toHaveLength(10);
    expect(await count(mall.id, 'orders', { createdBy: r.accountId })).toBe(10);
  });

  it('replays an Idempotency-Key instead of redeeming twice', async () => {
    const r = residents[21]!;
    await fund(r.accountId, 30, `fund-${r.accountId}`);
    const first = await run(
      mall.id,
      r,
      'redeem',
      { itemId: 'tea', quantity: 1 },
      { idempotencyKey: 'retry-me-123' },
    );
    const again = await run(
      mall.id,
      r,
      'redeem',
      { itemId: 'tea', quantity: 1 },
      { idempotencyKey: 'retry-me-123' },
    );
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(JSON.parse(JSON.stringify(first.body)));
    expect(await count(mall.id, 'orders', { createdBy: r.accountId })).toBe(1);
    await expect(
      run(mall.id, r, 'redeem', { itemId: 'tea', quantity: 2 }, { idempotencyKey: 'retry-me-123' }),
    ).rejects.toMatchObject({ status: 422 });
  });
});
