// manifestVersion 2: a create action refused for a while after the caller's repeated records of
// a kind — "3 no-shows within 30 days pause new bookings for 14 days" (std.shared-spaces). The
// server keeps, per person, the list of their records that matched (read by one key, never a
// scan); the pause and the words that name its end are computed here, for every reader alike.
import { addDays, parseDate } from '../../time/zone';
import type { Filter } from '../../filter/types';
import type { LocalizedText, Notify } from '../types';

/** A number in the manifest, or the operator's setting (`{"bind": "config.noShowLimit"}`). */
export type GuardNumber = number | { bind: string };

/**
 * `"guard": {"id": "noShows", "where": {"field": "status", "op": "eq", "value": "noShow"},
 * "date": "date", "atLeast": {"bind": "config.noShowLimit"}, "withinDays": 30, "pauseDays": 14,
 * "message": {…"{until}"…}, "notify": […], "lift": {"roles": ["plugin:spaceStaff"]}}`.
 */
export interface GuardDef {
  /** Names the guard (unique in the plugin): the key of each person's tally and of a lift. */
  id: string;
  /** Whose records count: this collection's (default: the action's), created by the person. */
  collection?: string;
  /** Which of them count (a no-show). */
  where: Filter;
  /** The local day each counts on: a `format: "date"` field, or a timestamp read in the zone. */
  date: string;
  /** How many within `withinDays` days pause the action; 0 (or unset config) switches it off. */
  atLeast: GuardNumber;
  withinDays: GuardNumber;
  /** How long, in days from the day of the record that reached `atLeast`. */
  pauseDays: GuardNumber;
  /** The refusal (409 `paused`); `{until}` reads as the day the action opens again. */
  message?: LocalizedText;
  /** Sent about the record that starts a pause; `{until}` in title and body as in `message`. */
  notify?: Notify[];
  /** Who may end a person's pause early, with a note (audited). */
  lift?: { roles: string[] };
}

/** One counted record in a person's tally: which, its local day, when it was counted. */
export interface GuardEntry {
  id: string;
  day: string;
  at: string;
}

/** A guard's numbers, resolved: off when `atLeast` is not a positive whole number. */
export interface GuardRule {
  atLeast: number;
  withinDays: number;
  pauseDays: number;
}

const whole = (v: unknown): number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 0;

/** The guard's numbers from the manifest or the configuration; undefined when it is off. */
export function guardRule(def: GuardDef, read: (bind: string) => unknown): GuardRule | undefined {
  const n = (v: GuardNumber) => whole(typeof v === 'number' ? v : read(v.bind));
  const rule = {
    atLeast: n(def.atLeast),
    withinDays: n(def.withinDays),
    pauseDays: n(def.pauseDays),
  };
  return rule.atLeast && rule.withinDays && rule.pauseDays ? rule : undefined;
}

/**
 * The day the action opens again (a local date), or undefined when nothing pauses it: each
 * record that brings the count of records on its day and the `withinDays - 1` days before to
 * `atLeast` pauses the action until its day + `pauseDays`; the latest such day wins. Whether
 * that day is still ahead is the caller's question (compare with today).
 */
export function pauseEnds(
  entries: readonly { day: string }[],
  rule: GuardRule,
): string | undefined {
  const days = entries
    .map((e) => e.day)
    .filter((d) => parseDate(d))
    .sort();
  let until: string | undefined;
  for (let i = 0; i < days.length; i++) {
    const from = addDays(parseDate(days[i])!, 1 - rule.withinDays);
    const within = days.slice(0, i + 1).filter((d) => d >= from).length;
    if (within < rule.atLeast) continue;
    const ends = addDays(parseDate(days[i])!, rule.pauseDays);
    if (!until || ends > until) until = ends;
  }
  return until;
}

/** A local date in words without the year: `12月14日`, `14 Dec`. */
export function dayWords(day: string, locale: 'zh-CN' | 'en'): string {
  const d = parseDate(day);
  if (!d) return day;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'UTC',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
  }).format(new Date(Date.UTC(d.year, d.month - 1, d.day)));
}

/** A text with `{until}` read as the day in words, in each language. */
export function withUntil(text: LocalizedText, day: string): LocalizedText {
  return {
    'zh-CN': text['zh-CN'].replaceAll('{until}', dayWords(day, 'zh-CN')),
    en: text.en.replaceAll('{until}', dayWords(day, 'en')),
  };
}

/** The platform's words when the plugin gives none. */
export const PAUSED_MESSAGE: LocalizedText = {
  'zh-CN': '暂时不能办理，{until} 起可以再办理。',
  en: 'This is paused for you; you can do it again from {until}.',
};
