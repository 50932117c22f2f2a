/**
 * Who holds which roles in a community, kept per process (issue 18). The notification worker
 * reads the holders of a role for every notice to it, page by page, and a staff member's picker
 * of caregivers reads them on every queue page; on the local database each such read decoded
 * every membership of every community (it pushes down no filter but `{_id}`). A community's
 * members are read once and kept until one of them changes.
 *
 * What drops a community: any change to an account (`forget`, from the caller cache: this
 * process's writes at once, other processes' through the change feed within a poll) drops the
 * communities that account is kept in here, and those it is listed in now (the account's list of
 * communities is written before a membership is, so a member who just joined is found there).
 * A read that spans a change is answered but not kept.
 */

/** A member as the holders' lists need her: her account and the roles she holds. */
export interface Holder {
  accountId: string;
  roles: readonly string[];
}

export interface RoleHolderSource {
  /** Every member of the community with her roles (one query per community and change). */
  members(communityId: string): Promise<Holder[]>;
  /** The communities the account is listed in (a superset is fine: it only drops more). */
  communitiesOf(accountId: string): Promise<string[]>;
  /**
   * Resolves when the changes of other processes up to about a poll ago have been told (the
   * change feed; undefined when they have): a process that served no request for a while stops
   * reading the feed, and its worker must not send by what it kept before.
   */
  synced?(): Promise<void> | undefined;
}

/** Members kept in all, over every community; past it the least recently used communities go. */
const MAX_MEMBERS = 200_000;

export class RoleHolders {
  /** Sorted by account id; a Map keeps insertion order, so the first key is the least recent. */
  private readonly byCommunity = new Map<string, Holder[]>();
  private kept = 0;
  private generation = 0;

  constructor(private readonly source: RoleHolderSource) {}

  /**
   * The accounts holding any of `roles` in the community, ascending, in pages of `limit` after
   * the account id `after`.
   */
  async page(
    communityId: string,
    roles: readonly string[],
    page: { after?: string; limit: number },
  ): Promise<string[]> {
    const wait = this.source.synced?.();
    if (wait) await wait;
    const wanted = new Set(roles);
    const out: string[] = [];
    for (const h of await this.membersOf(communityId)) {
      if (page.after !== undefined && h.accountId <= page.after) continue;
      if (!h.roles.some((r) => wanted.has(r))) continue;
      out.push(h.accountId);
      if (out.length >= page.limit) break;
    }
    return out;
  }

  /** Something about the account changed (or, with no account, anything may have): see above. */
  forget(accountId?: string): void {
    this.generation++;
    if (accountId === undefined) {
      this.byCommunity.clear();
      this.kept = 0;
      return;
    }
    for (const [communityId, holders] of this.byCommunity)
      if (holders.some((h) => h.accountId === accountId)) this.drop(communityId);
    // Where she was just added: her list of communities, read now (after the write).
    void this.source.communitiesOf(accountId).then(
      (communities) => {
        this.generation++;
        for (const c of communities) this.drop(c);
      },
      // Unread, nothing is known: forget every community rather than keep one that changed.
      () => this.forget(),
    );
  }

  private async membersOf(communityId: string): Promise<Holder[]> {
    const kept = this.byCommunity.get(communityId);
    if (kept) {
      // Most recently used last.
      this.byCommunity.delete(communityId);
      this.byCommunity.set(communityId, kept);
      return kept;
    }
    const generation = this.generation;
    const read = (await this.source.members(communityId)).sort((a, b) =>
      a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0,
    );
    if (generation === this.generation) this.keep(communityId, read);
    return read;
  }

  private keep(communityId: string, holders: Holder[]): void {
    this.drop(communityId);
    if (holders.length > MAX_MEMBERS) return;
    while (this.kept + holders.length > MAX_MEMBERS && this.byCommunity.size)
      this.drop(this.byCommunity.keys().next().value!);
    this.byCommunity.set(communityId, holders);
    this.kept += holders.length;
  }

  private drop(communityId: string): void {
    const holders = this.byCommunity.get(communityId);
    if (!holders) return;
    this.byCommunity.delete(communityId);
    this.kept -= holders.length;
  }
}
