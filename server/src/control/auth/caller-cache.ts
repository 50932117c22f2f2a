import type { ChangeFeed } from '../../events/feed';
import type { Actor } from './actor';
import type { MembershipDoc } from './model';

/** Entries kept per map; past it a map starts again empty (a burst of new callers, a bench). */
const MAX_ENTRIES = 20_000;

interface CachedSession {
  accountId: string;
  expiresAt: Date;
}

/**
 * Who a caller is, kept per process: session (by the hash of its cookie value) → account →
 * membership per community. Every request read all three before (three round trips before any
 * work). An entry goes when anything about its account changes: the writer calls `changed`,
 * which drops this process's entries at once and appends `account.changed` to the change feed,
 * so every other process drops them within a poll (about a second). A process that lost track
 * of the feed forgets everything. A membership is cached only when found: joining adds one
 * without anything to drop.
 *
 * Lists read for one account (all its memberships for `auth.me`, who lets it act for them in a
 * community for `households.me`) are kept the same way (`readThrough`): on the local database
 * their queries decode every document of their collection, and a signed-in page's first HTML
 * waits for both. Whoever writes what such a list holds calls `changed` for the account it
 * belongs to (a membership added, a grant to it set or gone).
 */
export class CallerCache {
  private readonly sessions = new Map<string, CachedSession>();
  private readonly accounts = new Map<string, Actor>();
  /** `<accountId>|<communityId>` */
  private readonly memberships = new Map<string, MembershipDoc>();
  /** `<what>|<accountId>[|…]`, see `readThrough`. */
  private readonly lists = new Map<string, unknown>();
  /** Per account, the sessions, memberships and lists cached for it (what `forget` drops). */
  private readonly keysOf = new Map<string, Set<string>>();
  /** Moves on whenever anything is forgotten: a read that spans a change is not kept. */
  private generation = 0;
  /** Other caches of what accounts are (the data plane's role holders): told what is forgotten. */
  private readonly followers: ((accountId?: string) => void)[] = [];

  constructor(private readonly feed: ChangeFeed) {
    feed.onChange((change) => {
      if (!change) this.clear();
      else if (change.reason === 'account.changed') this.forget(change.accountId);
    });
  }

  /**
   * `listener(accountId)` whenever this cache forgets an account (this process's change, or
   * another's read from the feed); `listener()` when it forgets everything.
   */
  onForget(listener: (accountId?: string) => void): void {
    this.followers.push(listener);
  }

  /** Resolves once this process has read the feed up to about a poll ago (see ChangeFeed). */
  synced(): Promise<void> | undefined {
    return this.feed.synced();
  }

  session(hash: string): CachedSession | undefined {
    return this.sessions.get(hash);
  }

  account(accountId: string): Actor | undefined {
    return this.accounts.get(accountId);
  }

  membership(accountId: string, communityId: string): MembershipDoc | undefined {
    return this.memberships.get(`${accountId}|${communityId}`);
  }

  /**
   * Memberships of these accounts in one community: those kept, and the others read at once
   * (and kept, unless something was forgotten meanwhile). Missing ones are left out.
   */
  async membershipsIn(
    communityId: string,
    accountIds: string[],
    readMissing: (accountIds: string[]) => Promise<MembershipDoc[]>,
  ): Promise<MembershipDoc[]> {
    const wait = this.feed.synced();
    if (wait) await wait;
    const kept = accountIds.flatMap((id) => this.membership(id, communityId) ?? []);
    const missing = accountIds.filter((id) => !this.membership(id, communityId));
    if (!missing.length) return kept;
    const generation = this.generation;
    const read = await readMissing(missing);
    if (generation === this.generation) for (const doc of read) this.keepMembership(doc);
    return [...kept, ...read];
  }

  keepSession(hash: string, session: CachedSession): void {
    this.keep(this.sessions, hash, session, session.accountId);
  }

  keepAccount(actor: Actor): void {
    this.keep(this.accounts, actor.accountId, actor, actor.accountId);
  }

  keepMembership(doc: MembershipDoc): void {
    this.keep(this.memberships, `${doc.accountId}|${doc.communityId}`, doc, doc.accountId);
  }

  /**
   * A list about one account, from this cache or read (and kept). `key` names what it is and
   * for whom (`memberships|<accountId>`); each key is read with one `read`, so its type is that
   * read's. A read during which anything was forgotten is answered but not kept: it may hold
   * what the change replaced.
   */
  async readThrough<T>(key: string, accountId: string, read: () => Promise<T>): Promise<T> {
    const wait = this.feed.synced();
    if (wait) await wait;
    // One key, one read (see above): the value kept under it is that read's T.
    if (this.lists.has(key)) return this.lists.get(key) as T;
    const generation = this.generation;
    const value = await read();
    if (generation === this.generation) this.keep(this.lists, key, value, accountId);
    return value;
  }

  /**
   * Something about the account changed (a session ended, the account was changed, disabled or
   * closed, a membership changed or went): call after the write.
   */
  async changed(accountId: string): Promise<void> {
    this.forget(accountId);
    await this.feed.append({ accountId, reason: 'account.changed' });
  }

  private keep<T>(map: Map<string, T>, key: string, value: T, accountId: string): void {
    // A full cache starts again; nothing changed, so the followers keep theirs.
    if (map.size >= MAX_ENTRIES) this.clear(false);
    map.set(key, value);
    const keys = this.keysOf.get(accountId) ?? new Set<string>();
    keys.add(key);
    this.keysOf.set(accountId, keys);
  }

  private forget(accountId: string): void {
    this.generation++;
    this.accounts.delete(accountId);
    for (const key of this.keysOf.get(accountId) ?? []) {
      this.sessions.delete(key);
      this.memberships.delete(key);
      this.lists.delete(key);
    }
    this.keysOf.delete(accountId);
    for (const f of this.followers) f(accountId);
  }

  private clear(tellFollowers = true): void {
    this.generation++;
    this.sessions.clear();
    this.lists.clear();
    this.accounts.clear();
    this.memberships.clear();
    this.keysOf.clear();
    if (tellFollowers) for (const f of this.followers) f();
  }
}
