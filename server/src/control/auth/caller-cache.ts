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
 */
export class CallerCache {
  private readonly sessions = new Map<string, CachedSession>();
  private readonly accounts = new Map<string, Actor>();
  /** `<accountId>|<communityId>` */
  private readonly memberships = new Map<string, MembershipDoc>();
  /** Per account, the sessions and memberships cached for it (what `forget` drops). */
  private readonly keysOf = new Map<string, Set<string>>();

  constructor(private readonly feed: ChangeFeed) {
    feed.onChange((change) => {
      if (!change) this.clear();
      else if (change.reason === 'account.changed') this.forget(change.accountId);
    });
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
   * Something about the account changed (a session ended, the account was changed, disabled or
   * closed, a membership changed or went): call after the write.
   */
  async changed(accountId: string): Promise<void> {
    this.forget(accountId);
    await this.feed.append({ accountId, reason: 'account.changed' });
  }

  private keep<T>(map: Map<string, T>, key: string, value: T, accountId: string): void {
    if (map.size >= MAX_ENTRIES) this.clear();
    map.set(key, value);
    const keys = this.keysOf.get(accountId) ?? new Set<string>();
    keys.add(key);
    this.keysOf.set(accountId, keys);
  }

  private forget(accountId: string): void {
    this.accounts.delete(accountId);
    for (const key of this.keysOf.get(accountId) ?? []) {
      this.sessions.delete(key);
      this.memberships.delete(key);
    }
    this.keysOf.delete(accountId);
  }

  private clear(): void {
    this.sessions.clear();
    this.accounts.clear();
    this.memberships.clear();
    this.keysOf.clear();
  }
}
