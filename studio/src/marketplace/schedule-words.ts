import {
  localize,
  parseDuration,
  resolveOffset,
  type PluginManifest,
  type ScheduleDef,
  type TimeOfDay,
} from '@scene/schema';

type T = (key: string, values?: Record<string, unknown>) => string;
const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;

/** `PT2H` → "2 小时" / "2 h"; `P1DT12H` → "1 天 12 小时". */
export function durationWords(iso: string, t: T): string {
  const d = parseDuration(iso);
  if (!d) return iso;
  return UNITS.filter((u) => d[u] > 0)
    .map((u) => t(`schedules.units.${u}`, { n: d[u] }))
    .join(' ');
}

function timeWords(time: TimeOfDay, config: Record<string, unknown>, t: T): string {
  if (typeof time === 'string') return time;
  const field = time.bind.slice('config.'.length);
  const value = field
    .split('.')
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], config);
  if (typeof value !== 'string') return t('schedules.unsetTime');
  return `${value}${t('schedules.configTime', { field })}`;
}

/** A record field as people read it: its schema title, or the words for a system field. */
function fieldWords(m: PluginManifest, def: ScheduleDef, field: string, t: T, locale: string) {
  if (field === 'createdAt' || field === 'updatedAt') return t(`schedules.systemFields.${field}`);
  const title = m.collections[def.collection]?.schema.properties?.[field]?.title;
  return title ? localize(title, locale) : field;
}

/** When a schedule runs, in words: "每周一、五 10:00", "2 h after the record’s "created"". */
export function scheduleWhen(
  m: PluginManifest,
  def: ScheduleDef,
  config: Record<string, unknown>,
  t: T,
  locale: string,
): string {
  if (def.at) {
    const time = timeWords(def.at.time, config, t);
    if (def.at.dayOfMonth) return t('schedules.monthly', { day: def.at.dayOfMonth, time });
    if (def.at.days)
      return t('schedules.weekly', {
        days: def.at.days.map((d) => t(`schedules.days.${d}`)).join(t('schedules.daySep')),
        time,
      });
    return t('schedules.daily', { time });
  }
  const after = def.after!;
  const iso = resolveOffset(after.offset, config);
  if (iso === null) return t('schedules.unsetOffset');
  const d = parseDuration(iso);
  const amount = durationWords(iso.replace(/^[+-]/, ''), t);
  const offset = !amount
    ? t('schedules.same')
    : t(d?.sign === -1 ? 'schedules.before' : 'schedules.later', { amount });
  let text = t('schedules.after', {
    offset,
    field: fieldWords(m, def, after.field, t, locale),
  });
  if (typeof after.offset !== 'string') {
    const key = after.offset.bind.slice('config.'.length);
    const title = m.config.properties?.[key]?.title;
    text += t('schedules.configOffset', { field: title ? localize(title, locale) : key });
  }
  return after.time
    ? `${text}${t('schedules.atTime', { time: timeWords(after.time, config, t) })}`
    : text;
}
