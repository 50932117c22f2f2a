import type { AuthModels } from './model';
import { tooManyRequests } from '../http/errors';

export interface ThrottlePolicy {
  /** Failed attempts allowed in one window before the username is locked. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/**
 * Login rate limit and lock-out, kept in the database as one document per username so every
 * server process sees the same count. Each attempt is counted *before* the password is checked
 * (one atomic `$inc`), so parallel guesses cannot slip past the limit; a success clears it.
 */
export class LoginThrottle {
  constructor(
    private readonly models: AuthModels,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** Counts an attempt; throws 429 when the username is locked or has just used up its tries. */
  async attempt(username: string, now = new Date()): Promise<void> {
    const { LoginThrottle: T } = this.models;
    const windowFloor = new Date(now.getTime() - this.policy.windowMs);
    let doc = await T.findOneAndUpdate(
      { _id: username, windowStart: { $gt: windowFloor } },
      { $inc: { failures: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!doc) {
      // No window yet, or it expired: start a new one. Two racing starts meet on the _id; the
      // loser counts in the window the winner opened.
      try {
        doc = await T.findOneAndUpdate(
          { _id: username, windowStart: { $lte: windowFloor } },
          { $set: { failures: 1, windowStart: now } },
          { returnDocument: 'after' },
        ).lean();
        doc ??= (await T.create({ _id: username, failures: 1, windowStart: now })).toObject();
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        doc = await T.findOneAndUpdate(
          { _id: username },
          { $inc: { failures: 1 } },
          { returnDocument: 'after' },
        ).lean();
      }
    }
    if (!doc) return;
    if (doc.lockedUntil && doc.lockedUntil > now) throw locked(doc.lockedUntil, now);
    if (doc.failures > this.policy.maxFailures) {
      const until = new Date(now.getTime() + this.policy.lockMs);
      await T.updateOne(
        { _id: username, $or: [{ lockedUntil: null }, { lockedUntil: { $lte: now } }] },
        { $set: { lockedUntil: until } },
      );
      throw locked(until, now);
    }
  }

  /** A successful login forgets the failures. */
  async succeeded(username: string): Promise<void> {
    await this.models.LoginThrottle.deleteOne({ _id: username });
  }
}

function locked(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return tooManyRequests('Too many failed logins. Try again later.', seconds);
}
