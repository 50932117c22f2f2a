import { joinPointer, parsePointer } from '../core/pointer';

/** Whether an error at `pointer` shows: the field, something inside it or its list was touched. */
export function shownAt(pointer: string, touched: ReadonlySet<string>): boolean {
  for (const t of touched) {
    if (t === pointer || t.startsWith(`${pointer}/`)) return true;
  }
  return false;
}

/**
 * Moves per-item marks along when a list's items are removed or reordered, so item 3's
 * "touched" follows item 3. `map` gives an index's new index, or `undefined` when it is gone.
 */
export function remapIndexes(
  marks: ReadonlySet<string>,
  listPointer: string,
  map: (index: number) => number | undefined,
): Set<string> {
  const depth = parsePointer(listPointer).length;
  const out = new Set<string>();
  for (const mark of marks) {
    if (!mark.startsWith(`${listPointer}/`)) {
      out.add(mark);
      continue;
    }
    const segments = parsePointer(mark);
    const next = map(Number(segments[depth]));
    if (next === undefined) continue;
    const rest = segments.slice(depth + 1).reduce((p, s) => joinPointer(p, s), '');
    out.add(`${joinPointer(listPointer, next)}${rest}`);
  }
  return out;
}
