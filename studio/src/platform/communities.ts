import type { Community, CommunityInput } from '@scene/client';
import { DEFAULT_TIME_ZONE } from '@scene/schema';

export const COMMUNITY_ID = /^[a-z0-9-]{3,40}$/;

export function emptyCommunity(): CommunityInput {
  return {
    id: '',
    name: '',
    city: '',
    district: '',
    type: 'new-build',
    enabledScenes: [],
    timeZone: DEFAULT_TIME_ZONE,
  };
}

export function toInput(c: Community): CommunityInput {
  return {
    id: c.id,
    name: c.name,
    city: c.city,
    district: c.district,
    type: c.type,
    enabledScenes: [...c.enabledScenes],
    timeZone: c.timeZone,
  };
}

/** The fields that changed (PATCH sends only those); empty when nothing did. */
export function changedFields(
  before: CommunityInput,
  after: CommunityInput,
): Partial<Omit<CommunityInput, 'id'>> {
  const out: Partial<Omit<CommunityInput, 'id'>> = {};
  if (after.name !== before.name) out.name = after.name;
  if (after.city !== before.city) out.city = after.city;
  if (after.district !== before.district) out.district = after.district;
  if (after.type !== before.type) out.type = after.type;
  if (after.timeZone !== before.timeZone) out.timeZone = after.timeZone;
  const a = [...(after.enabledScenes ?? [])].sort().join();
  const b = [...(before.enabledScenes ?? [])].sort().join();
  if (a !== b) out.enabledScenes = after.enabledScenes;
  return out;
}

/** IANA zones to pick from: what this browser knows, mainland China's first. */
export function timeZoneOptions(current?: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([DEFAULT_TIME_ZONE, ...(current ? [current] : []), ...known])];
}

/** A zone as people name it in their language, with its id: "中国标准时间（Asia/Shanghai）". */
export function timeZoneLabel(zone: string, locale: string): string {
  try {
    const name = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: zone,
      timeZoneName: 'long',
    })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    return name ? `${name} (${zone})` : zone;
  } catch {
    return zone;
  }
}

/** Required fields missing, by field name. */
export function missingFields(input: CommunityInput, creating: boolean): string[] {
  const missing = (['name', 'city', 'district'] as const).filter((k) => !input[k].trim());
  return creating && !COMMUNITY_ID.test(input.id) ? ['id', ...missing] : missing;
}
