/**
 * The first `k` of `items` in `cmp`'s order: what a stable sort followed by `slice(0, k)` gives,
 * without sorting them all. A cached list's page of a person's own records (list-cache.ts) wants
 * 21 of her hundreds on every read (issue 18: the 8-minute soak's last minute spent a fifth of
 * its time sorting them); the community's whole lists are kept in order instead (sorted-view.ts).
 */
export function firstInOrder<T>(items: readonly T[], k: number, cmp: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (k <= 0) return top;
  for (const x of items) {
    // Not before the last kept: an equal one came later, so a stable sort puts it after.
    if (top.length === k && cmp(x, top[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}
