import { personalFields, type CollectionDef } from '@scene/schema';
import type { PiiField } from '../privacy/mask';
import { PUBLIC_SYSTEM_FIELDS } from './names';
import type { StoredRecord } from './types';

/** A record as a client receives it: `id` plus plugin and public system fields. */
export type RecordView = Record<string, unknown> & { id: string };

const piiCache = new WeakMap<CollectionDef, PiiField[]>();
/** The personal fields of a collection (cached per manifest object). */
export function piiOf(def: CollectionDef): PiiField[] {
  let fields = piiCache.get(def);
  if (!fields) {
    fields = personalFields(def.schema);
    piiCache.set(def, fields);
  }
  return fields;
}

/** A stored record without the platform's own fields, projected to `fields` when given. */
export function toView(doc: StoredRecord, fields?: string[]): RecordView {
  const view: RecordView = { id: doc._id };
  const keep = fields ? new Set([...fields, ...PUBLIC_SYSTEM_FIELDS]) : null;
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('_') || k === 'communityId' || k === 'pluginId' || k === 'collection')
      continue;
    if (keep && !keep.has(k)) continue;
    view[k] = structuredClone(v);
  }
  return view;
}
