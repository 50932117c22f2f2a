// Visitors (no membership in the community) on actions open to them (`once.visitors`): the
// participation cookie that stands for their browser, and a per-address limit on their writes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from '../../control/auth/caller';
import { HttpError } from '../../http/errors';

export const VISITOR_COOKIE = 'scene_visitor';

/** 16 random bytes and an HMAC-SHA256 over them, both base64url (22 + 43 characters). */
const ID_LENGTH = 22;
const SIG_LENGTH = 43;
/** A browser keeps its id for a year: long enough to outlast any survey round. */
const COOKIE_DAYS = 365;

function sign(secret: string, id: string): string {
  return createHmac('sha256', secret).update(`visitor|${id}`).digest('base64url');
}

/**
 * The visitor's browser id from its signed cookie, or a new one (set on the answer) when the
 * cookie is missing, malformed or not signed by this server — a forged cookie is a new browser,
 * never an error. The id names no account and is stored nowhere: only the `once` claim's keyed
 * hash is derived from it.
 */
export function visitorId(req: Request, res: Response, secret: string, secure: boolean): string {
  const known = readVisitorId(req, secret);
  if (known) return known;
  const id = randomBytes(16).toString('base64url');
  res.cookie(VISITOR_COOKIE, id + sign(secret, id), {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/api/',
    maxAge: COOKIE_DAYS * 86_400_000,
  });
  return id;
}

/** The browser id of a valid participation cookie, else undefined (nothing is set). */
export function readVisitorId(req: Request, secret: string): string | undefined {
  const value = readCookie(req, VISITOR_COOKIE);
  if (!value || value.length !== ID_LENGTH + SIG_LENGTH) return undefined;
  const id = value.slice(0, ID_LENGTH);
  const given = Buffer.from(value.slice(ID_LENGTH));
  const wanted = Buffer.from(sign(secret, id));
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? id : undefined;
}

export interface VisitorWritePolicy {
  /** Writes one address may make as a visitor within `windowMs`. */
  max: number;
  windowMs: number;
}

export const DEFAULT_VISITOR_WRITES: VisitorWritePolicy = { max: 30, windowMs: 10 * 60_000 };

/**
 * Visitor writes per source address in a fixed window. Kept in the process's memory: it is a
 * brake on a script filling a survey from one address (a new browser is only a cleared cookie
 * away), not an "at most N" rule, and it must cost no database round trip on the way in. With
 * several server processes each counts its own share.
 */
export class VisitorWriteLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly policy: VisitorWritePolicy = DEFAULT_VISITOR_WRITES) {}

  /** Counts one write from `address` or refuses it with a 429 and `Retry-After`. */
  take(address: string, now = Date.now()): void {
    const w = this.windows.get(address);
    if (!w || now - w.start >= this.policy.windowMs) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(address, { start: now, count: 1 });
      return;
    }
    if (w.count >= this.policy.max) {
      const wait = Math.ceil((w.start + this.policy.windowMs - now) / 1000);
      throw new HttpError(
        429,
        'too_many_requests',
        'Too many answers from this network as a visitor; try again later or sign in.',
        {
          retryAfterSeconds: Math.max(1, wait),
          code: 'too_many_visitor_writes',
          message: {
            'zh-CN': '此网络提交过于频繁，请稍后再试，或登录后提交。',
            en: 'Too many answers from this network. Please try again later, or sign in.',
          },
        },
      );
    }
    w.count++;
  }

  private sweep(now: number): void {
    for (const [a, w] of this.windows)
      if (now - w.start >= this.policy.windowMs) this.windows.delete(a);
  }
}
