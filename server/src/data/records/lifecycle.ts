import type { Migration, MigrationStep, PluginManifest } from '@scene/schema';
import { mongo, type Connection } from 'mongoose';
import { own } from '../../own';
import type {
  InstallationLifecycle,
  InstalledEvent,
  UninstallingEvent,
} from '../../control/installations/lifecycle';
import { noteChange } from './changes';
import { ensurePluginIndexes } from './indexes';
import { keepNumbersTaken } from './numbers';
import type { StoredRecord } from './types';
import { GUARD_TALLIES, ONCE_CLAIMS, recordCollectionName, SEATS, WAITLIST } from './names';

/** GridFS bucket holding the records exported before an `export-then-delete` uninstall. */
export const EXPORT_BUCKET = 'plugin_exports';

type Db = mongo.Db;

/**
 * What happens to a plugin's records when its installation changes: indexes and declared
 * migrations on install and upgrade, and the plugin's `lifecycle.onUninstall` policy on
 * uninstall. Every step is idempotent, as the installation contract requires: migrations select
 * records by their old `schemaVersion`, exports are rewritten and deletes repeat harmlessly.
 */
export function recordsLifecycle(connection: Connection): InstallationLifecycle {
  const db = (): Db => {
    if (!connection.db) throw new Error('database not connected');
    return connection.db;
  };
  // A plugin version's indexes are the same for every community: built once per process, not
  // once per installation (a new community installs every standard plugin).
  const indexed = new Set<string>();
  return {
    async installed(event: InstalledEvent) {
      const key = `${event.manifest.id}@${event.manifest.version}`;
      if (!indexed.has(key)) {
        await ensurePluginIndexes(connection, event.manifest);
        indexed.add(key);
      }
      if (event.previous)
        await migrate(db(), event.communityId, event.previous.manifest, event.manifest);
    },
    async uninstalling(event: UninstallingEvent) {
      if (event.policy === 'retain') return;
      if (event.policy === 'export-then-delete') await exportRecords(db(), event);
      for (const name of Object.keys(event.manifest.collections)) {
        await deleteRecords(db(), event.communityId, recordCollectionName(event.pluginId, name));
        const key = { communityId: event.communityId, pluginId: event.pluginId, collection: name };
        await noteChange(db(), key, 'all');
      }
      // What the records held besides themselves goes with them: a reinstalled plugin starts
      // clean, so a volunteer can opt in again and a survey's first round can be answered again
      // (a `once` claim without a parent outlives any record), and no tally lists records gone.
      const mine = { communityId: event.communityId, pluginId: event.pluginId };
      await db().collection(ONCE_CLAIMS).deleteMany(mine);
      await db().collection(GUARD_TALLIES).deleteMany(mine);
    },
  };
}

/** Records deleted per round, with the places and waitlist tickets they held. */
const DELETE_BATCH = 500;

/**
 * Deletes the community's records of one collection, and first the capacity places and waitlist
 * tickets each held (keyed by record, not by plugin): a place left behind would stay taken.
 */
async function deleteRecords(db: Db, communityId: string, collection: string): Promise<void> {
  const records = db.collection<StoredRecord>(collection);
  for (;;) {
    const batch = await records
      .find(
        { communityId },
        {
          projection: { _id: 1, communityId: 1, pluginId: 1, collection: 1, _n: 1 },
          limit: DELETE_BATCH,
        },
      )
      .toArray();
    if (!batch.length) return;
    const ids = batch.map((d) => d._id);
    await db.collection(SEATS).deleteMany({ recordId: { $in: ids } });
    await db.collection(WAITLIST).deleteMany({ recordId: { $in: ids } });
    // A reinstall keeps the numbering (rec_codes): its numbers must not name new records.
    await keepNumbersTaken(db, batch);
    await records.deleteMany({ _id: { $in: ids } });
  }
}

/** Applies the declared migration chain of every collection whose schemaVersion went up. */
export async function migrate(
  db: Db,
  communityId: string,
  previous: PluginManifest,
  next: PluginManifest,
): Promise<void> {
  for (const [name, def] of Object.entries(next.collections)) {
    const from = own(previous.collections, name)?.schemaVersion;
    if (from === undefined || def.schemaVersion <= from) continue;
    const col = db.collection<RecordDoc>(recordCollectionName(next.id, name));
    for (const m of chain(next.migrations, name, from, def.schemaVersion)) {
      const scope = { communityId, schemaVersion: m.from };
      for (const step of m.steps) await applyStep(col, scope, step);
      await col.updateMany(scope, { $set: { schemaVersion: m.to } });
    }
    await noteChange(db, { communityId, pluginId: next.id, collection: name }, 'all');
  }
}

/** from → … → to, following the declared migrations (the manifest validator checked the chain). */
function chain(migrations: Migration[], collection: string, from: number, to: number): Migration[] {
  const out: Migration[] = [];
  let at = from;
  while (at < to) {
    const next = migrations.find((m) => m.collection === collection && m.from === at);
    if (!next) throw new Error(`no migration for ${collection} from schemaVersion ${at}`);
    out.push(next);
    at = next.to;
  }
  return out;
}

type Scope = { communityId: string; schemaVersion: number };
/** Records are created with string ids (newId); the rest of the shape is the plugin's. */
type RecordDoc = { _id: string };

async function applyStep(
  col: mongo.Collection<RecordDoc>,
  scope: Scope,
  step: MigrationStep,
): Promise<void> {
  switch (step.op) {
    case 'rename':
      await col.updateMany(
        { ...scope, [step.from]: { $exists: true } },
        { $rename: { [step.from]: step.to } },
      );
      return;
    case 'setDefault':
      await col.updateMany(
        { ...scope, [step.field]: { $exists: false } },
        { $set: { [step.field]: step.value } },
      );
      return;
    case 'remove':
      await col.updateMany(
        { ...scope, [step.field]: { $exists: true } },
        { $unset: { [step.field]: '' } },
      );
      return;
    case 'mapValues': {
      // Select every record first, then write: a map like {a: b, b: c} must not turn a into c.
      const moves: [string[], unknown][] = [];
      for (const [from, to] of Object.entries(step.map)) {
        const ids: string[] = await col.distinct('_id', { ...scope, [step.field]: from });
        if (ids.length) moves.push([ids, to]);
      }
      for (const [ids, to] of moves) {
        await col.updateMany({ _id: { $in: ids } }, { $set: { [step.field]: to } });
      }
      return;
    }
  }
}

/** Writes the community's records of the plugin as one JSON-lines file before they are deleted. */
async function exportRecords(db: Db, event: UninstallingEvent): Promise<void> {
  const bucket = new mongo.GridFSBucket(db, { bucketName: EXPORT_BUCKET });
  const filename = `${event.communityId}/${event.pluginId}@${event.version}.jsonl`;
  // A retried uninstall rewrites the export: the records still there are the whole remainder.
  for (const old of await bucket.find({ filename }).toArray()) await bucket.delete(old._id);
  const upload = bucket.openUploadStream(filename, {
    metadata: { communityId: event.communityId, pluginId: event.pluginId, version: event.version },
  });
  const done = new Promise<void>((resolve, reject) => {
    upload.once('finish', () => resolve());
    upload.once('error', reject);
  });
  for (const name of Object.keys(event.manifest.collections)) {
    const cursor = db
      .collection(recordCollectionName(event.pluginId, name))
      .find({ communityId: event.communityId });
    for await (const doc of cursor) {
      const line = JSON.stringify({ collection: name, record: doc });
      if (!upload.write(`${line}\n`)) await new Promise((r) => upload.once('drain', r));
    }
  }
  upload.end();
  await done;
}
