import type { PluginManifest } from '@scene/schema';
import type { Connection, mongo } from 'mongoose';
import { fieldsWithHint } from './schema-walk';
import {
  IDEMPOTENCY,
  LEDGER,
  PLUGIN_CATALOG,
  recordCollectionName,
  REVISIONS,
  SCHEDULE_CLAIMS,
  SCHEDULE_RUNS,
  SEATS,
  WAITLIST,
  UPLOAD_CLAIMS,
} from './names';
import { racedUpsert } from '../../db/errors';
import { ensureDueList } from '../notifications/webhook';

/** What the purge job needs to know of each plugin, kept from its latest installed version. */
export interface PluginCatalogEntry {
  _id: string;
  version: string;
  retention: Record<string, number>;
  /** Dotted paths (`photos.*`) of upload references; FerretDB v1 stores no nested arrays. */
  uploadFields: Record<string, string[]>;
}

type IndexSpec = { key: Record<string, 1 | -1>; unique?: boolean };

function indexName(spec: IndexSpec): string {
  const body = Object.entries(spec.key)
    .map(([f, d]) => `${f}_${d}`)
    .join('__');
  return `${spec.unique ? 'u' : 'i'}__${body}`.slice(0, 120);
}

const keyOf = (key: Record<string, unknown>) => JSON.stringify(Object.entries(key));

/**
 * Creates what is missing. An index over the same key under another name (the platform's plain
 * `{communityId, createdBy}` where a plugin version now declares it unique, or the reverse) is
 * replaced: the database refuses two indexes over one key, so the install would fail.
 */
async function ensure(col: mongo.Collection, specs: IndexSpec[]): Promise<void> {
  const byKey = new Map<string, IndexSpec>();
  for (const spec of specs) byKey.set(keyOf(spec.key), spec); // declared ones come last and win
  const existing = await col
    .listIndexes()
    .toArray()
    .catch((err: { code?: number }) => {
      if (err.code === 26) return []; // no collection yet (MongoDB: NamespaceNotFound)
      throw err;
    });
  for (const spec of byKey.values()) {
    const name = indexName(spec);
    if (existing.some((i) => i.name === name)) continue;
    const clash = existing.find((i) => keyOf(i.key as Record<string, unknown>) === keyOf(spec.key));
    if (clash) await col.dropIndex(clash.name as string);
    await col.createIndex(spec.key, { name, unique: spec.unique ?? false });
  }
}

/**
 * Creates the indexes a plugin declares, each led by `communityId` (so a unique index means
 * "one per … in this community" and every query can use the community prefix), plus the ones
 * the platform needs on every record collection. Safe to call again on upgrade; called by the
 * installation service on install and upgrade. Also records each collection's retention for the
 * purge job.
 */
export async function ensurePluginIndexes(
  connection: Connection,
  manifest: PluginManifest,
): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('database not connected');
  const retention: Record<string, number> = {};
  const uploadFields: Record<string, string[]> = {};
  for (const [name, def] of Object.entries(manifest.collections)) {
    const col = db.collection(recordCollectionName(manifest.id, name));
    const specs: IndexSpec[] = [
      { key: { communityId: 1, createdAt: -1 } },
      { key: { communityId: 1, createdBy: 1 } },
    ];
    for (const idx of def.indexes ?? []) {
      const key: Record<string, 1 | -1> = { communityId: 1 };
      for (const [f, d] of Object.entries(idx.fields)) if (f !== 'communityId') key[f] = d;
      specs.push({ key, unique: idx.unique === true });
    }
    await ensure(col, specs);
    if (def.retention) retention[name] = def.retention.days;
    uploadFields[name] = fieldsWithHint(def.schema, 'x-ref')
      .filter((f) => f.value === 'upload')
      .map((f) => f.path.join('.'));
  }
  await racedUpsert(() =>
    db
      .collection<PluginCatalogEntry>(PLUGIN_CATALOG)
      .updateOne(
        { _id: manifest.id },
        { $set: { version: manifest.version, retention, uploadFields } },
        { upsert: true },
      ),
  );
}

/** The data plane's own collections; called once at start (and by tests). */
export async function ensureDataPlaneIndexes(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('database not connected');
  await ensure(db.collection(LEDGER), [
    { key: { communityId: 1, accountId: 1, seq: -1 }, unique: true },
    { key: { communityId: 1, idemKey: 1 }, unique: true },
    { key: { communityId: 1, pluginId: 1, kind: 1 } },
  ]);
  await ensure(db.collection(SEATS), [{ key: { recordId: 1 } }, { key: { key: 1 } }]);
  await ensure(db.collection(WAITLIST), [{ key: { key: 1, n: 1 } }, { key: { recordId: 1 } }]);
  await ensure(db.collection(REVISIONS), [{ key: { at: 1 } }]);
  await ensure(db.collection(IDEMPOTENCY), [{ key: { createdAt: 1 } }, { key: { accountId: 1 } }]);
  await ensure(db.collection(UPLOAD_CLAIMS), [{ key: { group: 1 } }, { key: { kind: 1, at: 1 } }]);
  await ensure(db.collection(SCHEDULE_RUNS), [
    { key: { communityId: 1, pluginId: 1, schedule: 1, occurrence: -1 } },
  ]);
  await ensure(db.collection(SCHEDULE_CLAIMS), [{ key: { at: 1 } }]);
  await ensureDueList(connection);
}
