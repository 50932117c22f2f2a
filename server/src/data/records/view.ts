import type { CollectionDef, PluginManifest } from '@scene/schema';
import { maskRecord, piiFields, type PiiField } from '../privacy/mask';
import { PUBLIC_SYSTEM_FIELDS } from './names';
import type { Caller } from './roles';
import { hasScope } from './roles';
import type { StoredRecord } from './types';

/** A record as a client receives it: `id` plus plugin and public system fields. */
export type RecordView = Record<string, unknown> & { id: string };

const piiCache = new WeakMap<CollectionDef, PiiField[]>();
export function piiOf(def: CollectionDef): PiiField[] {
  let fields = piiCache.get(def);
  if (!fields) {
    fields = piiFields(def.schema);
    piiCache.set(def, fields);
  }
  return fields;
}

/**
 * Whether a caller sees a record's personal fields in clear: their own record (or one they
 * entered for a family member), or a plugin role
 * (the staff the operator assigned to this plugin) when the plugin declared `pii:read`.
 * Operators and admins see masks and unmask one record at a time, which is audited.
 */
export function seesPii(
  manifest: PluginManifest,
  roles: Set<string>,
  caller: Caller,
  doc: StoredRecord,
): boolean {
  // Their own record, or one they entered for a family member (acting for them).
  if (caller && (doc.createdBy === caller.accountId || doc.actedBy === caller.accountId))
    return true;
  if (!hasScope(manifest, 'pii:read')) return false;
  return [...roles].some((r) => r.startsWith('plugin:'));
}

/** May this caller ask for one record unmasked (audited)? */
export function mayUnmask(manifest: PluginManifest, roles: Set<string>): boolean {
  if (roles.has('operator') || roles.has('admin')) return true;
  return hasScope(manifest, 'pii:read') && [...roles].some((r) => r.startsWith('plugin:'));
}

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

/** The view a caller may see: projected, and masked unless `seesPii`. */
export function viewFor(
  manifest: PluginManifest,
  def: CollectionDef,
  roles: Set<string>,
  caller: Caller,
  doc: StoredRecord,
  fields?: string[],
): RecordView {
  const view = toView(doc, fields);
  return seesPii(manifest, roles, caller, doc) ? view : maskRecord(view, piiOf(def));
}
