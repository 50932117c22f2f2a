/**
 * True for a unique-key violation on insert: the one way the project tells "someone else got
 * there first" (FerretDB answers code 1, not 11000, for a violation through an update, which is
 * why no rule relies on conditional updates; see claims.ts).
 */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === 11000;
}
