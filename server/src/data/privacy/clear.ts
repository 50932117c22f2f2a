import { evaluateFilter, ruleCovers, type CollectionDef } from '@scene/schema';
import type { PluginContext } from '../records/context';
import { valuesAt } from '../records/schema-walk';
import type { StoredRecord } from '../records/types';
import { piiOf, toView, type RecordView } from '../records/view';
import { maskRecord, type PiiField } from './mask';

/** What one answer showed in clear of other people's personal data: how many records, which fields. */
export interface Disclosure {
  records: number;
  fields: Set<string>;
}

/**
 * The personal fields of `doc` this caller sees in clear: all of them on their own record (or
 * one they entered for a family member, acting for them: `actedBy`); otherwise those a `privacy.clear` rule gives to one of their roles on a record matching the
 * rule's `where`. Everything else is masked.
 */
export function clearFields(
  ctx: Pick<PluginContext, 'caller' | 'roles' | 'vars'>,
  def: CollectionDef,
  doc: StoredRecord,
): PiiField[] | 'own' {
  const me = ctx.caller?.accountId;
  if (me && (doc.createdBy === me || doc.actedBy === me)) return 'own';
  const rules = (def.privacy?.clear ?? []).filter(
    (rule) =>
      rule.roles.some((r) => ctx.roles.has(r)) &&
      (rule.where === undefined || evaluateFilter(rule.where, doc, ctx.vars)),
  );
  if (rules.length === 0) return [];
  return piiOf(def).filter((f) => rules.some((rule) => ruleCovers(rule, f.path)));
}

const holdsValue = (view: RecordView, f: PiiField) =>
  valuesAt(view, f.path).some((v) => v !== undefined && v !== null && v !== '');

/**
 * Records as this caller may see them: projected to `fields`, personal data masked except where
 * `clearFields` allows, and the disclosure (other people's personal fields shown in clear) for
 * the one audit entry the caller's request then writes.
 */
export function present(
  ctx: Pick<PluginContext, 'caller' | 'roles' | 'vars'>,
  def: CollectionDef,
  docs: StoredRecord[],
  fields?: string[],
): { views: RecordView[]; disclosed: Disclosure } {
  const disclosed: Disclosure = { records: 0, fields: new Set() };
  const pii = piiOf(def);
  const views = docs.map((doc) => {
    const view = toView(doc, fields);
    if (pii.length === 0) return view;
    const clear = clearFields(ctx, def, doc);
    if (clear === 'own') return view;
    const shown = clear.filter((f) => holdsValue(view, f));
    if (shown.length > 0) {
      disclosed.records += 1;
      for (const f of shown) disclosed.fields.add(f.path.join('.'));
    }
    return maskRecord(
      view,
      pii.filter((f) => !clear.includes(f)),
    );
  });
  return { views, disclosed };
}

/**
 * The one audit entry of a request that showed other people's personal data in clear (a list, a
 * detail, an action's answer): who, through what, how many records and which fields — never the
 * values. Nothing is written when nothing was shown.
 */
export async function auditDisclosure(
  ctx: Pick<PluginContext, 'deps' | 'caller' | 'communityId' | 'plugin'>,
  collection: string,
  via: { type: 'query' | 'action'; name: string },
  disclosed: Disclosure,
): Promise<void> {
  if (!ctx.caller || disclosed.records === 0) return;
  await ctx.deps.audit.record(ctx.caller, {
    communityId: ctx.communityId,
    action: 'records.read-clear',
    target: { type: via.type, id: `${ctx.plugin.pluginId}/${via.name}` },
    summary: {
      collection,
      records: disclosed.records,
      fields: [...disclosed.fields].sort(),
    },
  });
}

/** One record for a caller, with its disclosure audited: the answer of an action. */
export async function presentOne(
  ctx: PluginContext,
  def: CollectionDef,
  collection: string,
  action: string,
  doc: StoredRecord,
): Promise<RecordView> {
  const { views, disclosed } = present(ctx, def, [doc]);
  await auditDisclosure(ctx, collection, { type: 'action', name: action }, disclosed);
  return views[0]!;
}
