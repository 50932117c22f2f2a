import type { Page, RecordDoc } from './data-source';

/**
 * Rows from an `items` binding (a config array) shaped like records: each gets an `_id` (its
 * own `id`, else its position) so rows have stable keys and `item._id` bindings work.
 */
export function staticPage(items: unknown): Page<RecordDoc> | undefined {
  if (!Array.isArray(items)) return undefined;
  return {
    items: items
      .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
      .map((x, i) => ({ ...x, _id: String(x._id ?? x.id ?? i) })),
    nextCursor: null,
  };
}
