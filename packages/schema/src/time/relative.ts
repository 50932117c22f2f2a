import { addDuration, parseDuration } from './duration';
import { fromLocal, localDate, localParts } from './zone';

/**
 * Anchors of relative date values (`{"var": "startOfMonth", "offset": "-P1M"}`), resolved from
 * (now, the community's time zone). Weeks start on Monday.
 */
export const TIME_ANCHORS = [
  'now',
  'today',
  'startOfDay',
  'startOfWeek',
  'startOfMonth',
  'startOfYear',
] as const;
export type TimeAnchor = (typeof TIME_ANCHORS)[number];

/**
 * What a relative value yields: a local `YYYY-MM-DD` date, an ISO UTC timestamp, or a local
 * `YYYY-MM` month (a key for per-month limits, e.g. subsidised meals per person per month).
 */
export type TimeAs = 'date' | 'timestamp' | 'month';
export const TIME_AS: readonly TimeAs[] = ['date', 'timestamp', 'month'];

export function isTimeAnchor(name: unknown): name is TimeAnchor {
  return typeof name === 'string' && (TIME_ANCHORS as readonly string[]).includes(name);
}

/**
 * The key under which filter vars carry the time zone they were computed in. Not a var name a
 * manifest can write (those are identifiers), so a plugin can neither read nor forge it.
 */
export const ZONE_VAR = '@timeZone';

/** The instant an anchor names at `now` in `timeZone`. */
export function anchorInstant(anchor: TimeAnchor, now: Date, timeZone: string): Date {
  if (anchor === 'now') return now;
  const p = localParts(now, timeZone);
  switch (anchor) {
    case 'today':
    case 'startOfDay':
      return fromLocal({ year: p.year, month: p.month, day: p.day }, timeZone);
    case 'startOfWeek': {
      const d = new Date(Date.UTC(p.year, p.month - 1, p.day - (p.weekday - 1)));
      return fromLocal(
        { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
        timeZone,
      );
    }
    case 'startOfMonth':
      return fromLocal({ year: p.year, month: p.month, day: 1 }, timeZone);
    case 'startOfYear':
      return fromLocal({ year: p.year, month: 1, day: 1 }, timeZone);
  }
}

/**
 * A relative date value: the anchor at (now, zone), moved by `offset`, given as a date (`today`'s
 * default) or a timestamp (every other anchor's default). Null when the offset is malformed.
 */
export function relativeValue(
  anchor: TimeAnchor,
  now: Date,
  timeZone: string,
  offset?: string,
  as?: TimeAs,
): string | null {
  let at = anchorInstant(anchor, now, timeZone);
  if (offset !== undefined) {
    const d = parseDuration(offset);
    if (!d) return null;
    at = addDuration(at, d, timeZone);
  }
  const kind = as ?? (anchor === 'today' ? 'date' : 'timestamp');
  if (kind === 'month') return localDate(at, timeZone).slice(0, 7);
  return kind === 'date' ? localDate(at, timeZone) : at.toISOString();
}

/** Every anchor's default value at (now, zone), plus the zone itself under `ZONE_VAR`. */
export function timeVars(now: Date, timeZone: string): Record<string, string> {
  const out: Record<string, string> = { [ZONE_VAR]: timeZone };
  for (const a of TIME_ANCHORS) out[a] = relativeValue(a, now, timeZone)!;
  return out;
}

/**
 * Resolves `{var, offset?, as?}` against vars made by `timeVars`: the anchor's instant is taken
 * back from the vars (`now` is the clock), so the browser and the server agree to the millisecond.
 */
export function resolveRelative(
  vars: Record<string, unknown>,
  anchor: TimeAnchor,
  offset?: string,
  as?: TimeAs,
): string | null {
  const zone = vars[ZONE_VAR];
  const now = vars.now;
  if (typeof zone !== 'string' || typeof now !== 'string') return null;
  const instant = new Date(now);
  if (Number.isNaN(instant.getTime())) return null;
  return relativeValue(anchor, instant, zone, offset, as);
}
