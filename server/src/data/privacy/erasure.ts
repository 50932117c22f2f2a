import { randomBytes } from 'node:crypto';
import type { CollectionDef } from '@scene/schema';
import type { mongo } from 'mongoose';
import { own } from '../../own';
import { inboxes, inboxHeads, newestFirst, unpack } from '../notifications/inbox';
import { GUARD_TALLIES, IDEMPOTENCY, LEDGER, NOTIFICATIONS, NOTIFY_PREFS } from '../records/names';
import { noteChange } from '../records/changes';
import { countsParticipation, rememberErased } from '../records/erased';
import { fieldsWithHint } from '../records/schema-walk';
import { keepNumbersTaken } from '../records/numbers';
import { CARRIED } from '../notifications/carried';
import { releaseSeats } from '../records/seats';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { piiOf } from '../records/view';
import { deleteUploadsOf } from '../uploads/service';
import { recordsNaming } from './naming';
import { recordCollections } from './service';

export interface DeletionReport {
  /** Records deleted (their places freed). */
  records: number;
  /** Participations kept without the person (votes, signatures): tallies stay, the link goes. */
  anonymised: number;
  pointsEntries: number;
  notifications: number;
  uploads: number;
  /** Stored answers of repeated requests (Idempotency-Key) that held the person's data. */
  replayCopies: number;
  /** Records others wrote about the person (`privacy.subject`), deleted or kept anonymously. */
  about: number;
  /** Records that named the person otherwise (assigned to them, say): kept, naming nobody. */
  unlinked: number;
}

/**
 * Erases what the platform holds of a person (PIPL art. 47), across communities; safe to repeat.
 * Their records are deleted and the places they held freed — except participations (a vote, a
 * signature: records/erased.ts), which lose everything tying them to the person (author, their
 * personal fields and photos, their id wherever it appears in the record) and stay counted.
 * Records others wrote about them (the collection's `privacy.subject`: an elder's enrolment) go
 * the same way; records that name them otherwise (a ticket assigned to them, an enrolment they
 * wrote about an elder) stay, naming a stranger. Records naming them are found through the
 * plugins of the communities they belong to.
 * Their points history, inbox, notification settings and photos go, and so do the answers the idempotency cache kept
 * for replays, which hold copies of records. Accounts themselves belong to the control plane;
 * the audit log keeps who did what (names no values).
 */
