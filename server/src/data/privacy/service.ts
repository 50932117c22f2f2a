import type { mongo } from 'mongoose';
import { badRequest, forbidden, notFound, unauthorized } from '../../http/errors';
import { collectionDef, loadContext } from '../records/context';
import { LEDGER, parseRecordCollectionName, RECORD_PREFIX, UPLOAD_BUCKET } from '../records/names';
import { readInbox } from '../notifications/inbox';
import { findReadable } from '../records/read';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps, StoredRecord } from '../records/types';
import { holdsAny } from '../records/roles';
import { piiOf, toView, type RecordView } from '../records/view';
import { recordsNaming } from './naming';

export interface UnmaskRequest {
  communityId: string;
  pluginId: string;
  collection: string;
  recordId: string;
  caller: Caller;
  reason: unknown;
}

/** A reason says something: at least this many characters besides spaces. */
const MIN_REASON = 2;

/**
 * One record with its personal fields in clear, for a role the collection's `privacy.unmask`
 * names, and only with a reason. Every call writes an audit entry naming who, which record and
 * which fields; neither the values nor the reason's text (it may itself hold personal data) are
 * logged.
 */
export async function unmaskRecord(deps: DataPlaneDeps, req: UnmaskRequest): Promise<RecordView> {
  if (!req.caller) throw unauthorized();
  if (
    typeof req.reason !== 'string' ||
    req.reason.trim().length < MIN_REASON ||
    req.reason.length > 200
  ) {
    const en = 'Say why you need this record in clear (2 to 200 characters).';
    throw badRequest(en, {
      code: 'reason_required',
      message: { 'zh-CN': '请说明查看明文的原因（2–200 字）。', en },
    });
  }
  const ctx = await loadContext(deps, req.communityId, req.pluginId, req.caller, 'read');
  const def = collectionDef(ctx, req.collection);
  if (!holdsAny(ctx.roles, def.privacy?.unmask))
    throw forbidden('Your role may not see personal data of this collection in clear.');
  const doc = await findReadable(ctx, req.collection, def, req.recordId);
  if (!doc) throw notFound('No such record.');
  await deps.audit.record(req.caller, {
    communityId: req.communityId,
    action: 'records.unmask',
    target: { type: 'record', id: `${req.pluginId}/${req.collection}/${doc._id}` },
    summary: { fields: piiOf(def).map((f) => f.path.join('.')), withReason: true },
  });
  return toView(doc);
}

export async function recordCollections(db: mongo.Db): Promise<string[]> {
  const all = await db.listCollections({}, { nameOnly: true }).toArray();
  return all
    .map((c) => c.name)
    .filter((n) => n.startsWith(RECORD_PREFIX) && parseRecordCollectionName(n));
}

export interface MyDataExport {
  accountId: string;
  exportedAt: string;
  records: {
    communityId: string;
    pluginId: string;
    collection: string;
    record: RecordView;
    about?: true;
  }[];
  points: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  uploads: {
    id: string;
    communityId: string;
    contentType: string;
    size: number;
    uploadedAt: Date;
  }[];
}

const EXPORT_LIMIT = 10_000;

/**
 * Everything the platform holds that a resident created, across communities, and the records
 * others wrote about them (`privacy.subject`), marked `about` (PIPL access/copy).
 */
export async function exportMyData(deps: DataPlaneDeps, accountId: string): Promise<MyDataExport> {
  const db = deps.connection.db!;
  const records: MyDataExport['records'] = [];
  for (const name of await recordCollections(db)) {
    const docs = await db
      .collection<StoredRecord>(name)
      .find({ createdBy: accountId }, { limit: EXPORT_LIMIT })
      .toArray();
    for (const d of docs)
      records.push({
        communityId: d.communityId,
        pluginId: d.pluginId,
        collection: d.collection,
        record: toView(d),
      });
  }
  for (const { doc: d, about } of await recordsNaming(deps, accountId)) {
    if (about)
      records.push({
        communityId: d.communityId,
        pluginId: d.pluginId,
        collection: d.collection,
        record: toView(d),
        about: true,
      });
  }
  const strip = ({ _id, ...rest }: Record<string, unknown>) => ({ id: _id, ...rest });
  const points = (
    await db
      .collection(LEDGER)
      .find({ accountId }, { sort: { createdAt: 1 }, limit: EXPORT_LIMIT })
      .toArray()
  ).map(strip);
  const notifications = (await readInbox(db, accountId)).map((m) => ({ ...m }));
  const files = await db
    .collection<{
      _id: mongo.ObjectId;
      length: number;
      uploadDate: Date;
      metadata?: { communityId: string; contentType: string };
    }>(`${UPLOAD_BUCKET}.files`)
    .find({ 'metadata.ownerId': accountId }, { limit: EXPORT_LIMIT })
    .toArray();
  return {
    accountId,
    exportedAt: new Date().toISOString(),
    records,
    points,
    notifications,
    uploads: files.map((f) => ({
      id: f._id.toHexString(),
      communityId: f.metadata?.communityId ?? '',
      contentType: f.metadata?.contentType ?? '',
      size: f.length,
      uploadedAt: f.uploadDate,
    })),
  };
}
