import { isIPv6 } from 'node:net';
import type { AuthModels, LoginAttemptDoc } from './model';
import { tooManyRequests } from '../../http/errors';
import { newId } from './secrets';

export interface ThrottlePolicy {
  /** Failed logins for one account from one address before the backoff starts. */
  freeFailures: number;
  /** The wait after the last free failure; it doubles with every further failure. */
  firstLockMs: number;
  maxLockMs: number;
  /** How long failures for one (account, address) count. A success forgets them at once. */
  memoryMs: number;
  /** Failed logins one address may make across all accounts in `addressWindowMs`. */
  addressFailures: number;
  addressWindowMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 5,
  firstLockMs: 60_000,
  maxLockMs: 15 * 60_000,
  memoryMs: 24 * 3600_000,
  addressFailures: 10,
  addressWindowMs: 15 * 60_000,
};

/**
 * Login throttling that slows a guesser down without handing them a lock-out of the real person:
 * failures count per (account, source address), with a backoff that doubles after the free ones,
 * and per address across accounts (password spraying). A guesser elsewhere never delays the
 * owner's own login from their own address.
 *
 * Kept in the database so every server process sees the same state. Each attempt is one
 * inserted document, recorded *before* the password is checked, then judged with every other
 * attempt visible after that insert: the last of k concurrent attempts to insert sees all k, so
 * no more guesses get through than the rules allow however many arrive at once (a `$inc`ed
 * counter is not atomic on FerretDB v1: see db/claims.ts). A refused attempt takes its document
 * back; a success deletes the (account, address) failures; a failure's document stays.
 */
export class LoginThrottle {
  constructor(
    private readonly models: Pick<AuthModels, 'LoginAttempt'>,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /**
   * Records an attempt for `username` from `address` or refuses it with a 429 (and
   * `Retry-After`). Returns the attempt's id for `succeeded`.
   */
  async attempt(username: string, address: string, now = new Date()): Promise<string> {
    const { LoginAttempt } = this.models;
    // Expired attempts are swept here (no TTL indexes on FerretDB).
    await LoginAttempt.deleteMany({ at: { $lte: new Date(now.getTime() - this.longestMemory) } });
    this.judge(await this.recent(username, address, now), now);
    const mine: LoginAttemptDoc = { _id: newId(), username, address, at: now };
    await LoginAttempt.create(mine);
    const after = await this.recent(username, address, now);
    const others = (list: LoginAttemptDoc[]) => list.filter((d) => d._id !== mine._id);
    try {
      this.judge({ account: others(after.account), address: others(after.address) }, now);
    } catch (err) {
      await LoginAttempt.deleteOne({ _id: mine._id });
      throw err;
    }
    return mine._id;
  }

  /** The password was right: forget this account's failures from this address. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.models.LoginAttempt.deleteMany({ username, address });
  }

  /** Forget every attempt for an account (it was closed). */
  async forget(username: string): Promise<void> {
    await this.models.LoginAttempt.deleteMany({ username });
  }

  private get longestMemory(): number {
    return Math.max(this.policy.memoryMs, this.policy.addressWindowMs);
  }

  /** Attempts that still count, oldest first. */
  private async recent(
    username: string,
    address: string,
    now: Date,
  ): Promise<{ account: LoginAttemptDoc[]; address: LoginAttemptDoc[] }> {
    const { LoginAttempt } = this.models;
    const [account, fromAddress] = await Promise.all([
      LoginAttempt.find({
        username,
        address,
        at: { $gt: new Date(now.getTime() - this.policy.memoryMs) },
      }).lean(),
      LoginAttempt.find({
        address,
        at: { $gt: new Date(now.getTime() - this.policy.addressWindowMs) },
      }).lean(),
    ]);
    return { account: account.sort(byTime), address: fromAddress.sort(byTime) };
  }

  /** Throws a 429 when the attempts already made leave no room for one more now. */
  private judge(made: { account: LoginAttemptDoc[]; address: LoginAttemptDoc[] }, now: Date): void {
    const p = this.policy;
    const waits: number[] = [];
    const failures = made.account.length;
    if (failures >= p.freeFailures) {
      const lock = Math.min(p.maxLockMs, p.firstLockMs * 2 ** (failures - p.freeFailures));
      waits.push(made.account[failures - 1]!.at.getTime() + lock - now.getTime());
    }
    const sprayed = made.address.length;
    if (sprayed >= p.addressFailures) {
      // Room again when enough of these attempts have left the window.
      const leaving = made.address[sprayed - p.addressFailures]!;
      waits.push(leaving.at.getTime() + p.addressWindowMs - now.getTime());
    }
    const wait = Math.max(0, ...waits);
    if (wait > 0) {
      throw tooManyRequests('Too many failed logins. Try again later.', Math.ceil(wait / 1000));
    }
  }
}

const byTime = (a: LoginAttemptDoc, b: LoginAttemptDoc) => a.at.getTime() - b.at.getTime();

/**
 * The source address a throttle counts by: IPv4 as is (an IPv4-mapped IPv6 address included),
 * IPv6 by its /64, which one subscriber usually holds whole.
 */
export function sourceAddress(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'),
          ...tailGroups,
        ];
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}
