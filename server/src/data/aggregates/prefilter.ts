import {
  addDays,
  localDate,
  parseDate,
  type CollectionDef,
  type Filter,
  type Period,
} from '@scene/schema';

const DAY_MS = 86_400_000;

/**
 * A condition on the range field that keeps the cursor to (about) the asked periods, so a year
 * of records is not streamed for one month's figure; the reducer then decides exactly.
 *
 * Stored dates compare as text: a `YYYY-MM-DD` field by local date, a timestamp by its ISO
 * text. A timestamp written with an offset reads as its local wall time, which is never more
 * than a day from UTC, so the bounds are a day wider than the periods.
 */
export function prefilter(
  def: CollectionDef,
  field: string,
  periods: Period[],
  timeZone: string,
): Filter {
  const from = Math.min(...periods.map((p) => p.from.getTime()));
  const to = Math.max(...periods.map((p) => p.to.getTime()));
  if (isDateOnly(def, field)) {
    const first = parseDate(localDate(new Date(from), timeZone))!;
    const last = parseDate(localDate(new Date(to), timeZone))!;
    return {
      all: [
        { field, op: 'gte', value: addDays(first, -1) },
        { field, op: 'lte', value: addDays(last, 1) },
      ],
    };
  }
  return {
    all: [
      { field, op: 'gte', value: new Date(from - DAY_MS).toISOString() },
      { field, op: 'lt', value: new Date(to + DAY_MS).toISOString() },
    ],
  };
}

/** Whether a record field holds a local date (`format: date`) rather than a timestamp. */
function isDateOnly(def: CollectionDef, field: string): boolean {
  let node = def.schema as { properties?: Record<string, unknown>; format?: unknown } | undefined;
  for (const part of field.split('.')) {
    const props = node?.properties;
    node =
      props && Object.prototype.hasOwnProperty.call(props, part)
        ? (props[part] as typeof node)
        : undefined;
  }
  return node?.format === 'date';
}
