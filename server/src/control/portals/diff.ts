export interface JsonChange {
  op: 'add' | 'remove' | 'replace' | 'move';
  /** RFC 6901 pointer into the documents (the new one for add/replace/move). */
  pointer: string;
  /** For `move`: where the item was in the old document. */
  from?: string;
  before?: unknown;
  after?: unknown;
}

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * A JSON-pointer-level diff: the smallest subtrees that differ. Arrays compare by index, except
 * arrays of objects with unique `id`s (pages, blocks, tabs), which compare by id so that moving
 * one block does not report every block after it as changed.
 */
export function jsonDiff(
  a: unknown,
  b: unknown,
  pointer = '',
  out: JsonChange[] = [],
): JsonChange[] {
  if (out.length >= 1000) return out;
  if (Object.is(a, b)) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    const ida = idIndex(a);
    const idb = idIndex(b);
    if (ida && idb) {
      for (const [id, i] of ida) {
        const j = idb.get(id);
        if (j === undefined) out.push({ op: 'remove', pointer: `${pointer}/${i}`, before: a[i] });
        else {
          if (i !== j)
            out.push({ op: 'move', from: `${pointer}/${i}`, pointer: `${pointer}/${j}` });
          jsonDiff(a[i], b[j], `${pointer}/${j}`, out);
        }
      }
      for (const [id, j] of idb)
        if (!ida.has(id)) out.push({ op: 'add', pointer: `${pointer}/${j}`, after: b[j] });
      return out;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length) out.push({ op: 'add', pointer: `${pointer}/${i}`, after: b[i] });
      else if (i >= b.length) out.push({ op: 'remove', pointer: `${pointer}/${i}`, before: a[i] });
      else jsonDiff(a[i], b[i], `${pointer}/${i}`, out);
    }
    return out;
  }
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      const p = `${pointer}/${esc(k)}`;
      if (!Object.hasOwn(b, k)) out.push({ op: 'remove', pointer: p, before: a[k] });
      else jsonDiff(a[k], b[k], p, out);
    }
    for (const k of Object.keys(b)) {
      if (!Object.hasOwn(a, k))
        out.push({ op: 'add', pointer: `${pointer}/${esc(k)}`, after: b[k] });
    }
    return out;
  }
  out.push({ op: 'replace', pointer, before: a, after: b });
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function idIndex(list: unknown[]): Map<string, number> | undefined {
  const m = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const id = (list[i] as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || m.has(id)) return undefined;
    m.set(id, i);
  }
  return list.length ? m : undefined;
}
