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

const userRefCache = new WeakMap<CollectionDef, string[]>();
/** Top-level fields holding an account id (`x-ref: "user"`). */
function userRefsOf(def: CollectionDef): string[] {
  let fields = userRefCache.get(def);
  if (!fields) {
    fields = Object.entries(def.schema.properties ?? {})
      .filter(([, s]) => s['x-ref'] === 'user')
      .map(([k]) => k);
    userRefCache.set(def, fields);
  }
  return fields;
}

/**
 * A row without who (a query's `hidePeople`): no author, no one who acted for them, no account
 * ids in `x-ref: "user"` fields, and history steps that keep when and where, not by whom.
 */
export function withoutPeople(view: RecordView, def: CollectionDef): RecordView {
  const out: RecordView = { ...view };
  delete out.createdBy;
  delete out.actedBy;
  for (const f of userRefsOf(def)) delete out[f];
  if (Array.isArray(out.history))
    out.history = (out.history as Record<string, unknown>[]).map(
      ({ by: _by, actedBy: _a, ...step }) => step,
    );
  return out;
}
