import type { AuthModels } from './model';
import { tooManyRequests } from '../../http/errors';
import { newId } from './secrets';

export interface ThrottlePolicy {
  /** Failed attempts allowed in one sliding window; more locks the username until they age out. */
  maxFailures: number;
  windowMs: number;
}
export const DEFAULT_THROTTLE: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000 };

/**
 * Login rate limit and temporary lock-out, kept in the database so every server process sees
 * the same state. Each attempt is one inserted document, recorded *before* the password is
 * checked, then counted: the k-th concurrent attempt always counts at least k, so no more than
 * `maxFailures` guesses get through in a window however many arrive at once. (A single counter
 * document with `$inc` would be the obvious design, but FerretDB v1 does not apply `$inc`
 * atomically — see db/claims.ts.) A success clears the username's attempts.
 */
export class LoginThrottle {
  constructor(
    private readonly models: Pick<AuthModels, 'LoginAttempt'>,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  async attempt(username: string, now = new Date()): Promise<void> {
    const { LoginAttempt } = this.models;
    const floor = new Date(now.getTime() - this.policy.windowMs);
    // Expired attempts are swept here (no TTL indexes on FerretDB).
    await LoginAttempt.deleteMany({ username, at: { $lte: floor } });
    await this.refuseWhenLocked(username, floor, now);
    await LoginAttempt.create({ _id: newId(), username, at: now });
    await this.refuseWhenLocked(username, floor, now, 1);
  }

  private async refuseWhenLocked(
    username: string,
    floor: Date,
    now: Date,
    mine = 0,
  ): Promise<void> {
    const recent = await this.models.LoginAttempt.find({ username, at: { $gt: floor } }, { at: 1 })
      .sort({ at: -1 })
      .limit(this.policy.maxFailures + 1)
      .lean();
    if (recent.length <= this.policy.maxFailures - 1 + mine) return;
    // Locked until the oldest of the last `maxFailures` attempts leaves the window.
    const oldest = recent[Math.min(recent.length, this.policy.maxFailures) - 1]!.at;
    const seconds = Math.max(
      1,
      Math.ceil((oldest.getTime() + this.policy.windowMs - now.getTime()) / 1000),
    );
    throw tooManyRequests('Too many failed logins. Try again later.', seconds);
  }

  async succeeded(username: string): Promise<void> {
    await this.models.LoginAttempt.deleteMany({ username });
  }
}
