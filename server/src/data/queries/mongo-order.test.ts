import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { afterCursor, type SortKey } from './cursor';
import { compareSortValues, matchesMongo, sortValue } from './mongo-order';

// The list cache sorts and pages in memory; here the same documents are sorted and paged by the
// database itself, with awkward values: missing, null, numbers and strings in one field,
// booleans, astral characters (JavaScript's < disagrees with the database there), arrays.
const db = useTestDatabase('mongo-order');
const values: unknown[] = [
  undefined,
  null,
  0,
  -1.5,
  7,
  '',
  'a',
  'B',
  '中',
  '\u{ff5e}',
  '\u{1f600}',
  true,
  false,
  [3, 'x'],
];
interface Doc {
  _id: string;
  k?: unknown;
  t: number;
}
const docs: Doc[] = [];

beforeAll(async () => {
  let i = 0;
  for (const k of values)
    for (const t of [1, 2]) {
      const _id = (++i).toString(16).padStart(24, '0');
      docs.push(k === undefined ? { _id, t } : { _id, k, t });
    }
  await db.connection().collection<Doc>('order').insertMany(docs);
});

function inMemory(keys: SortKey[], idDir: 1 | -1, rows: Doc[]): string[] {
  return [...rows]
    .sort((a, b) => {
      for (const k of keys) {
        const c = compareSortValues(sortValue(a, k.field, k.dir), sortValue(b, k.field, k.dir));
        if (c !== 0) return c * k.dir;
      }
      return (a._id < b._id ? -1 : 1) * idDir;
    })
    .map((d) => d._id);
}

describe('the database order, in memory', () => {
  for (const dir of [1, -1] as const) {
    it(`sorts and pages as the database does (${dir === 1 ? 'ascending' : 'descending'})`, async () => {
      const col = db.connection().collection<Doc>('order');
      const keys: SortKey[] = [
        { field: 'k', dir },
        { field: 't', dir: -dir as 1 | -1 },
      ];
      const sort = { k: dir, t: -dir, _id: dir } as Record<string, 1 | -1>;
      const byDb = (await col.find({}, { sort }).toArray()).map((d) => d._id);
      expect(inMemory(keys, dir, docs)).toEqual(byDb);
      // After each row (as a page cursor names it), the database and memory agree on the rest.
      for (const d of docs) {
        if (Array.isArray(d.k)) continue; // a cursor names scalars only
        const after = afterCursor(keys, dir, {
          values: [(d.k ?? null) as string | null, d.t],
          id: d._id,
        });
        const rest = (await col.find(after, { sort }).toArray()).map((r) => r._id);
        expect(
          inMemory(
            keys,
            dir,
            docs.filter((r) => matchesMongo(after, r)),
          ),
        ).toEqual(rest);
      }
    }, 120_000);
  }
});
