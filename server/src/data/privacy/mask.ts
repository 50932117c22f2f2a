import type { PersonalField } from '@scene/schema';

/** Where a personal field sits in a record (`photos.*.name` style, `*` = every array element). */
export type PiiField = PersonalField;

const stars = (n: number) => '*'.repeat(Math.max(n, 1));

/** Masks one value by its kind, following the conventions in DOMAIN.md. */
export function maskValue(kind: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value !== 'string') return '***';
  const s = [...value]; // code points, so Chinese names mask per character
  switch (kind) {
    case 'phone':
      return s.length >= 7
        ? `${s.slice(0, 3).join('')}****${s.slice(-4).join('')}`
        : stars(s.length);
    case 'id-number':
      return s.length >= 8
        ? `${s.slice(0, 6).join('')}${stars(s.length - 8)}${s.slice(-2).join('')}`
        : stars(s.length);
    case 'name':
      // Keep the surname; three or more characters also keep the last one (张*丰).
      if (s.length <= 1) return '*';
      if (s.length === 2) return `${s[0]}*`;
      return `${s[0]}${stars(s.length - 2)}${s[s.length - 1]}`;
    case 'address': {
      // Keep the building-level prefix (3幢 / 5栋 / 2号楼 / Bldg 3), hide unit and room.
      const m = /^(.*?(?:幢|栋|号楼|座|楼|bldg\.?\s*\d+|building\s*\d+))/i.exec(value);
      const keep = m ? m[1]! : s.slice(0, Math.min(2, Math.floor(s.length / 3))).join('');
      return `${keep}****`;
    }
    case 'email': {
      const at = value.indexOf('@');
      return at > 0 ? `${value[0]}***${value.slice(at)}` : stars(s.length);
    }
    default:
      // health, minor, location, other: nothing of it is shown
      return '******';
  }
}

function maskAt(target: unknown, path: string[], kind: string): void {
  if (typeof target !== 'object' || target === null) return;
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (head === '*') {
    if (!Array.isArray(target)) return;
    if (rest.length === 0) target.forEach((v, i) => (target[i] = maskValue(kind, v)));
    else target.forEach((el) => maskAt(el, rest, kind));
    return;
  }
  const obj = target as Record<string, unknown>;
  if (!Object.hasOwn(obj, head)) return;
  if (rest.length === 0) obj[head] = maskValue(kind, obj[head]);
  else maskAt(obj[head], rest, kind);
}

/** Masks the personal fields of a record view in place and returns it. */
export function maskRecord<T extends Record<string, unknown>>(view: T, fields: PiiField[]): T {
  for (const f of fields) maskAt(view, f.path, f.kind);
  return view;
}
