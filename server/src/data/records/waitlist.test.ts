import { peopleExampleManifest } from '@scene/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommunityActor as Caller } from '../../control/auth/actor';
import { useTestDatabase } from '../../testing/database';
import { runAction } from '../actions/service';
import { listInbox } from '../notifications/service';
import { runQuery } from '../queries/service';
import { recordCollectionName, SEATS, WAITLIST_PROMOTIONS } from './names';
import { member, testDataPlane, type TestDataPlane } from './test-kit';
import type { StoredRecord } from './types';

const db = useTestDatabase('waitlist');
const C = 'c-waitlist';
const care = peopleExampleManifest();
let dp: TestDataPlane;
const elders = Array.from({ length: 60 }, (_, i) => member(C, ['resident'], `e${i}`));
const visits = () =>
  db.connection().db!.collection<StoredRecord>(recordCollectionName(care.id, 'visits'));

beforeAll(async () => {
  dp = await testDataPlane(db.connection());
  for (const e of elders)
    dp.members.add(C, e.accountId, ['resident'], { attributes: { ageBand: '80+' } });
  await dp.install(C, care, { perSlot: 20 });
});

const elder = (e: Caller): Caller => ({ ...e, attributes: { ageBand: '80+' } });
const request = (e: Caller, date: string, slot = 'morning') =>
  runAction(dp, {
    communityId: C,
    pluginId: care.id,
    action: 'request',
    caller: elder(e),
    input: { date, slot, service: 'company' },
  });
const cancel = (e: Caller, recordId: string) =>
  runAction(dp, {
    communityId: C,
    pluginId: care.id,
    action: 'cancel',
    caller: elder(e),
    recordId,
  });
const idOf = (r: { body: Record<string, unknown> }) => (r.body.record as { id: string }).id;

describe('waitlists', () => {
  it('promotes exactly once, in arrival order, under 20 concurrent cancellations', async () => {
    const date = '2030-05-01';
    const booked = [];
    for (const e of elders.slice(0, 20)) booked.push(idOf(await request(e, date)));
    // The next 25 arrive one after another: each joins the line at the back.
    const waiting: string[] = [];
    for (const [i, e] of elders.slice(20, 45).entries()) {
      const r = await request(e, date);
      expect(r.status).toBe(201);
      expect(r.body.record).toMatchObject({ status: 'waitlisted' });
      expect(r.body.waitlist).toEqual({ position: i + 1 });
      waiting.push(idOf(r));
    }
    const before = await runQuery(dp, {
      communityId: C,
      pluginId: care.id,
      query: 'places',
      caller: elder(elders[0]!),
      params: {},
    });
    expect(before).toMatchObject({
      kind: 'capacity',
      slots: [
        { key: { date, slot: 'morning' }, used: 20, limit: 20, waiting: 25 },
        // Any date and half-day nobody booked yet: the limit is the same for every key.
        { key: {}, used: 0, limit: 20, left: 20 },
      ],
    });

    // All 20 booked elders cancel at once.
    const cancelled = await Promise.all(booked.map((id, i) => cancel(elders[i]!, id)));
    expect(cancelled.every((r) => r.status === 200)).toBe(true);

    const docs = await visits().find({ communityId: C, date }).toArray();
    const byId = new Map(docs.map((d) => [d._id, d]));
    // The first 20 in line hold the 20 places; the last 5 still wait.
    expect(waiting.slice(0, 20).map((id) => byId.get(id)!.status)).toEqual(
      Array(20).fill('booked'),
    );
    expect(waiting.slice(20).map((id) => byId.get(id)!.status)).toEqual(
      Array(5).fill('waitlisted'),
    );
    // Each was promoted exactly once: one promotion in its history, one claim, one place.
    for (const id of waiting.slice(0, 20)) {
      const steps = byId.get(id)!.history.filter((h) => h.transition === 'promote');
      expect(steps).toHaveLength(1);
      expect(steps[0]).toMatchObject({ from: 'waitlisted', to: 'booked', by: 'system' });
    }
    const dbh = db.connection().db!;
    expect(
      await dbh.collection(SEATS).countDocuments({ recordId: { $in: waiting.slice(0, 20) } }),
    ).toBe(20);
    expect(await dbh.collection(SEATS).countDocuments({ recordId: { $in: booked } })).toBe(0);
    const claims = await dbh.collection(WAITLIST_PROMOTIONS).find({}).toArray();
    expect(claims.filter((c) => waiting.some((id) => String(c._id).startsWith(id)))).toHaveLength(
      20,
    );
    // …and told once, in their inbox.
    for (const e of elders.slice(20, 40)) {
      const inbox = await listInbox(dbh, e.accountId, {});
      expect(inbox.items.filter((m) => m.title.en.startsWith('Off the waitlist'))).toHaveLength(1);
    }
    expect(
      (await listInbox(dbh, elders[40]!.accountId, {})).items.map((m) => m.title.en),
    ).not.toContain('Off the waitlist: your visit is booked');
  });

  it('keeps the line when places free one at a time, and skips those who left it', async () => {
    const date = '2030-05-02';
    await dp.install(C, care, { perSlot: 1 });
    const first = idOf(await request(elders[0]!, date));
    const w1 = idOf(await request(elders[1]!, date));
    const w2 = idOf(await request(elders[2]!, date));
    const w3 = idOf(await request(elders[3]!, date));
    // The first in line gives up while waiting: the place goes to the second.
    await cancel(elders[1]!, w1);
    await cancel(elders[0]!, first);
    const status = async (id: string) => (await visits().findOne({ _id: id }))!.status;
    expect([await status(w1), await status(w2), await status(w3)]).toEqual([
      'cancelled',
      'booked',
      'waitlisted',
    ]);
    await cancel(elders[2]!, w2);
    expect(await status(w3)).toBe('booked');
  });

  it('sends newcomers to the back while anyone waits, even when a place is free', async () => {
    const date = '2030-05-03';
    await dp.install(C, care, { perSlot: 1 });
    idOf(await request(elders[10]!, date));
    const waiter = idOf(await request(elders[11]!, date));
    // The operator adds a place: the first in line takes it when the next person arrives,
    // and the newcomer waits behind — never jumping the line.
    await dp.install(C, care, { perSlot: 2 });
    const late = await request(elders[12]!, date);
    expect(late.body.waitlist).toEqual({ position: 1 });
    expect((await visits().findOne({ _id: waiter }))!.status).toBe('booked');
    expect((await visits().findOne({ _id: idOf(late) }))!.status).toBe('waitlisted');
  });
});
