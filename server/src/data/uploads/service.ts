import type { Readable } from 'node:stream';
import { mongo as mongoNs, type mongo } from 'mongoose';
import { own } from '../../own';
import { badRequest, forbidden, HttpError, notFound } from '../../http/errors';
import { loadContext, recordsOf, type PluginContext } from '../records/context';
import { UPLOAD_BUCKET } from '../records/names';
import { mayRead } from '../records/read';
import type { Caller } from '../records/roles';
import type { DataPlaneDeps } from '../records/types';
import { reencodeImage } from './image';
import { freeUploadPlace, takeUploadPlace, takeUploadRate, type UploadLimits } from './limits';
import { MAX_UPLOAD_BYTES, sniffImage } from './sniff';
import { byIds } from '../../db/by-ids';

/**
 * Uploaded files live in GridFS (bucket `uploads`), which works on FerretDB v1 as on MongoDB
 * (checked: 300 KB written and read back in 255 KB chunks). Metadata says whose file it is and
 * which records reference it; reading a file needs the right to read one of those records.
 */
export interface UploadMeta {
  communityId: string;
  /** The account that uploaded it, or `communityOwner(id)` for a public image. */
  ownerId: string;
  contentType: string;
  refs: { pluginId: string; collection: string; recordId: string }[];
  /** The owner's quota place this photo holds (limits.ts); absent on photos from before quotas. */
  place?: string;
  /**
   * Shown to anyone, signed in or not, under the community's public path (an operator's theme
   * logo): set at upload, never later, so no resident's photo becomes public.
   */
  public?: true;
}

type FileDoc = mongo.GridFSFile & { metadata?: UploadMeta };

const bucket = (db: mongo.Db) => new mongoNs.GridFSBucket(db, { bucketName: UPLOAD_BUCKET });
const files = (db: mongo.Db) => db.collection<FileDoc>(`${UPLOAD_BUCKET}.files`);

/** The owner of a community's public images: no person (never an account id: those are hex). */
export const communityOwner = (communityId: string) => `community:${communityId}`;

export function parseUploadId(id: unknown): mongo.ObjectId {
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw badRequest('Not an upload id.');
  return new mongoNs.ObjectId(id);
}

export interface SavedUpload {
  id: string;
  contentType: string;
  size: number;
}

/**
 * Stores one uploaded image for its owner: within their rate and quota, recognised by its first
 * bytes, then decoded and re-encoded so that only pixels are kept (image.ts).
 */
export async function saveUpload(
  db: mongo.Db,
  owner: { communityId: string; accountId: string },
  bytes: Buffer,
  limits: UploadLimits,
  options: { public?: boolean } = {},
): Promise<SavedUpload> {
  if (bytes.length === 0) throw badRequest('The file is empty.');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new HttpError(413, 'payload_too_large', 'Files may be at most 5 MB.');
  const contentType = sniffImage(bytes);
  if (!contentType)
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Only JPEG, PNG and WebP images are accepted.',
    );
  await takeUploadRate(db, owner, limits);
  const clean = await reencodeImage(bytes, contentType);
  // A public image (the theme logo) is the community's, not the operator's who chose it: it
  // takes a place of the community's quota, and closing her account does not take it down.
  const holder = options.public
    ? { communityId: owner.communityId, accountId: communityOwner(owner.communityId) }
    : owner;
  const place = await takeUploadPlace(db, holder, limits);
  const metadata: UploadMeta = {
    communityId: owner.communityId,
    ownerId: holder.accountId,
    contentType,
    refs: [],
    place,
    ...(options.public ? { public: true as const } : {}),
  };
  const stream = bucket(db).openUploadStream('upload', { metadata });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('finish', () => resolve());
      stream.once('error', reject);
      stream.end(clean);
    });
  } catch (err) {
    await freeUploadPlace(db, place);
    throw err;
  }
  return { id: stream.id.toHexString(), contentType, size: clean.length };
}

/**
 * Checks that every upload id an action input references exists in this community and was
 * uploaded by the caller (nobody attaches someone else's photo), then returns the ids.
 */