export async function deleteMyData(
  deps: DataPlaneDeps,
  accountId: string,
): Promise<DeletionReport> {
  const db = deps.connection.db!;
  const report: DeletionReport = {
    records: 0,
    anonymised: 0,
    pointsEntries: 0,
    notifications: 0,
    uploads: 0,
    replayCopies: 0,
    about: 0,
    unlinked: 0,
  };
  const touched: string[] = [];
  const defs = new Map<string, CollectionDef | undefined>();
  const defOf = async (doc: StoredRecord) => {
    const key = `${doc.communityId}/${doc.pluginId}/${doc.collection}`;
    if (!defs.has(key)) {
      const installed = await deps.installed.get(doc.communityId, doc.pluginId);
      defs.set(key, own(installed?.manifest.collections, doc.collection));
    }
    return defs.get(key);
  };
  /** A record of the person's, or about them: gone, or kept without them if it is counted. */
  const erase = async (
    col: mongo.Collection<StoredRecord>,
    doc: StoredRecord,
    def: CollectionDef | undefined,
  ): Promise<'anonymised' | number> => {
    touched.push(doc._id);
    if (def && countsParticipation(def)) {
      await rememberErased(db, def, doc);
      await col.updateOne({ _id: doc._id }, withoutPerson(doc, def, accountId));
      await noted(doc);
      return 'anonymised';
    }
    await releaseSeats(db, doc._id);
    await keepNumbersTaken(db, [doc]);
    const gone = (await col.deleteOne({ _id: doc._id })).deletedCount;
    await noted(doc);
    return gone;
  };
  /**
   * Lists cached by any process see the record changed (records/changes.ts); a numbered one's
   * number too, which readers that find creates by number follow past (queries/number-probe.ts).
   */
  const noted = (doc: StoredRecord) =>
    noteChange(db, doc, [doc._id], typeof doc._n === 'number' ? [doc._n] : []);
  const naming = await recordsNaming(deps, accountId);
  for (const name of await recordCollections(db)) {
    const col = db.collection<StoredRecord>(name);
    for (const doc of await col.find({ createdBy: accountId }).toArray()) {
      const def = await defOf(doc);
      const subject = def?.privacy?.subject;
      if (subject && typeof doc[subject] === 'string' && doc[subject] !== accountId) {
        // Written by them about someone else (a grid worker's enrolment of an elder): the
        // elder's record, which stays and names a stranger as its author.
        await col.updateOne({ _id: doc._id }, unlinked(doc, accountId));
        await noted(doc);
        report.unlinked++;
        continue;
      }
      const done = await erase(col, doc, def);
      if (done === 'anonymised') report.anonymised++;
      else report.records += done;
    }
  }
  for (const { records, doc, def, about } of naming) {
    if (about) {
      const done = await erase(records, doc, def);
      report.about += done === 'anonymised' ? 1 : done;
    } else {
      await records.updateOne({ _id: doc._id }, unlinked(doc, accountId));
      await noted(doc);
      report.unlinked++;
    }
  }
  report.pointsEntries = (await db.collection(LEDGER).deleteMany({ accountId })).deletedCount;
  // The head first: a spill starts from a head, so none begins after this.
  const head = await inboxHeads(db).findOneAndDelete({ _id: accountId });
  const inbox = await inboxes(db).findOneAndDelete({ _id: accountId });
  // Messages an earlier release kept one per document go too (a scan, as rare as erasure).
  report.notifications =
    newestFirst(unpack([...(inbox?.entries ?? []), ...(head?.entries ?? [])])).length +
    (await db.collection(NOTIFICATIONS).deleteMany({ accountId })).deletedCount;
  await db.collection(NOTIFY_PREFS).deleteMany({ accountId });
  // Guard tallies name the person and the records just deleted (and staff's notes on lifts).
  await db.collection(GUARD_TALLIES).deleteMany({ person: accountId });
  report.uploads = await deleteUploadsOf(db, accountId);
  report.replayCopies = (
    await db.collection(IDEMPOTENCY).deleteMany({
      $or: [{ accountId }, { 'result.body.record.id': { $in: touched } }],
    })
  ).deletedCount;
  return report;
}

/** The update that keeps someone else's record but names a stranger wherever it named the person. */
function unlinked(doc: StoredRecord, accountId: string) {
  const stranger = `erased-${randomBytes(9).toString('base64url')}`;
  const set: Record<string, unknown> = {
    history: (doc.history ?? []).map((h) =>
      h.by === accountId || h.actedBy === accountId
        ? {
            ...h,
            ...(h.by === accountId ? { by: stranger } : {}),
            ...(h.actedBy === accountId ? { actedBy: stranger } : {}),
          }
        : h,
    ),
  };
  for (const [field, value] of Object.entries(doc)) {
    if (field === '_id' || field === 'history') continue;
    if (value === accountId) set[field] = stranger;
    else if (Array.isArray(value) && value.includes(accountId))
      set[field] = value.map((v: unknown) => (v === accountId ? stranger : v));
  }
  return { $set: set };
}

/** The update that keeps a participation record but nothing of its author. */
function withoutPerson(doc: StoredRecord, def: CollectionDef, accountId: string) {
  const unset: Record<string, ''> = {};
  const personal = [
    ...piiOf(def).map((f) => f.path[0]),
    ...fieldsWithHint(def.schema, 'x-ref')
      .filter((f) => f.value === 'upload')
      .map((f) => f.path[0]),
  ];
  for (const field of personal) if (field && field !== '*') unset[field] = '';
  // Notices the record carried (notifications/carried.ts) name the people they went to.
  if (doc[CARRIED] !== undefined) unset[CARRIED] = '';
  // The author becomes a stranger wherever they were named, as on a record they only touched;
  // their personal fields and photos go altogether.
  const { $set } = unlinked(doc, accountId);
  for (const field of Object.keys(unset)) delete $set[field];
  $set.updatedAt = new Date().toISOString();
  return Object.keys(unset).length ? { $set, $unset: unset } : { $set };
}
