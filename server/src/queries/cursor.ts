import { badRequest } from '../http/errors';
import type { MongoFilter } from '../records/filter';

type SortValue = string | number | boolean | null;

/** An opaque page cursor: the last row's sort value and id. */
export function encodeCursor(value: unknown, id: string): string {
  const v = value === undefined ? null : value;
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export function decodeCursor(raw: unknown): { value: SortValue; id: string } {
  const fail = () => badRequest('The cursor is not valid.', { code: 'cursor' });
  if (typeof raw !== 'string' || raw.length > 600) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw fail();
  const [value, id] = parsed as [unknown, unknown];
  const scalar = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (!scalar || typeof id !== 'string' || !/^[0-9a-f]{24}$/.test(id)) throw fail();
  if (typeof value === 'string' && value.length > 400) throw fail();
  return { value: value as SortValue, id };
}

/**
 * "After this row" for a sort on `field` then `_id`, in the same direction. Built here from a
 * declared sort field and a scalar (checked above), never from request text; missing values
 * sort first, as in MongoDB.
 */
export function afterCursor(
  field: string,
  dir: 1 | -1,
  c: { value: SortValue; id: string },
): MongoFilter {
  const idCmp = dir === 1 ? '$gt' : '$lt';
  if (field === '_id') return { _id: { [idCmp]: c.id } };
  if (c.value === null) {
    const sameNull = { [field]: { $eq: null }, _id: { [idCmp]: c.id } };
    return dir === 1 ? { $or: [sameNull, { [field]: { $ne: null } }] } : sameNull;
  }
  const beyond = { [field]: { [idCmp]: c.value } };
  const same = { [field]: { $eq: c.value }, _id: { [idCmp]: c.id } };
  const or: MongoFilter[] = [beyond, same];
  if (dir === -1) or.push({ [field]: { $eq: null } });
  return { $or: or };
}