export async function checkUploadRefs(ctx: PluginContext, ids: unknown[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const oids = unique.map(parseUploadId);
  const found = await byIds(oids, (_id) => files(ctx.db).findOne({ _id }));
  const ok = found.filter(
    (f) =>
      f.metadata?.communityId === ctx.communityId && f.metadata.ownerId === ctx.caller?.accountId,
  );
  if (ok.length !== unique.length) {
    throw badRequest('A referenced photo does not exist or is not yours.', { code: 'upload_ref' });
  }
  return unique as string[];
}

export async function attachUploads(
  ctx: PluginContext,
  ids: string[],
  ref: { collection: string; recordId: string },
): Promise<void> {
  if (ids.length === 0) return;
  await Promise.all(
    ids.map((id) =>
      files(ctx.db).updateOne(
        { _id: parseUploadId(id) },
        { $addToSet: { 'metadata.refs': { pluginId: ctx.plugin.pluginId, ...ref } } },
      ),
    ),
  );
}

async function mayReadRef(
  deps: DataPlaneDeps,
  communityId: string,
  caller: Caller,
  ref: UploadMeta['refs'][number],
) {
  const ctx = await loadContext(deps, communityId, ref.pluginId, caller, 'read').catch(() => null);
  const def = ctx ? own(ctx.manifest.collections, ref.collection) : undefined;
  if (!ctx || !def) return false;
  // By `_id` alone, the rules checked here (records/read.ts); a ref names its record as stored.
  const doc = await recordsOf(ctx, ref.collection).findOne({ _id: ref.recordId });
  return doc !== null && mayRead(ctx, def, doc);
}

/** Opens a file for a caller who uploaded it or may read a record that references it. */
export async function openUpload(
  deps: DataPlaneDeps,
  communityId: string,
  caller: Caller,
  id: string,
): Promise<{ contentType: string; size: number; stream: Readable }> {
  const db = deps.connection.db!;
  const file = await files(db).findOne({ _id: parseUploadId(id) });
  if (!file?.metadata || file.metadata.communityId !== communityId) throw notFound('No such file.');
  const meta = file.metadata;
  let allowed = caller?.accountId === meta.ownerId;
  for (const ref of meta.refs ?? []) {
    if (allowed) break;
    allowed = await mayReadRef(deps, communityId, caller, ref);
  }
  if (!allowed) throw forbidden('You may not see this file.');
  return {
    contentType: meta.contentType,
    size: file.length,
    stream: bucket(db).openDownloadStream(file._id),
  };
}

/** Opens a file uploaded as public in this community, for anyone; any other id is not found. */
export async function openPublicUpload(
  db: mongo.Db,
  communityId: string,
  id: string,
): Promise<{ contentType: string; size: number; stream: Readable }> {
  const file = await files(db).findOne({ _id: parseUploadId(id) });
  const meta = file?.metadata;
  if (!file || !meta?.public || meta.communityId !== communityId) throw notFound('No such file.');
  return {
    contentType: meta.contentType,
    size: file.length,
    stream: bucket(db).openDownloadStream(file._id),
  };
}

/** Deletes one stored file and frees the quota place it held; safe to repeat. */
export async function deleteUpload(db: mongo.Db, id: mongo.ObjectId): Promise<boolean> {
  const file = await files(db).findOne({ _id: id }, { projection: { 'metadata.place': 1 } });
  if (!file) return false;
  await freeUploadPlace(db, file.metadata?.place);
  return bucket(db)
    .delete(id)
    .then(
      () => true,
      () => false, // already gone
    );
}

/** Deletes an account's files (personal-data deletion); returns how many. */
export async function deleteUploadsOf(db: mongo.Db, accountId: string): Promise<number> {
  const mine = await files(db)
    .find({ 'metadata.ownerId': accountId }, { projection: { _id: 1 } })
    .toArray();
  let deleted = 0;
  for (const f of mine) if (await deleteUpload(db, f._id)) deleted++;
  return deleted;
}
