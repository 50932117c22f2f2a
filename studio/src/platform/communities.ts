import type { Community, CommunityInput } from '@scene/client';

export const COMMUNITY_ID = /^[a-z0-9-]{3,40}$/;

export function emptyCommunity(): CommunityInput {
  return { id: '', name: '', city: '', district: '', type: 'new-build', enabledScenes: [] };
}

export function toInput(c: Community): CommunityInput {
  return {
    id: c.id,
    name: c.name,
    city: c.city,
    district: c.district,
    type: c.type,
    enabledScenes: [...c.enabledScenes],
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
  const a = [...(after.enabledScenes ?? [])].sort().join();
  const b = [...(before.enabledScenes ?? [])].sort().join();
  if (a !== b) out.enabledScenes = after.enabledScenes;
  return out;
}

/** Required fields missing, by field name. */
export function missingFields(input: CommunityInput, creating: boolean): string[] {
  const missing = (['name', 'city', 'district'] as const).filter((k) => !input[k].trim());
  return creating && !COMMUNITY_ID.test(input.id) ? ['id', ...missing] : missing;
}
