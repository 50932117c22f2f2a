/**
 * Storage layout: one MongoDB collection per plugin collection, named
 * `rec.<pluginId>.<collection>` (plugin ids hold exactly one dot and collection names none, so
 * the name maps back unambiguously).
 *
 * Why not one shared `records` collection: plugins declare their own indexes, including unique
 * ones ("one vote per resident per proposal"). In a shared collection those would need partial
 * indexes (FerretDB v1 has none) or would collide on documents of other plugins that lack the
 * fields. Separate collections also keep each plugin's indexes small, let uninstall drop one
 * plugin's data with one call per collection, and shard the same way (key `communityId`).
 */
export const RECORD_PREFIX = 'rec.';

export function recordCollectionName(pluginId: string, collection: string): string {
  return `${RECORD_PREFIX}${pluginId}.${collection}`;
}

export function parseRecordCollectionName(
  name: string,
): { pluginId: string; collection: string } | null {
  if (!name.startsWith(RECORD_PREFIX)) return null;
  const rest = name.slice(RECORD_PREFIX.length);
  const last = rest.lastIndexOf('.');
  const first = rest.indexOf('.');
  if (first === last || last < 0) return null;
  return { pluginId: rest.slice(0, last), collection: rest.slice(last + 1) };
}

/** Platform collections of the data plane. */
export const SEATS = 'rec_seats';
/** Waitlist tickets (arrival order) and promotion claims (each waiting record promoted once). */
export const WAITLIST = 'rec_waitlist';
export const WAITLIST_PROMOTIONS = 'rec_waitlist_promotions';
export const REVISIONS = 'rec_revisions';
/**
 * The change log of each community's records per collection (records/changes.ts): the numbered
 * change claims, read by `_id` before every cached list read, and per (community, plugin,
 * collection) a version document whose `v` is a hint of where the claims end.
 */
export const RECORD_VERSIONS = 'rec_versions';
export const RECORD_CHANGES = 'rec_changes';
export const PLUGIN_CATALOG = 'rec_plugins';
export const IDEMPOTENCY = 'rec_idempotency';
/** Claimed 6-digit codes (`set: {var: "code"}`), one per plugin, collection and community. */
export const CODES = 'rec_codes';
/**
 * "Answer once" claims (`once` on create actions): `_id` = a keyed one-way hash of the action,
 * parent record and person, nothing else — no time, no person, no record id.
 */
export const ONCE_CLAIMS = 'rec_once';
export const LEDGER = 'points_ledger';
/**
 * Inbox messages of an earlier release, one document per message (read with a scan of every
 * message); only erasure still looks at them. See INBOXES.
 */
export const NOTIFICATIONS = 'notifications';
/** One inbox archive per person (`_id` = account id): her older messages (notifications/inbox.ts). */
export const INBOXES = 'inboxes';
/**
 * Inbox heads (`_id` = account id): a person's newest messages, read on every page; older ones
 * spill into her INBOXES document, the archive (notifications/inbox-store.ts).
 */
export const INBOX_HEADS = 'inbox_heads';
/** What notices say, stored once and named by inbox messages (notifications/inbox-words.ts). */
export const NOTICE_WORDS = 'notice_words';
/** The notification queue: jobs, their claimed steps and resolved recipients (notifications/). */
export const NOTIFY_JOBS = 'notify_jobs';
export const NOTIFY_STEPS = 'notify_steps';
export const NOTIFY_RECIPIENTS = 'notify_recipients';
/** Finished jobs that their records carried (notifications/carried.ts). */
export const NOTIFY_DONE = 'notify_done';
/** Per-person notification settings, one document per community member (`<community>|<account>`). */
export const NOTIFY_PREFS = 'notify_prefs';
/** The webhook of each community (`_id` = community id), its deliveries and claimed attempts. */
export const NOTIFY_WEBHOOKS = 'notify_webhooks';
export const NOTIFY_DELIVERIES = 'notify_deliveries';
export const NOTIFY_ATTEMPTS = 'notify_attempts';
/** The deliveries still to be tried, and when: what the worker polls (small; see webhook.ts). */
export const NOTIFY_DUE = 'notify_deliveries_due';
export const UPLOAD_BUCKET = 'uploads';
/** Rate and quota claims of uploads (uploads/limits.ts). */
export const UPLOAD_CLAIMS = 'upload_claims';
/** Schedules: one run-log document per occurrence (its claim), one claim per record acted on, and each schedule's progress. */
export const SCHEDULE_RUNS = 'sched_runs';
export const SCHEDULE_CLAIMS = 'sched_claims';
export const SCHEDULE_STATE = 'sched_state';
/**
 * What an erased person may not do again: one key per "one per person" place they had taken
 * (a vote, a signature) before their records were anonymised. See privacy/erasure.ts.
 */
export const ERASED = 'rec_erased';
/**
 * A `guard`'s tally of one person (`_id` = `<community>|<plugin>|<guard>|<account>`): the ids
 * and days of their records that matched it, and the pauses lifted early (pauses/tally.ts).
 */
export const GUARD_TALLIES = 'rec_guard_tallies';

/** Fields the server owns on every record; never taken from input. */
export const SYSTEM_FIELDS = new Set([
  '_id',
  'communityId',
  'pluginId',
  'collection',
  'schemaVersion',
  'createdBy',
  'actedBy',
  'createdAt',
  'updatedAt',
  'history',
]);

/** Fields a client sees of a record (besides the plugin's own). */
export const PUBLIC_SYSTEM_FIELDS = [
  'createdBy',
  'actedBy',
  'createdAt',
  'updatedAt',
  'schemaVersion',
  'history',
] as const;

/** What a record written by a visitor (no membership, `once.visitors`) names as its author. */
export const VISITOR = 'visitor';
