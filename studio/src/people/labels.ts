import {
  localize,
  PEOPLE_LABELS,
  type AgeBand,
  type FamilyRelation,
  type HouseholdRole,
} from '@scene/schema';
import type { Member } from '@scene/client';

/** The labels of the people vocabulary (shared with the portal) in the studio's language. */
export const ageBandLabel = (v: AgeBand, locale: string) =>
  localize(PEOPLE_LABELS.ageBand[v], locale);
export const householdRoleLabel = (v: HouseholdRole, locale: string) =>
  localize(PEOPLE_LABELS.householdRole[v], locale);
export const relationLabel = (v: FamilyRelation | 'caredFor', locale: string) =>
  localize(PEOPLE_LABELS.relation[v], locale);

/** "5幢 1单元", or '' when neither is recorded. */
export function placeOf(m: Pick<Member, 'attributes'>): string {
  return [m.attributes.building, m.attributes.unit].filter(Boolean).join(' ');
}
