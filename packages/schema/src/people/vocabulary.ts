// People in a community beyond their role: the attributes an operator records per member (for
// eligibility rules) and the family links members make between themselves (for acting for a
// relative). Shared by the server, the studio and the resident portal, so the values and their
// labels cannot disagree.
import type { LocalizedText } from '../manifest/types';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** An age band, never a birth date: enough for "60 and over" rules, and nothing more. */
export const AGE_BANDS = ['under-18', '18-59', '60-69', '70-79', '80+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age bands of elderly members (elder services, elder mode on by default). */
export const ELDER_AGE_BANDS: readonly AgeBand[] = ['60-69', '70-79', '80+'];

export const HOUSEHOLD_ROLES = ['owner', 'tenant', 'family'] as const;
export type HouseholdRole = (typeof HOUSEHOLD_ROLES)[number];

/** The attributes of a member, as filter paths (`member.ageBand`) and vars (`{var: "member.building"}`). */
export const MEMBER_ATTRIBUTES = ['ageBand', 'building', 'unit', 'householdRole', 'tags'] as const;
export const MEMBER_LIMITS = {
  /** `building`, `unit`: e.g. 5幢, 1单元. */
  placeLength: 20,
  maxTags: 10,
  tagLength: 12,
} as const;

/** What an operator records of a member; every part optional (minimal data). */
export interface MemberAttributes {
  ageBand?: AgeBand;
  building?: string;
  unit?: string;
  householdRole?: HouseholdRole;
  /** Operator-defined short strings, e.g. 独居 (lives alone). */
  tags?: string[];
}

/**
 * What the other person of a family link is to the one who states it: a daughter inviting her
 * mother says `parent`; the mother sees the same link as `child`.
 */
export const FAMILY_RELATIONS = ['child', 'spouse', 'parent', 'relative', 'carer'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/** The relation as the other side of the link sees it. */
export const INVERSE_RELATION: Record<FamilyRelation, FamilyRelation | 'caredFor'> = {
  child: 'parent',
  parent: 'child',
  spouse: 'spouse',
  relative: 'relative',
  carer: 'caredFor',
};

/** What one person of a link allows the other: act for them in actions, receive their notices. */
export interface FamilyGrant {
  act: boolean;
  notify: boolean;
}

export const PEOPLE_LABELS = {
  ageBand: {
    'under-18': t('18 岁以下', 'Under 18'),
    '18-59': t('18–59 岁', '18–59'),
    '60-69': t('60–69 岁', '60–69'),
    '70-79': t('70–79 岁', '70–79'),
    '80+': t('80 岁及以上', '80 and over'),
  } satisfies Record<AgeBand, LocalizedText>,
  householdRole: {
    owner: t('业主', 'Owner'),
    tenant: t('租户', 'Tenant'),
    family: t('家庭成员', 'Family member'),
  } satisfies Record<HouseholdRole, LocalizedText>,
  /** The other person, as seen from the one reading: "my parent". */
  relation: {
    child: t('子女', 'Child'),
    parent: t('父母', 'Parent'),
    spouse: t('配偶', 'Spouse'),
    relative: t('亲属', 'Relative'),
    carer: t('照护人', 'Carer'),
    caredFor: t('被照护人', 'Person I care for'),
  } satisfies Record<FamilyRelation | 'caredFor', LocalizedText>,
} as const;

function isPlace(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0 && v.length <= MEMBER_LIMITS.placeLength;
}

/**
 * Keeps only well-formed attributes (unknown keys and bad values dropped). The server validates
 * requests with JSON Schema; this is for values read back from storage or another source.
 */
export function cleanAttributes(input: unknown): MemberAttributes {
  const out: MemberAttributes = {};
  if (typeof input !== 'object' || input === null) return out;
  const a = input as Record<string, unknown>;
  if ((AGE_BANDS as readonly unknown[]).includes(a.ageBand)) out.ageBand = a.ageBand as AgeBand;
  if (isPlace(a.building)) out.building = a.building;
  if (isPlace(a.unit)) out.unit = a.unit;
  if ((HOUSEHOLD_ROLES as readonly unknown[]).includes(a.householdRole))
    out.householdRole = a.householdRole as HouseholdRole;
  if (Array.isArray(a.tags)) {
    const tags = a.tags.filter(
      (x): x is string =>
        typeof x === 'string' && x.length > 0 && x.length <= MEMBER_LIMITS.tagLength,
    );
    if (tags.length) out.tags = [...new Set(tags)].slice(0, MEMBER_LIMITS.maxTags);
  }
  return out;
}

/** Whether a member's recorded age band makes them an elder (60 and over). */
export function isElder(attributes: MemberAttributes | undefined): boolean {
  return attributes?.ageBand !== undefined && ELDER_AGE_BANDS.includes(attributes.ageBand);
}

/** Filter vars for a member's attributes: `member.ageBand`, … (absent ones stay unknown). */
export function memberVars(attributes: MemberAttributes | undefined): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const name of MEMBER_ATTRIBUTES) {
    const v = attributes?.[name];
    if (v !== undefined) vars[`member.${name}`] = Array.isArray(v) ? [...v] : v;
  }
  return vars;
}
