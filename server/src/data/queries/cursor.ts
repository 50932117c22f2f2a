import { badRequest } from '../../http/errors';
import type { MongoFilter } from '../records/filter';

type SortValue = string | number | boolean | null;

/** An opaque page cursor: the last row's sort values and id. */
export function encodeCursor(values: unknown[], id: string): string {
  return Buffer.from(
    JSON.stringify([values.map((v) => (v === undefined ? null : v)), id]),
  ).toString('base64url');
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

export function decodeCursor(raw: unknown, fields: number): { values: SortValue[]; id: string } {
  const fail = () => badRequest('The cursor is not valid.', { code: 'cursor' });
  if (typeof raw !== 'string' || raw.length > 2000) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw fail();
  const [values, id] = parsed as [unknown, unknown];
  if (!Array.isArray(values) || values.length !== fields || !values.every(isScalar)) throw fail();
  if (values.some((v) => typeof v === 'string' && v.length > 400)) throw fail();
  if (typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw fail();
  return { values: values as SortValue[], id };
}

export interface SortKey {
  field: string;
  dir: 1 | -1;
}

/** `field` strictly after `value` in direction `dir` (missing values sort first, as in MongoDB). */
function beyond(k: SortKey, value: SortValue): MongoFilter | null {
  if (value === null) return k.dir === 1 ? { [k.field]: { $ne: null } } : null;
  const cond: MongoFilter = { [k.field]: { [k.dir === 1 ? '$gt' : '$lt']: value } };
  return k.dir === 1 ? cond : { $or: [cond, { [k.field]: { $eq: null } }] };
}

/**
 * "After this row" for a compound sort, ending with `_id` in the last key's direction: for each
 * key, rows equal on the keys before it and beyond it. Built from declared sort fields and
 * scalars checked above, never from request text.
 */
export function afterCursor(
  keys: SortKey[],
  idDir: 1 | -1,
  c: { values: SortValue[]; id: string },
): MongoFilter {
  const branches: MongoFilter[] = [];
  const equal: MongoFilter[] = [];
  keys.forEach((k, i) => {
    const b = beyond(k, c.values[i]!);
    if (b) branches.push(equal.length ? { $and: [...equal, b] } : b);
    equal.push({ [k.field]: { $eq: c.values[i] } });
  });
  branches.push({ $and: [...equal, { _id: { [idDir === 1 ? '$gt' : '$lt']: c.id } }] });
  return { $or: branches };
}
