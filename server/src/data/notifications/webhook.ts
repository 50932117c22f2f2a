import type { LocalizedText } from '@scene/schema';
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Connection, mongo } from 'mongoose';
import { once } from '../../db/migrations';
import { isDuplicateKey } from '../../db/claims';
import { badRequest, HttpError } from '../../http/errors';
import { NOTIFY_ATTEMPTS, NOTIFY_DELIVERIES, NOTIFY_DUE, NOTIFY_WEBHOOKS } from '../records/names';

/**
 * The webhook channel: each community's operator may point notices at their own gateway (SMS,
 * WeChat). Every delivery is a JSON POST signed with the community's secret —
 * `X-Scene-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Scene-Timestamp>.<body>")>` — so the
 * gateway can check it came from the platform, unchanged and recently. A failed POST is retried
 * with exponential backoff; every attempt is kept in the delivery log the operator reads.
 *
 * The log keeps every delivery, so the worker's once-a-second question "what is due?" is asked
 * of a separate list of the deliveries still to be tried (`notify_deliveries_due`, one small
 * document each, removed when its delivery is delivered or has failed for good): the local
 * database decodes every document of a collection for any filter but `{_id}`, and the log only
 * grows.
 */
export interface WebhookDoc {
  _id: string;
  url: string;
  secret: string;
  enabled: boolean;
  updatedAt: Date;
  updatedBy: string;
}

export interface Attempt {
  at: Date;
  /** The HTTP status the gateway answered, when it answered. */
  status?: number;
  /** Why it failed without an answer (timeout, refused…). */
  error?: string;
  ms: number;
}

export interface DeliveryDoc {
  _id: string;
  communityId: string;
  pluginId: string;
  title: LocalizedText;
  recipients: number;
  /** The body sent, the same on every attempt (so the signature covers what the log shows). */
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Attempt[];
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt?: Date;
}

export interface WebhookPolicy {
  /** Delay before the 2nd attempt; each further one doubles it. */
  retryBaseMs: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts: number;
  timeoutMs: number;
  /** Allow loopback and private addresses (development and tests; never production). */
  allowPrivate: boolean;
}

export const SIGNATURE_HEADER = 'x-scene-signature';
export const TIMESTAMP_HEADER = 'x-scene-timestamp';
export const DELIVERY_HEADER = 'x-scene-delivery';

const webhooks = (db: mongo.Db) => db.collection<WebhookDoc>(NOTIFY_WEBHOOKS);
const deliveries = (db: mongo.Db) => db.collection<DeliveryDoc>(NOTIFY_DELIVERIES);
interface DueDoc {
  _id: string;
  nextAttemptAt: Date;
}
const dueList = (db: mongo.Db) => db.collection<DueDoc>(NOTIFY_DUE);
/** A due entry whose delivery is missing this long after it is a leftover of a stopped writer. */
const ORPHAN_MS = 60_000;

/**
 * At start: the due list's index (for MongoDB), and, once per database, every pending delivery
 * logged before the list existed listed as due.
 */
export async function ensureDueList(connection: Connection): Promise<void> {
  const db = connection.db!;
  await db.collection(NOTIFY_DUE).createIndex({ nextAttemptAt: 1 });
  await once(connection, 'notify-deliveries-due', async () => {
    const pending = await deliveries(db)
      .find({ status: 'pending' }, { projection: { nextAttemptAt: 1, createdAt: 1 } })
      .toArray();
    for (const d of pending)
      await insertDue(db, { _id: d._id, nextAttemptAt: d.nextAttemptAt ?? d.createdAt });
  });
}

