/** One difference between two portal versions, as the compare views list it. */
export interface DiffEntry {
  /** Readable location: `pages[home].blocks[notices].config.title` */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

function keyed(list: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const item of list) {
    const id = isObject(item) ? item.id : undefined;
    if (typeof id !== 'string' || map.has(id)) return null;
    map.set(id, item);
  }
  return map;
}

/**
 * Differences for people: lists of things with ids (pages, blocks, tabs) are matched by id, so
 * inserting a block shows one added block rather than every later block as changed.
 */
export function diffEntries(before: unknown, after: unknown, path = ''): DiffEntry[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before);
    const b = keyed(after);
    if (a && b) {
      const out: DiffEntry[] = [];
      for (const [id, item] of a) out.push(...diffEntries(item, b.get(id), `${path}[${id}]`));
      for (const [id, item] of b)
        if (!a.has(id)) out.push({ path: `${path}[${id}]`, kind: 'added', after: item });
      const order = (m: Map<string, unknown>, other: Map<string, unknown>) =>
        [...m.keys()].filter((k) => other.has(k)).join();
      if (order(a, b) !== order(b, a))
        out.push({
          path: `${path}(order)`,
          kind: 'changed',
          before: [...a.keys()],
          after: [...b.keys()],
        });
      return out;
    }
    if (before.length === after.length) {
      return before.flatMap((x, i) => diffEntries(x, after[i], `${path}[${i}]`));
    }
    return [{ path, kind: 'changed', before, after }];
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffEntries(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path, kind: 'changed', before, after }];
}
