import { badRequest } from '../../http/errors';

/**
 * How the audit log is keyed so that a page is read by `_id` alone. The local database (FerretDB
 * v1) serves nothing but `{_id: value}` without fetching and sorting the whole collection, so a
 * `find().sort().limit()` page grew slower with every entry. Instead each entry is written under
 * `<scope>~<seq>`, its sequence number in its scope claimed by a unique insert (the next free
 * number wins, as every "exactly once" rule here), once in the platform's scope and once more in
 * its community's. A page is then the keys below the cursor, read by `_id`: its cost does not
 * depend on how long the log is, and on MongoDB it is the `_id` index.
 */
export const PLATFORM_SCOPE = 'all';
export const communityScope = (communityId: string) => `c:${communityId}`;

export function entryKey(scope: string, seq: number): string {
  return `${scope}~${String(seq).padStart(12, '0')}`;
}

const CURSOR = /^[1-9][0-9]{0,11}$/;

/** The cursor is the sequence number the next page starts below; anything else is a 400. */
export function parseCursor(cursor: string): number {
  if (!CURSOR.test(cursor)) throw badRequest('The cursor is not valid.');
  return Number(cursor);
}
