import type { CollectionDef } from '@scene/schema';
import type { mongo } from 'mongoose';
import { recordCollectionName } from '../records/names';
import { fieldsWithHint } from '../records/schema-walk';
import type { DataPlaneDeps, StoredRecord } from '../records/types';

/** A record that names a person in one of its account fields (`x-ref: "user"`). */
export interface NamingRecord {
  records: mongo.Collection<StoredRecord>;
  doc: StoredRecord;
  def: CollectionDef;
  field: string;
  /** The field is the collection's `privacy.subject`: the record is about this person. */
  about: boolean;
}

/**
 * Records in the person's communities that name them in an account field other than
 * `createdBy`: an enrolment a grid worker wrote about an elder (the collection's
 * `privacy.subject`), a ticket assigned to a technician. Those about the person come first, so a
 * record that also names them otherwise is seen as about them. Each field is one scan on the
 * local database; this runs only for a copy or an erasure of someone's data.
 */
export async function recordsNaming(
  deps: DataPlaneDeps,
  accountId: string,
): Promise<NamingRecord[]> {
  const db = deps.connection.db!;
  const about: NamingRecord[] = [];
  const other: NamingRecord[] = [];
  const seen = new Set<string>();
  for (const communityId of await deps.members.communitiesOf(accountId)) {
    for (const installed of await deps.installed.list(communityId)) {
      for (const [name, def] of Object.entries(installed.manifest.collections)) {
        const records = db.collection<StoredRecord>(recordCollectionName(installed.pluginId, name));
        for (const field of accountFields(def)) {
          const subject = def.privacy?.subject === field;
          const docs = await records.find({ communityId, [field]: accountId }).toArray();
          for (const doc of docs) {
            if (doc.createdBy === accountId) continue; // their own: erased or copied as such
            (subject ? about : other).push({ records, doc, def, field, about: subject });
          }
        }
      }
    }
  }
  const out: NamingRecord[] = [];
  for (const n of [...about, ...other]) {
    const key = `${n.records.collectionName}|${n.doc._id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

/** Top-level account fields, and lists of accounts, of a collection. */
function accountFields(def: CollectionDef): string[] {
  return fieldsWithHint(def.schema, 'x-ref')
    .filter(
      (f) =>
        f.value === 'user' && (f.path.length === 1 || (f.path.length === 2 && f.path[1] === '*')),
    )
    .map((f) => f.path[0]!);
}
