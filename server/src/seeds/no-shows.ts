import { localDate, slotFields, type CreateAction } from '@scene/schema';
import { isDuplicateKey } from '../db/claims';
import { loadContext } from '../data/records/context';
import { insertRecord, newRecord } from '../data/records/write';
import type { Services } from '../services';

const SPACES = 'std.shared-spaces';
const DAY_MS = 86_400_000;

/**
 * The demo's resident paused after repeated no-shows: her court bookings of the last three days
 * were missed, written through the record layer as the schedule would leave them, so her
 * no-show tally counts them and `std.shared-spaces` pauses her new bookings (the booking page
 * says until when; staff can lift it). Once per community (a claim by unique insert).
 */
export async function seedNoShows(
  services: Services,
  communityId: string,
  accountId: string,
  now: Date,
): Promise<void> {
  const db = services.dataPlane.connection.db;
  if (!db) throw new Error('database not connected');
  try {
    await db.collection('demo_seeds').insertOne({ _id: `no-shows:${communityId}` as never });
  } catch (err) {
    if (isDuplicateKey(err)) return;
    throw err;
  }
  const caller = await services.dataPlane.members.member(communityId, accountId);
  if (!caller) return;
  const ctx = await loadContext(services.dataPlane, communityId, SPACES, caller, 'write');
  const hours = (ctx.manifest.actions.book as CreateAction | undefined)?.hours;
  const spaces = ctx.plugin.config.spaces;
  const court = Array.isArray(spaces)
    ? (spaces as Record<string, unknown>[]).find((s) => s.id === 'court')
    : undefined;
  if (!hours || !court) return;
  for (const back of [3, 2, 1]) {
    const date = localDate(new Date(now.getTime() - back * DAY_MS), ctx.timeZone);
    const start = String(court.opens);
    const filled = slotFields(hours, court, date, start, ctx.timeZone);
    if (!filled) return;
    const doc = newRecord(ctx, 'bookings', {
      space: court.id,
      spaceName: court.label,
      date,
      start,
      ...filled,
      minutes: court.slotMinutes,
      needsApproval: false,
      bookerName: caller.displayName,
      // As `book` stores it: the key of the weekly hours per household.
      household: await ctx.deps.households.household(communityId, accountId),
    });
    doc.status = 'noShow';
    await insertRecord(ctx, 'bookings', doc);
  }
}