async function insertDue(db: mongo.Db, due: DueDoc): Promise<void> {
  try {
    await dueList(db).insertOne(due);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** `sha256=<hex>` over `<timestamp>.<body>`: what the gateway recomputes with the shared secret. */
export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Literal private, loopback and link-local hosts (a gateway is on the public internet). */
function isPrivateHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local')) return true;
  if (isIP(h) === 4) {
    const [a, b] = h.split('.').map(Number) as [number, number];
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (isIP(h) === 6)
    return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80');
  return false;
}

export function checkWebhookUrl(url: string, allowPrivate: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badRequest('The webhook URL is not a URL.', { code: 'webhook_url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw badRequest('The webhook URL must start with https:// (or http://).', {
      code: 'webhook_url',
    });
  if (parsed.username || parsed.password)
    throw badRequest('Put no password in the webhook URL; the secret signs each delivery.', {
      code: 'webhook_url',
    });
  if (!allowPrivate && (isPrivateHost(parsed.hostname) || parsed.protocol !== 'https:'))
    throw badRequest('The webhook must be a public https:// address.', { code: 'webhook_url' });
  return parsed.toString();
}

export interface WebhookView {
  url: string | null;
  enabled: boolean;
  /** The last 4 characters of the secret, so the operator can tell which one is set. */
  secretHint: string | null;
  updatedAt: string | null;
}

export async function readWebhook(db: mongo.Db, communityId: string): Promise<WebhookView> {
  const doc = await webhooks(db).findOne({ _id: communityId });
  return {
    url: doc?.url ?? null,
    enabled: doc?.enabled ?? false,
    secretHint: doc ? doc.secret.slice(-4) : null,
    updatedAt: doc?.updatedAt.toISOString() ?? null,
  };
}

/**
 * Each process keeps a community's webhook for a few seconds: every notice asks for it, and a
 * change (rare) reaches other processes within that time.
 */
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; doc: WebhookDoc | null }>();

/** The community's webhook when it is on (what the channel hands deliveries to). */
export async function activeWebhook(db: mongo.Db, communityId: string): Promise<WebhookDoc | null> {
  const key = `${db.databaseName}|${communityId}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.doc;
  const doc = await webhooks(db).findOne({ _id: communityId });
  if (cache.size > 5_000) cache.clear();
  cache.set(key, { at: Date.now(), doc: doc?.enabled ? doc : null });
  return doc?.enabled ? doc : null;
}

export async function writeWebhook(
  db: mongo.Db,
  communityId: string,
  input: { url: string; secret?: string; enabled: boolean },
  by: string,
  policy: Pick<WebhookPolicy, 'allowPrivate'>,
): Promise<WebhookView> {
  const url = checkWebhookUrl(input.url, policy.allowPrivate);
  const current = await webhooks(db).findOne({ _id: communityId });
  const secret = input.secret ?? current?.secret;
  if (!secret)
    throw badRequest('Set a secret (at least 16 characters) to sign deliveries with.', {
      code: 'webhook_secret',
    });
  await webhooks(db).updateOne(
    { _id: communityId },
    { $set: { url, secret, enabled: input.enabled, updatedAt: new Date(), updatedBy: by } },
    { upsert: true },
  );
  cache.delete(`${db.databaseName}|${communityId}`);
  return readWebhook(db, communityId);
}

/** Hands a batch to the webhook: one delivery document, created once (its `_id` is the batch). */
export async function queueDelivery(
  db: mongo.Db,
  delivery: Omit<DeliveryDoc, 'status' | 'attempts' | 'nextAttemptAt'>,
): Promise<void> {
  // Due first: a writer that stops between the two leaves a due entry without its delivery
  // (dropped by `sendDue` later), never a pending delivery nobody will try.
  await insertDue(db, { _id: delivery._id, nextAttemptAt: delivery.createdAt });
  try {
    await deliveries(db).insertOne({
      ...delivery,
      status: 'pending',
      attempts: [],
      nextAttemptAt: delivery.createdAt,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err; // the batch was handed over before: nothing to do
  }
}

/** When the attempt after `n` failed ones is due: base, 2×base, 4×base… */
export function backoff(policy: WebhookPolicy, failures: number, now: Date): Date {
  return new Date(now.getTime() + policy.retryBaseMs * 2 ** (failures - 1));
}

/**
 * Sends the deliveries that are due (at most `limit`), one attempt each. An attempt is claimed
 * by a unique insert first, so several server processes never send the same attempt twice.
 * Returns how many were attempted.
 */
export async function sendDue(
  db: mongo.Db,
  policy: WebhookPolicy,
  now: Date,
  limit: number,
  post: typeof fetch = fetch,
): Promise<number> {
  const due = await dueList(db)
    .find({ nextAttemptAt: { $lte: now } }, { sort: { nextAttemptAt: 1 }, limit })
    .toArray();
  let sent = 0;
  for (const entry of due) {
    const d = await deliveries(db).findOne({ _id: entry._id });
    if (!d || d.status !== 'pending') {
      // Settled by another process, or a stopped writer's leftover (kept a while: its delivery
      // may be about to be written).
      if (d || now.getTime() - entry.nextAttemptAt.getTime() > ORPHAN_MS)
        await dueList(db).deleteOne({ _id: entry._id });
      continue;
    }
    const n = d.attempts.length + 1;
    try {
      await db.collection(NOTIFY_ATTEMPTS).insertOne({ _id: `${d._id}#${n}` as never, at: now });
    } catch (err) {
      if (isDuplicateKey(err)) continue; // another process has this attempt
      throw err;
    }
    const hook = await webhooks(db).findOne({ _id: d.communityId });
    const attempt = await attemptOnce(d, hook, policy, post);
    sent++;
    const ok = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    const failedFinally = !ok && n >= policy.maxAttempts;
    const next = ok || failedFinally ? null : backoff(policy, n, new Date());
    await deliveries(db).updateOne(
      { _id: d._id },
      {
        $push: { attempts: attempt },
        $set: {
          status: ok ? 'delivered' : failedFinally ? 'failed' : 'pending',
          nextAttemptAt: next,
          ...(ok ? { deliveredAt: new Date() } : {}),
        },
      },
    );
    if (next) await dueList(db).updateOne({ _id: d._id }, { $set: { nextAttemptAt: next } });
    else await dueList(db).deleteOne({ _id: d._id });
  }
  return sent;
}

