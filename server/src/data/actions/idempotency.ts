import { isDuplicateKey, isStaleClaim } from '../../db/claims';
import { isDatabaseUnavailable } from '../../db/errors';
import { createHash } from 'node:crypto';
import type { mongo } from 'mongoose';
import { badRequest, conflict, HttpError } from '../../http/errors';
import { IDEMPOTENCY } from '../records/names';
import type { ActionResult } from './common';

/**
 * `Idempotency-Key` on actions: the first request with a key runs and its answer is stored; a
 * retry with the same key (same caller, community, plugin and action) gets that answer again
 * and writes nothing. The key document is inserted before the action runs, so two concurrent
 * retries cannot both run it (`_id` is unique). An action refused (a 4xx, a bug) wrote nothing
 * and frees its key for a retry. One that failed because the database stalled may have written
 * anyway (the write reached the database, its answer did not come back): its key stays, and a
 * retry is told so (409 `in_progress`, then `outcome_unknown`) instead of running it twice.
 * Keys are kept for a day (purged by the retention job).
 */
interface KeyDoc {
  _id: string;
  /** Whose request it was, so erasing a person's data also erases their stored answers. */
  accountId: string;
  requestHash: string;
  state: 'running' | 'done';
  result?: ActionResult;
  createdAt: Date;
}

export const KEY_TTL_MS = 24 * 60 * 60 * 1000;

const IN_PROGRESS = {
  'zh-CN': '刚才的提交还在处理中，请稍候再看结果。',
  en: 'The same request is still running.',
};
const OUTCOME_UNKNOWN = {
  'zh-CN': '刚才的提交可能已经生效，请先查看记录，确认没有后再重新提交。',
  en: 'An earlier attempt of this request may have been applied: check before sending it again.',
};

export function checkIdempotencyKey(key: unknown): string | undefined {
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{8,128}$/.test(key)) {
    throw badRequest('Idempotency-Key must be 8–128 visible ASCII characters.');
  }
  return key;
}

export async function withIdempotency(
  db: mongo.Db,
  scope: { accountId: string; communityId: string; pluginId: string; action: string },
  key: string | undefined,
  request: unknown,
  run: () => Promise<ActionResult>,
): Promise<ActionResult & { replayed?: boolean }> {
  if (key === undefined) return run();
  const keys = db.collection<KeyDoc>(IDEMPOTENCY);
  const _id = createHash('sha256')
    .update(JSON.stringify([scope.accountId, scope.communityId, scope.pluginId, scope.action, key]))
    .digest('base64url');
  const requestHash = createHash('sha256')
    .update(JSON.stringify(request ?? null))
    .digest('base64url');
  try {
    await keys.insertOne({
      _id,
      accountId: scope.accountId,
      requestHash,
      state: 'running',
      createdAt: new Date(),
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const prior = await keys.findOne({ _id });
    if (prior?.requestHash !== requestHash) {
      throw new HttpError(
        422,
        'idempotency_mismatch',
        'This Idempotency-Key was used for a different request.',
      );
    }
    if (prior.state !== 'done' || !prior.result) {
      if (isStaleClaim(prior.createdAt))
        throw conflict(OUTCOME_UNKNOWN.en, { code: 'outcome_unknown', message: OUTCOME_UNKNOWN });
      throw conflict(IN_PROGRESS.en, { code: 'in_progress', message: IN_PROGRESS });
    }
    return { ...prior.result, replayed: true };
  }
  try {
    const result = await run();
    await keys.updateOne({ _id }, { $set: { state: 'done', result } });
    return result;
  } catch (err) {
    if (!isDatabaseUnavailable(err)) await keys.deleteOne({ _id }).catch(() => {});
    throw err;
  }
}
