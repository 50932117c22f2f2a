import type { CapacityRule, CollectionDef, Transition, Waitlist } from '@scene/schema';
import type { mongo } from 'mongoose';
import { HttpError } from '../../http/errors';
import { isDuplicateKey } from '../../db/claims';
import type { PluginContext } from './context';
import { recordsOf } from './context';
import { WAITLIST, WAITLIST_PROMOTIONS } from './names';
import type { StoredRecord } from './types';

/**
 * Waitlists on capacity rules (`capacity[].waitlist`). A record in the waiting state holds no
 * place. Arrival order is a ticket per record: `<seat key>#<n>` inserted with the next free `n`
 * (a unique key, so two arrivals can never share a number). When a place of a key frees, the
 * first waiting ticket's record is promoted — after its own claim (`_id` = the record id), so
 * however many cancellations race, each waiting record is promoted at most once, and only into
 * a place it takes like any other write (capacity seats).
 */
export interface TicketDoc {
  _id: string;
  key: string;
  n: number;
  recordId: string;
  communityId: string;
  state: 'waiting' | 'promoted' | 'left';
  at: Date;
}

export interface WaitlistRule {
  index: number;
  rule: CapacityRule;
  waitlist: Waitlist;
}

const tickets = (db: mongo.Db) => db.collection<TicketDoc>(WAITLIST);
/** Ticket numbers taken in one round of a race before giving up (503 busy). */
const MAX_TICKET_ROUNDS = 50;

/** The collection's capacity rule with a waitlist (the manifest allows one). */
export function waitlistRule(def: CollectionDef): WaitlistRule | undefined {
  const index = (def.capacity ?? []).findIndex((r) => r.waitlist);
  if (index < 0) return undefined;
  const rule = def.capacity![index]!;
  return { index, rule, waitlist: rule.waitlist! };
}

/** Whether a record is waiting: then it holds no place under any rule of its collection. */
export function isWaiting(def: CollectionDef, doc: Record<string, unknown>): boolean {
  const field = def.workflow?.field;
  return field !== undefined && (def.capacity ?? []).some((r) => r.waitlist?.state === doc[field]);
}

/** Takes the next ticket of the line for `key`; returns its number. */
export async function takeTicket(
  ctx: PluginContext,
  key: string,
  recordId: string,
): Promise<number> {
  const col = tickets(ctx.db);
  for (let round = 0; round < MAX_TICKET_ROUNDS; round++) {
    const last = await col
      .find({ key }, { projection: { n: 1 }, sort: { n: -1 }, limit: 1 })
      .next();
    const n = (last?.n ?? 0) + 1;
    try {
      await col.insertOne({
        _id: `${key}#${n}`,
        key,
        n,
        recordId,
        communityId: ctx.communityId,
        state: 'waiting',
        at: ctx.now,
      });
      return n;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new HttpError(
    503,
    'busy',
    'Too many people are joining this waitlist at once. Please try again.',
  );
}

/** Takes a record out of the line (it left the waiting state, or is gone). Safe to repeat. */
export async function leaveLine(db: mongo.Db, recordId: string): Promise<void> {
  await tickets(db).updateMany({ recordId, state: 'waiting' }, { $set: { state: 'left' } });
}

/** Waiting tickets of a key, first in line first. */
async function line(db: mongo.Db, key: string, limit: number): Promise<TicketDoc[]> {
  return tickets(db)
    .find({ key, state: 'waiting' }, { sort: { n: 1 }, limit })
    .toArray();
}

/** The record of a ticket, when it is still waiting; otherwise the ticket leaves the line. */
async function waitingRecord(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  ticket: TicketDoc,
): Promise<StoredRecord | null> {
  const doc = await recordsOf(ctx, collection).findOne({ _id: ticket.recordId });
  if (doc && isWaiting(def, doc)) return doc;
  await tickets(ctx.db).updateOne({ _id: ticket._id }, { $set: { state: 'left' } });
  return null;
}

/** Whether someone really waits for `key` (stale tickets are cleared on the way). */
export async function anyoneWaiting(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  key: string,
): Promise<boolean> {
  for (const ticket of await line(ctx.db, key, 20))
    if (await waitingRecord(ctx, collection, def, ticket)) return true;
  return false;
}

/** How many wait before ticket `n` of `key` (1 = next in line). */
export async function positionOf(db: mongo.Db, key: string, n: number): Promise<number> {
  return (await tickets(db).countDocuments({ key, state: 'waiting', n: { $lt: n } })) + 1;
}

/** Waiting records per seat key, for the `capacity` query. */
export async function waitingCounts(db: mongo.Db, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await tickets(db)
    .aggregate<{ _id: string; n: number }>([
      { $match: { key: { $in: keys }, state: 'waiting' } },
      { $group: { _id: '$key', n: { $sum: 1 } } },
    ])
    .toArray();
  return new Map(rows.map((r) => [r._id, r.n]));
}

export type Mover = (doc: StoredRecord, t: Transition) => Promise<StoredRecord>;

/**
 * A place of `key` has freed: promotes the first record in line that can take it. Returns the
 * promoted record, or null when nobody waits or the place is gone again. `move` is the
 * record-writing layer's guarded transition (it takes the place like any write would).
 */
export async function promoteNext(
  ctx: PluginContext,
  collection: string,
  def: CollectionDef,
  key: string,
  move: Mover,
): Promise<StoredRecord | null> {
  const wl = waitlistRule(def);
  if (!wl) return null;
  const promote: Transition = {
    id: 'promote',
    from: [wl.waitlist.state],
    to: wl.waitlist.promoteTo,
    roles: [],
    label: { 'zh-CN': '候补转正', en: 'Off the waitlist' },
  };
  const claims = ctx.db.collection<{ _id: string; at: Date }>(WAITLIST_PROMOTIONS);
  for (const ticket of await line(ctx.db, key, 50)) {
    const doc = await waitingRecord(ctx, collection, def, ticket);
    if (!doc) continue;
    // One promotion per waiting spell of a record (its revision names the spell).
    const claim = `${doc._id}|${doc._rev}`;
    try {
      await claims.insertOne({ _id: claim, at: ctx.now });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      continue; // someone else is promoting this one: try the next in line
    }
    try {
      const after = await move(doc, promote);
      await tickets(ctx.db).updateOne({ _id: ticket._id }, { $set: { state: 'promoted' } });
      return after;
    } catch (err) {
      await claims.deleteOne({ _id: claim });
      const code = (err as { details?: { code?: string } }).details?.code;
      // No place after all (taken by another write): the line waits for the next one.
      if (code === 'capacity_full') return null;
      // The record changed meanwhile (cancelled while waiting): the next in line.
      if (code === 'lost_race' || code === 'invalid_state') continue;
      throw err;
    }
  }
  return null;
}