async function attemptOnce(
  d: DeliveryDoc,
  hook: WebhookDoc | null,
  policy: WebhookPolicy,
  post: typeof fetch,
): Promise<Attempt> {
  const at = new Date();
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (!hook?.enabled) return { at, error: 'webhook switched off', ms: 0 };
  try {
    const url = checkWebhookUrl(hook.url, policy.allowPrivate);
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const res = await post(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'scene-platform-webhook/1',
        [DELIVERY_HEADER]: d._id,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: sign(hook.secret, timestamp, d.payload),
      },
      body: d.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(policy.timeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    return { at, status: res.status, ms: ms() };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const error =
      e.name === 'TimeoutError'
        ? `no answer within ${policy.timeoutMs} ms`
        : err instanceof HttpError
          ? err.message
          : (e.cause?.code ?? e.message ?? 'failed');
    return { at, error: String(error).slice(0, 200), ms: ms() };
  }
}

export interface DeliveryView {
  id: string;
  pluginId: string;
  title: LocalizedText;
  recipients: number;
  status: DeliveryDoc['status'];
  attempts: { at: string; status: number | null; error: string | null; ms: number }[];
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The delivery log of a community, newest first, by cursor. */
export async function listDeliveries(
  db: mongo.Db,
  communityId: string,
  q: { cursor?: string; limit?: number; status?: DeliveryDoc['status'] },
): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const filter: mongo.Filter<DeliveryDoc> = { communityId };
  if (q.status) filter.status = q.status;
  if (q.cursor) {
    const [ms, id] = q.cursor.split('_');
    const at = new Date(Number(ms));
    if (Number.isNaN(at.getTime()) || !id) throw badRequest('Not a cursor.');
    filter.$or = [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: id } }];
  }
  const rows = await deliveries(db)
    .find(filter, { sort: { createdAt: -1, _id: -1 }, limit: limit + 1 })
    .toArray();
  const items = rows.slice(0, limit).map((d) => ({
    id: d._id,
    pluginId: d.pluginId,
    title: d.title,
    recipients: d.recipients,
    status: d.status,
    attempts: d.attempts.map((a) => ({
      at: a.at.toISOString(),
      status: a.status ?? null,
      error: a.error ?? null,
      ms: a.ms,
    })),
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  }));
  const last = rows[limit - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? `${last.createdAt.getTime()}_${last._id}` : null,
  };
}
