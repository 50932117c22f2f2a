/**
 * Conversions between JSON Schema's RFC 3339 strings and what date/time inputs show. Values keep
 * the device's UTC offset so `format: date-time` and `format: time` validate.
 */

const pad = (n: number): string => String(Math.trunc(Math.abs(n))).padStart(2, '0');

export function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  return `${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

/** `2025-03-01T09:30` (a local datetime input) → `2025-03-01T09:30:00+08:00`. */
export function fromLocalDateTime(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  if (Number.isNaN(date.getTime())) return undefined;
  const seconds = local.length === 16 ? `${local}:00` : local.slice(0, 19);
  return `${seconds}${offsetOf(date)}`;
}

/** An RFC 3339 date-time → `YYYY-MM-DDTHH:mm` in the device's time zone. */
export function toLocalDateTime(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** `09:30` → `09:30:00+08:00`. */
export function fromLocalTime(local: string): string | undefined {
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined;
  const withSeconds = local.length === 5 ? `${local}:00` : local;
  return `${withSeconds}${offsetOf(new Date())}`;
}

/** `09:30:00+08:00` → `09:30` (the wall-clock part as written). */
export function toLocalTime(value: unknown): string {
  return typeof value === 'string' && /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : '';
}
