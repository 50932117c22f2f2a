import type { mongo } from 'mongoose';
import { claimPlace } from '../../db/claims';
import { HttpError, tooManyRequests } from '../../http/errors';
import { UPLOAD_CLAIMS } from '../records/names';

/** How many photos one person may upload, per community. */
export interface UploadLimits {
  /** Photos one person may hold at once. */
  quota: number;
  /** Uploads one person may attempt in `RATE_WINDOW_MS`, refused or not. */
  ratePerWindow: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { quota: 200, ratePerWindow: 30 };
export const RATE_WINDOW_MS = 10 * 60_000;

/**
 * Both limits are claims (db/claims.ts): one document per place, inserted into a unique key, so
 * they hold exactly under concurrency on FerretDB too. A rate claim belongs to a fixed
 * 10-minute window and is swept later; a quota claim lives as long as its photo. Both are taken
 * blind first (`PROBES` random places by insert alone): reading a person's claims is a scan of
 * every person's on the local database, and most people are far from either limit.
 */
interface ClaimDoc {
  _id: string;
  group: string;
  kind: 'rate' | 'quota';
  at: Date;
}

const PROBES = 3;

const claims = (db: mongo.Db) => db.collection<ClaimDoc>(UPLOAD_CLAIMS);

export async function takeUploadRate(
  db: mongo.Db,
  who: { communityId: string; accountId: string },
  limits: UploadLimits,
  now = new Date(),
): Promise<void> {
  const window = Math.floor(now.getTime() / RATE_WINDOW_MS);
  const group = `rate:${who.communityId}:${who.accountId}:${window}`;
  const place = await claimPlace(claims(db) as unknown as mongo.Collection<mongo.Document>, {
    groupField: 'group',
    group,
    limit: limits.ratePerWindow,
    idOf: (n) => `${group}#${n}`,
    fields: () => ({ kind: 'rate', at: now }),
    pick: 'random',
    probe: PROBES,
  });
  if (place === undefined) {
    const seconds = Math.ceil(((window + 1) * RATE_WINDOW_MS - now.getTime()) / 1000);
    throw tooManyRequests('Too many uploads in a short time. Try again later.', seconds);
  }
}

/** Takes one of the person's photo places; returns its id, to free it with the photo. */
export async function takeUploadPlace(
  db: mongo.Db,
  who: { communityId: string; accountId: string },
  limits: UploadLimits,
): Promise<string> {
  const group = `quota:${who.communityId}:${who.accountId}`;
  const place = await claimPlace(claims(db) as unknown as mongo.Collection<mongo.Document>, {
    groupField: 'group',
    group,
    limit: limits.quota,
    idOf: (n) => `${group}#${n}`,
    fields: () => ({ kind: 'quota', at: new Date() }),
    pick: 'random',
    probe: PROBES,
  });
  if (place === undefined) {
    throw new HttpError(409, 'upload_quota', 'You hold as many photos here as allowed.', {
      code: 'upload_quota',
      message: {
        'zh-CN': `您在本社区保存的照片已达上限（${limits.quota} 张）。`,
        en: `You already hold the most photos allowed in this community (${limits.quota}).`,
      },
    });
  }
  return `${group}#${place}`;
}

export async function freeUploadPlace(db: mongo.Db, placeId: string | undefined): Promise<void> {
  if (placeId) await claims(db).deleteOne({ _id: placeId });
}

/** Drops rate claims of windows long past (the retention job). */
export async function sweepUploadRates(db: mongo.Db, now = new Date()): Promise<number> {
  const res = await claims(db).deleteMany({
    kind: 'rate',
    at: { $lt: new Date(now.getTime() - 2 * RATE_WINDOW_MS) },
  });
  return res.deletedCount;
}
