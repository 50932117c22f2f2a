import type { Connection, mongo } from 'mongoose';
import type { Logger } from 'pino';
import { isDuplicateKey } from '../db/errors';
import type { RuntimeChangeReason } from './index';

/**
 * What changed: a community's runtime parts, who an account is (its sessions, its account,
 * its memberships: what the caller cache holds), or which plugin versions are approved
 * (`standard: false`: only optional plugins', so the standard versions stand).
 */
export type Change =
  | { communityId: string; reason: RuntimeChangeReason }
  | { accountId: string; reason: 'account.changed' }
  | { reason: 'registry.changed'; standard?: false };

/** One change, numbered: `_id` is the sequence number, taken by a unique insert. */
type ChangeDoc = Change & { _id: number; at: Date };
export type ChangeListener = (change: Change | undefined) => void;

export const CHANGE_FEED_COLLECTION = 'change_feed';
/**
 * Changes kept. A process reads the feed every poll; one that falls further behind than this
 * (stalled for many seconds) forgets every cached community instead, so a bound is safe. Small
 * on purpose: on the local database even a lookup by `_id` reads the whole table.
 */
export const KEEP_CHANGES = 500;
/** A process that served nothing for this long stops polling; its next request resyncs. */
const IDLE_STOP_MS = 30_000;

export interface ChangeFeedOptions {
  connection: Connection;
  logger?: Pick<Logger, 'warn'>;
  pollMs: number;
}

/**
 * The cross-process side of `runtime.changed` (and other changes to what processes cache per
 * community): each change is appended as the next number of one sequence, and each process reads
 * the sequence forward once per `pollMs` — one query per poll, whatever the traffic —
 * and tells its caches which communities changed. So every process sees another's publish within
 * about a second, and a request never reads the database to learn that nothing changed.
 *
 * Numbers are taken by inserting `_id = n` (unique; atomic on FerretDB and MongoDB alike) and a
 * writer only moves past a number it saw taken, so the sequence has no holes and reading it in
 * order misses nothing. Polling starts with the first `synced()` call and stops when no request
 * asked for a while; the first `synced()` after that (or after a late poll) waits to catch up.
 */
export class ChangeFeed {
  private readonly listeners: ChangeListener[] = [];
  /** The highest number this process has read; undefined before the first sync. */
  private head: number | undefined;
  /** The highest number this process has written (where its next append starts looking). */
  private written = 0;
  /** Numbers this process appended and has not read back: its caches acted on them already. */
  private readonly own = new Set<number>();
  private lastPollAt = 0;
  private lastAskedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;

  constructor(private readonly options: ChangeFeedOptions) {}

  private collection(): mongo.Collection<ChangeDoc> {
    return this.options.connection.collection<ChangeDoc>(CHANGE_FEED_COLLECTION);
  }

  /** `listener(change)` for one community's change; `listener(undefined)`: forget everything. */
  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  private tell(change: Change | undefined): void {
    for (const l of this.listeners) l(change);
  }

  /**
   * Resolves when this process's caches reflect every change made up to about `pollMs` ago.
   * Free while polling runs; after an idle stop, a late poll or at start it waits to catch up.
   */
  synced(): Promise<void> | undefined {
    this.lastAskedAt = Date.now();
    if (this.timer && Date.now() - this.lastPollAt < this.options.pollMs * 5) return undefined;
    return (this.syncing ??= this.resync().finally(() => (this.syncing = undefined)));
  }

  /** Appends a change (after the change itself is written). */
  async append(change: Change): Promise<void> {
    const col = this.collection();
    const known = Math.max(this.head ?? 0, this.written);
    let n = (known || (await this.currentHead())) + 1;
    for (;;) {
      try {
        await col.insertOne({ ...change, _id: n, at: new Date() });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        n++; // another process took n: it exists, so the next free number is above it
        continue;
      }
      if (!(await this.trimFor(n))) {
        // This process was so far behind (idle, polling stopped) that n had already fallen out
        // of the feed: the change sits below the head, where no reader looks. It takes a number
        // above the head instead.
        await col.deleteOne({ _id: n });
        n = (await this.currentHead()) + 1;
        continue;
      }
      this.written = n;
      if (this.own.size < KEEP_CHANGES) this.own.add(n);
      return;
    }
  }

  /**
   * Keeps the feed at KEEP_CHANGES documents once n is written: exactly one falls out per
   * append, deleted by the appender of the number KEEP_CHANGES above it. Every number below the
   * head exists until then, so the number just under n (n - KEEP_CHANGES, or n - 1 while the feed
   * is young) is missing only if n had fallen out too. Trims for n and says whether n is still
   * within the feed (false: n had fallen out, and no reader will look at it).
   */
  private async trimFor(n: number): Promise<boolean> {
    const col = this.collection();
    if (n > KEEP_CHANGES) return (await col.deleteOne({ _id: n - KEEP_CHANGES })).deletedCount > 0;
    return n === 1 || (await col.findOne({ _id: n - 1 }, { projection: { _id: 1 } })) !== null;
  }

  /** Stops polling (tests and shutdown; a later `synced()` starts it again). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async currentHead(): Promise<number> {
    // The feed holds at most KEEP_CHANGES small documents; MongoDB answers from the _id index.
    const [last] = await this.collection()
      .find({}, { projection: { _id: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return last?._id ?? 0;
  }

  /**
   * Starts polling again. A process that read the feed before catches up by name (only what
   * changed is forgotten; readForward forgets everything only if the feed no longer reaches back
   * that far), so a poll made late by a busy machine does not empty every cache at once.
   */
  private async resync(): Promise<void> {
    if (this.head === undefined) this.head = await this.currentHead();
    else await this.readForward();
    this.lastPollAt = Date.now();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), this.options.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    if (Date.now() - this.lastAskedAt > IDLE_STOP_MS) return this.stop();
    try {
      await this.readForward();
      this.lastPollAt = Date.now();
    } catch (err) {
      // The next `synced()` after a missed poll resyncs (see `synced`).
      this.options.logger?.warn({ err }, 'change feed poll failed');
    }
    if (this.timer) this.schedule();
  }

  /**
   * Reads every change past `head` in one query (the feed holds at most KEEP_CHANGES small
   * documents). If the first is not `head + 1`, more than KEEP_CHANGES changes came since the
   * last read and the ones between fell out of the feed: this process cannot know which
   * communities they named, so it forgets everything rather than serve stale parts for good.
   */
  async readForward(): Promise<void> {
    if (this.head === undefined) return;
    const next = await this.collection()
      .find({ _id: { $gt: this.head } })
      .toArray();
    if (!next.length) return;
    next.sort((a, b) => a._id - b._id);
    if (next[0]!._id !== this.head + 1) {
      this.options.logger?.warn(
        { from: this.head, to: next[0]!._id },
        'change feed: fell behind by more than it keeps; forgetting every cached part',
      );
      this.own.clear();
      this.head = next[next.length - 1]!._id;
      this.tell(undefined);
      return;
    }
    for (const doc of next) {
      this.head = doc._id;
      if (!this.own.delete(doc._id)) this.tell(changeOf(doc));
    }
  }
}

function changeOf(doc: ChangeDoc): Change {
  if (doc.reason === 'registry.changed')
    return { reason: doc.reason, ...(doc.standard === false ? { standard: false as const } : {}) };
  return doc.reason === 'account.changed'
    ? { accountId: doc.accountId, reason: doc.reason }
    : { communityId: doc.communityId, reason: doc.reason };
}
