import { createHash } from 'node:crypto';
import type { CollectionDef } from '@scene/schema';
import type { mongo } from 'mongoose';
import { ownPath } from '../../own';
import { ERASED } from './names';
import { racedUpsert } from '../../db/errors';

/**
 * "One per person" rules that must outlive the person's erasure. A collection whose unique index
 * includes `createdBy` (one vote per proposal, one signature per convention version) counts
 * participations: when a person erases their data such records are anonymised rather than
 * deleted, so tallies do not change, and for each one a key is kept here that says only "this
 * account already took this place" — never how it voted or what it signed. Creating a record
 * checks these keys like the unique index itself, so the person can neither vote nor sign (nor
 * be paid for it) again. A collection that holds capacity (bookings) reserves something for
 * the future instead: its records are deleted and their places freed.
 */
export function personKeys(def: CollectionDef): string[][] {
  return (def.indexes ?? [])
    .filter((idx) => idx.unique && Object.hasOwn(idx.fields, 'createdBy'))
    .map((idx) => Object.keys(idx.fields).filter((f) => f !== 'communityId'));
}

export function countsParticipation(def: CollectionDef): boolean {
  return personKeys(def).length > 0 && !def.capacity?.length;
}

interface ErasedDoc {
  _id: string;
  at: Date;
}

const erased = (db: mongo.Db) => db.collection<ErasedDoc>(ERASED);

function keyOf(
  where: { pluginId: string; collection: string; communityId: string },
  fields: string[],
  doc: Record<string, unknown>,
  accountId: string,
): string {
  const values = fields.map((f) =>
    f === 'createdBy' ? accountId : (ownPath(doc, f.split('.')) ?? null),
  );
  return createHash('sha256')
    .update(JSON.stringify([where.pluginId, where.collection, where.communityId, fields, values]))
    .digest('base64url');
}

/** Keeps the keys of an erased person's participation record (before it is anonymised). */
export async function rememberErased(
  db: mongo.Db,
  def: CollectionDef,
  doc: { pluginId: string; collection: string; communityId: string; createdBy: string },
): Promise<void> {
  for (const fields of personKeys(def)) {
    const _id = keyOf(doc, fields, doc as unknown as Record<string, unknown>, doc.createdBy);
    await racedUpsert(() =>
      erased(db).updateOne({ _id }, { $setOnInsert: { at: new Date() } }, { upsert: true }),
    );
  }
}

/** Whether an erased participation already stands for this new record. */
export async function isErasedRepeat(
  db: mongo.Db,
  def: CollectionDef,
  doc: { pluginId: string; collection: string; communityId: string; createdBy: string },
): Promise<boolean> {
  const keys = personKeys(def).map((fields) =>
    keyOf(doc, fields, doc as unknown as Record<string, unknown>, doc.createdBy),
  );
  // One `_id` read per key (a person key or two): the local database answers `{_id}` without a
  // scan, `$in` with one.
  const found = await Promise.all(
    keys.map((_id) => erased(db).findOne({ _id }, { projection: { _id: 1 } })),
  );
  return found.some((d) => d !== null);
}
