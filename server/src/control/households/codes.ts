import { randomInt } from 'node:crypto';
import { sha256 } from '../auth/secrets';
import type { ThrottlePolicy } from '../auth/throttle';

/** An invitation code holds for a day. */
export const INVITE_TTL_MS = 24 * 60 * 60 * 1000;
/** No 0/O/1/I/L: codes are read aloud over the phone and typed by elders. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const normalise = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
/** Guessing a code is rate limited per person: 31^8 codes, 10 tries per quarter hour. */
// Ten wrong codes per person, then a quarter of an hour's wait (the login throttle, counted per
// person: the "address" is the account, so one guesser never slows anyone else down).
export const CODE_TRIES: ThrottlePolicy = {
  freeFailures: 10,
  firstLockMs: 15 * 60_000,
  maxLockMs: 15 * 60_000,
  memoryMs: 15 * 60_000,
  addressFailures: 10,
  addressWindowMs: 15 * 60_000,
};

/** A new one-time code, `XXXX-XXXX`. */
export function newInviteCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** What is stored of a code: its hash, however it was spaced or cased when typed. */
export const codeHash = (code: string): string => sha256(normalise(code));
