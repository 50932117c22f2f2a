// A write whose answer was lost: the database stalled after the action's write reached it, the
// client got a 503 and retries with the same Idempotency-Key, as the README tells it to. The
// retry must not run the action a second time (issue 13: "a write the client had given up on
// was applied later").
import { mongo } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { STALE_CLAIM_MS } from '../../db/claims';
import { HttpError } from '../../http/errors';
import { useTestDatabase } from '../../testing/database';
import { IDEMPOTENCY } from '../records/names';
import { withIdempotency } from './idempotency';
import type { ActionResult } from './common';

const db = useTestDatabase('idempotency');
const scope = { accountId: 'a1', communityId: 'c1', pluginId: 'acme.p', action: 'book' };
const request = { input: { day: '2026-12-02' } };

/** The action: one booking, written before the answer is lost when `lose` is set. */
function booking(lose: boolean) {
  return async (): Promise<ActionResult> => {
    await db.connection().db!.collection('bookings').insertOne({ day: '2026-12-02' });
    // What the driver throws when the database stops answering within its deadline.
    if (lose) throw new mongo.MongoNetworkTimeoutError('connection 3 to 127.0.0.1 timed out');
    return { status: 201, body: { record: { id: 'b1' } } };
  };
}

const bookings = () => db.connection().db!.collection('bookings').countDocuments();
const attempt = (key: string, lose = false) =>
  withIdempotency(db.connection().db!, scope, key, request, booking(lose)).then(
    (r) => r,
    (e: unknown) => e,
  );

describe('Idempotency-Key when the database stalls', () => {
  it('never runs an action twice for one key after its answer was lost', async () => {
    const first = await attempt('lost-answer-1', true);
    expect(first).toBeInstanceOf(mongo.MongoNetworkTimeoutError); // answered 503
    expect(await bookings()).toBe(1);

    // The retry, at once: the first attempt may still be running.
    const retry = await attempt('lost-answer-1');
    expect(retry).toBeInstanceOf(HttpError);
    expect((retry as HttpError).status).toBe(409);
    expect((retry as HttpError).details).toMatchObject({ code: 'in_progress' });
    expect(await bookings()).toBe(1);

    // Later: nobody can know any more whether it was applied; say so rather than run it again.
    await db
      .connection()
      .db!.collection(IDEMPOTENCY)
      .updateMany({}, { $set: { createdAt: new Date(Date.now() - STALE_CLAIM_MS - 1_000) } });
    const later = await attempt('lost-answer-1');
    expect((later as HttpError).status).toBe(409);
    expect((later as HttpError).details).toMatchObject({ code: 'outcome_unknown' });
    expect(await bookings()).toBe(1);
  });

  it('frees the key when the action was refused, so a corrected retry runs', async () => {
    const refused = await withIdempotency(db.connection().db!, scope, 'refused-1', request, () =>
      Promise.reject(new HttpError(409, 'capacity_full', 'Full.')),
    ).catch((e: unknown) => e);
    expect((refused as HttpError).code).toBe('capacity_full');
    const before = await bookings();
    const retry = await attempt('refused-1');
    expect(retry).toMatchObject({ status: 201, body: { record: { id: 'b1' } } });
    expect(await bookings()).toBe(before + 1);
  });
});
