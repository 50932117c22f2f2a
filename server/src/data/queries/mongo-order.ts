import { deepEqual } from '@scene/schema';
import type { MongoFilter } from '../records/filter';

/**
 * The database's order and the page cursor's filter, evaluated in memory for the list cache
 * (list-cache.ts), so a cached page is the page the database would answer: MongoDB's order of
 * types (missing and null, numbers, strings, objects, arrays, booleans), strings by code point
 * (as UTF-8 bytes compare), an array field sorting by its least element ascending and its
 * greatest descending, and comparisons only within one type.
 */

function rank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'object') return 4;
  if (typeof v === 'boolean') return 8;
  return 10;
}

/** Strings in code point order (JavaScript's `<` compares UTF-16 units: astral characters differ). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) stand for code points above U+FFFF: they sort after U+E000–FFFF.
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : 1;
}

export function compareSortValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra === 2) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ra === 3) return compareStrings(a as string, b as string);
  if (ra === 8) return a === b ? 0 : a ? 1 : -1;
  if (ra === 4 || ra === 5) return compareStrings(JSON.stringify(a), JSON.stringify(b));
  return 0;
}

/** The values a dotted path reaches, through arrays of objects as MongoDB walks them. */
function reach(doc: unknown, parts: string[]): unknown[] {
  if (parts.length === 0) return [doc];
  if (Array.isArray(doc)) return doc.flatMap((el) => reach(el, parts));
  if (typeof doc !== 'object' || doc === null) return [];
  const [head, ...rest] = parts as [string, ...string[]];
  if (!Object.hasOwn(doc, head)) return [];
  const next = (doc as Record<string, unknown>)[head];
  return next === undefined ? [] : reach(next, rest);
}

/** What a document sorts by on `field` in direction `dir` (an array by its least or greatest element). */
export function sortValue(doc: unknown, field: string, dir: 1 | -1): unknown {
  // A top-level field holding one value (every sort key of the standard plugins): what `reach`
  // gives, without its arrays, for each record of every cached page.
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && !field.includes('.')) {
    const v = Object.hasOwn(doc, field) ? (doc as Record<string, unknown>)[field] : undefined;
    if (v === undefined) return null;
    if (!Array.isArray(v)) return v;
  }
  const found = reach(doc, field.split('.'));
  const flat = found.flatMap((v) => (Array.isArray(v) ? (v.length ? v : [undefined]) : [v]));
  if (found.length === 1 && !Array.isArray(found[0])) return found[0];
  if (flat.length === 0) return null;
  return flat.reduce((best, v) => (compareSortValues(v, best) * dir < 0 ? v : best));
}

/** Candidates a condition tests: each value reached and, for an array, each of its elements. */
function candidates(doc: unknown, field: string): { found: boolean; values: unknown[] } {
  const found = reach(doc, field.split('.'));
  return {
    found: found.length > 0,
    values: found.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v])),
  };
}

function sameType(x: unknown, v: unknown): boolean {
  return rank(x) === rank(v) && rank(v) !== 1;
}

function condition(doc: unknown, field: string, ops: Record<string, unknown>): boolean {
  const { found, values } = candidates(doc, field);
  return Object.entries(ops).every(([op, v]) => {
    const eq = () =>
      v === null ? !found || values.some((x) => x === null) : values.some((x) => deepEqual(x, v));
    switch (op) {
      case '$eq':
        return eq();
      case '$ne':
        return !eq();
      case '$gt':
        return values.some((x) => sameType(x, v) && compareSortValues(x, v) > 0);
      case '$lt':
        return values.some((x) => sameType(x, v) && compareSortValues(x, v) < 0);
      default:
        throw new Error(`matchesMongo: ${op} is not used by page cursors`);
    }
  });
}

/** Whether `doc` matches a page cursor's filter (`afterCursor`: `$or`, `$and`, `$eq`, `$ne`, `$gt`, `$lt`). */
export function matchesMongo(filter: MongoFilter, doc: unknown): boolean {
  return Object.entries(filter).every(([k, v]) => {
    if (k === '$or') return (v as MongoFilter[]).some((f) => matchesMongo(f, doc));
    if (k === '$and') return (v as MongoFilter[]).every((f) => matchesMongo(f, doc));
    return condition(doc, k, v as Record<string, unknown>);
  });
}
