/**
 * Every key that comes from a request, a stored document or a vendor's manifest (plugin ids,
 * collection, action and query names, field and config paths) is looked up as an *own*
 * property: a plain `obj[key]` would answer `constructor`, `toString` or `__proto__` from
 * Object.prototype and turn a bad name into a 500 (or worse) instead of "not found".
 */
export function own<T>(
  record: Readonly<Record<string, T>> | undefined | null,
  key: string,
): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Follows a path of own properties through plain data; undefined where it leaves the data. */
export function ownPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = own(current as Record<string, unknown>, key);
  }
  return current;
}
