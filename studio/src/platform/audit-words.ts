import { localize } from '@scene/schema';
import type { AuditEntry, AuditLabels } from '@scene/client';
import { monthText } from '../operations/format';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Summary = Record<string, unknown>;

/**
 * Every kind of entry the server writes, in the order the kind filter lists them. A kind missing
 * here still reads as a sentence ("… did something of another kind"), never as its code; the
 * test beside this file fails when the server writes a kind this list lacks.
 */
export const AUDIT_KINDS = [
  'portal.publish',
  'portal.rollback',
  'installation.install',
  'installation.upgrade',
  'installation.update',
  'installation.uninstall',
  'installation.schedule',
  'membership.add',
  'membership.update',
  'membership.remove',
  'membership.password-reset',
  'membership.register',
  'membership.join',
  'invitation.create',
  'invitation.revoke',
  'community.create',
  'community.update',
  'community.archive',
  'account.create',
  'account.update',
  'account.password-change',
  'account.close',
  'token.create',
  'token.revoke',
  'plugin.publish',
  'plugin.review',
  'plugin.fixtures',
  'family.invite',
  'family.link',
  'family.grant',
  'family.revoke',
  'family.record',
  'region.create',
  'region.rename',
  'region.remove',
  'region.place',
  'region.supervisor.assign',
  'region.supervisor.remove',
  'notify.webhook',
  'records.read-clear',
  'records.unmask',
  'records.pause-lift',
  'report.revise',
  'privacy.delete-my-data',
  'jobs.retention',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const isKind = (action: string): action is AuditKind =>
  (AUDIT_KINDS as readonly string[]).includes(action);

/** Catalogue keys may not hold dots or dashes inside a name: `region.supervisor.assign` → `region_supervisor_assign`. */
export const kindKey = (kind: AuditKind) => kind.replace(/[.-]/g, '_');

const part = (summary: Summary | undefined, side: 'before' | 'after'): Summary =>
  summary && typeof summary[side] === 'object' && summary[side] !== null
    ? (summary[side] as Summary)
    : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The plugin an entry is about, read from its target (`<community>:<plugin>`, `<plugin>@<v>`). */
function pluginOf(entry: AuditEntry): string | undefined {
  const { type, id } = entry.target;
  if (type === 'installation') return id.slice(id.indexOf(':') + 1);
  if (type === 'plugin-version') return id.slice(0, id.lastIndexOf('@'));
  if (type === 'record' || type === 'query' || type === 'action') return id.split('/')[0];
  return typeof entry.summary?.pluginId === 'string' ? entry.summary.pluginId : undefined;
}

/** The version an entry names: a plugin's (`1.4.0`) or a portal's number. */
function versionOf(entry: AuditEntry): string {
  const s = entry.summary;
  const v = part(s, 'after').version ?? s?.version;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  const { type, id } = entry.target;
  if (type === 'plugin-version') return id.slice(id.lastIndexOf('@') + 1);
  if (type === 'portal-version') return id.slice(id.lastIndexOf(':') + 1);
  return '';
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The region an entry is about: its target, or the node (street, region) its summary names. */
function regionOf(entry: AuditEntry): string | undefined {
  if (entry.target.type === 'region') return entry.target.id;
  return text(entry.summary?.regionId) ?? text(entry.summary?.streetId);
}

/**
 * One entry of the audit log as a sentence a person reads: who (by name), did what, to which
 * person, community, plugin or role (by name, in the reader's language). Ids, codes and JSON
 * never reach the sentence; something the page has no name for reads as "someone", "a plugin".
 */
export function auditSentence(
  entry: AuditEntry,
  labels: AuditLabels,
  t: Translate,
  locale: string,
): string {
  const person = (id: unknown) =>
    typeof id === 'string'
      ? (labels.accounts[id] ??
        (id === 'system' ? t('auditWords.system') : t('auditWords.someone')))
      : t('auditWords.someone');
  const role = (r: unknown) =>
    typeof r === 'string' && ['admin', 'operator', 'staff', 'vendor', 'resident'].includes(r)
      ? t(`roles.${r}`)
      : t('auditWords.aRole');
  const grants = (list: string[]) =>
    list
      .map((g) => {
        const roleName = localize(labels.pluginRoles[g], locale);
        const plugin = localize(labels.plugins[/^plugin:([^/]+)\//.exec(g)?.[1] ?? ''], locale);
        return roleName ? (plugin ? `${plugin} · ${roleName}` : roleName) : t('auditWords.aRole');
      })
      .join(locale === 'en' ? ', ' : '、');
  const s = entry.summary;
  const plugin = pluginOf(entry);
  const values: Record<string, unknown> = {
    actor: person(entry.actorId),
    person: entry.target.type === 'account' ? person(entry.target.id) : t('auditWords.someone'),
    community:
      labels.communities[
        entry.communityId ?? (entry.target.type === 'community' ? entry.target.id : '')
      ] ?? t('auditWords.aCommunity'),
    plugin: (plugin && localize(labels.plugins[plugin], locale)) || t('auditWords.aPlugin'),
    version: versionOf(entry),
    from: String(part(s, 'before').version ?? ''),
    role: role(s?.role),
    with: person(s?.with),
    to: person(s?.to),
    a: person(s?.a),
    b: person(s?.b),
    // A region by the name the page knows it by now, else the one the entry kept (renamed, removed).
    region:
      text(part(s, 'after').name) ??
      labels.regions[regionOf(entry) ?? ''] ??
      text(s?.name) ??
      t('auditWords.aRegion'),
    oldName: text(part(s, 'before').name) ?? t('auditWords.aRegion'),
  };
  if (!isKind(entry.action)) return t('auditWords.other', values);
  const key = `auditWords.${kindKey(entry.action)}`;
  switch (entry.action) {
    case 'membership.add': {
      const granted = strings(s?.pluginRoles);
      return granted.length
        ? t(`${key}WithRoles`, { ...values, roles: grants(granted) })
        : t(key, values);
    }
    case 'membership.update': {
      const before = part(s, 'before');
      const after = part(s, 'after');
      const was = strings(before.pluginRoles);
      const now = strings(after.pluginRoles);
      const said: string[] = [];
      if (after.role !== undefined && after.role !== before.role)
        said.push(t(`${key}Role`, { ...values, from: role(before.role), role: role(after.role) }));
      const added = now.filter((g) => !was.includes(g));
      const removed = was.filter((g) => !now.includes(g));
      if (added.length) said.push(t(`${key}Grant`, { ...values, roles: grants(added) }));
      if (removed.length) said.push(t(`${key}Revoke`, { ...values, roles: grants(removed) }));
      if (strings(s?.attributes).length) said.push(t(`${key}Attributes`, values));
      return said.length ? said.join(locale === 'en' ? '; ' : '；') : t(key, values);
    }
    case 'installation.update': {
      const status = part(s, 'after').status;
      if (status === 'active') return t(`${key}Enabled`, values);
      if (status === 'disabled') return t(`${key}Disabled`, values);
      return t(key, values);
    }
    case 'installation.schedule':
      return t(part(s, 'after').on === false ? `${key}Off` : `${key}On`, values);
    case 'records.pause-lift':
      // The note staff wrote is the reason; a lift without one (none is accepted) reads plain.
      return typeof s?.note === 'string' && s.note
        ? t(`${key}Note`, { ...values, note: s.note })
        : t(key, values);
    case 'report.revise':
      // A community's report, or a region node's (named by the labels like any region).
      return t(key, {
        ...values,
        subject: entry.communityId ? values.community : values.region,
        month:
          typeof s?.month === 'string' && /^\d{4}-\d{2}$/.test(s.month)
            ? monthText(s.month, locale)
            : '',
        revision: typeof s?.revision === 'number' ? s.revision : '',
        reason: text(s?.reason) ?? '',
      });
    case 'plugin.review':
      return t(
        part(s, 'after').status === 'rejected' ? `${key}Rejected` : `${key}Approved`,
        values,
      );
    default:
      return t(key, values);
  }
}

/** The kind of an entry as a short label (the kind filter's options). */
export function kindLabel(action: string, t: Translate): string {
  return isKind(action) ? t(`auditKinds.${kindKey(action)}`) : t('auditKinds.other');
}
