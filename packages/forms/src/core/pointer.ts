/** JSON pointers (RFC 6901) and immutable reads/writes of a form value by pointer. */

export function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function joinPointer(base: string, key: string | number): string {
  return `${base}/${escapeSegment(String(key))}`;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  return body
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Normalizes `#/a/b` (URI fragment form) and `/a/b` to `/a/b`. */
export function normalizePointer(pointer: string): string {
  return parsePointer(pointer)
    .map((s) => `/${escapeSegment(s)}`)
    .join('');
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getAt(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isRecord(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/**
 * A copy of `value` with `next` at `pointer`, sharing every untouched branch. Missing objects on
 * the way are created; `undefined` removes an object property (an emptied optional field is
 * absent, not `""`), and in an array it leaves a hole-free `undefined` slot replaced as given.
 */
export function setAt(value: unknown, pointer: string, next: unknown): unknown {
  return setPath(value, parsePointer(pointer), next);
}

function setPath(value: unknown, path: string[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string, ...string[]];
  if (UNSAFE.has(head)) throw new Error(`unsafe pointer segment: ${head}`);
  if (Array.isArray(value)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index > value.length) return value;
    const copy = value.slice();
    copy[index] = setPath(value[index], rest, next);
    return copy;
  }
  const obj = isRecord(value) ? value : {};
  const child = setPath(obj[head], rest, next);
  if (child === undefined) {
    if (!(head in obj)) return obj;
    const { [head]: _removed, ...others } = obj;
    return others;
  }
  return { ...obj, [head]: child };
}
