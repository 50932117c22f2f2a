// Values an action takes from elsewhere than its caller: a config catalogue entry (`copy` on a
// create), a record field its input must equal (`match` on a transition) and the code a
// transition finds its record by (`findBy`).
import { issue } from '../../errors/messages';
import type { CollectionDef, CreateAction, TransitionAction } from '../types';
import { checkConfigPath, checkFilter, checkRecordField, has, recordField } from './context';
import type { Ctx } from './context';

/**
 * A create action's `copy` (`{"subsidy": "service.subsidy"}`): each target is a field of the
 * collection; each source names a field with `x-options` bound to a config array of objects and
 * a key those objects declare.
 */
export function checkOptionCopy(ctx: Ctx, a: CreateAction, c: CollectionDef, ptr: string): void {
  for (const [target, source] of Object.entries(a.copy ?? {})) {
    const at = `${ptr}/copy/${target}`;
    checkRecordField(ctx, c, a.collection, target, at);
    const [from, key] = source.split('.') as [string, string];
    const field = recordField(c, from);
    const options = field && field !== 'system' ? field['x-options'] : undefined;
    if (!options) {
      ctx.out.push(
        issue(
          at,
          'create.copy',
          `“${from}” 须是带 x-options 的字段（从配置目录中选择的值）。`,
          `"${from}" must be a field with x-options (a choice from a config catalogue).`,
        ),
      );
      continue;
    }
    if (!options.bind.startsWith('config.')) continue; // the x-options check reports the binding
    const list = checkConfigPath(ctx, options.bind.slice(7), at);
    const item = list?.type === 'array' ? list.items?.properties : undefined;
    if (list && (!item || !has(item, key)))
      ctx.out.push(
        issue(
          at,
          'create.copy',
          `“${options.bind}” 的条目没有字段 “${key}”。`,
          `The entries of "${options.bind}" have no field "${key}".`,
        ),
      );
  }
}

/**
 * A transition action's `match` (`{"pickupCode": "pickupCode"}`): each key a required field of
 * the action's input, each value a field of the collection; `matchMessage` only with `match`.
 */
export function checkMatch(ctx: Ctx, a: TransitionAction, c: CollectionDef, ptr: string): void {
  const input = a.input;
  for (const [from, to] of Object.entries(a.match ?? {})) {
    const at = `${ptr}/match/${from}`;
    checkRecordField(ctx, c, a.collection, to, at);
    if (!input?.properties || !has(input.properties, from) || !input.required?.includes(from))
      ctx.out.push(
        issue(
          at,
          'transition.match',
          `“${from}” 须是该操作输入中的必填字段。`,
          `"${from}" must be a required field of the action's input.`,
        ),
      );
  }
  if (a.matchMessage && !a.match)
    ctx.out.push(
      issue(
        `${ptr}/matchMessage`,
        'transition.match',
        'matchMessage 需与 match 一起使用。',
        'matchMessage goes with match.',
      ),
    );
}

/**
 * `parent.copy` (`{"date": "date"}`): each target is a field of the collection that the caller
 * does not also send (one source per value), each source a field of the parent collection of
 * the same JSON type.
 */
export function checkParentCopy(
  ctx: Ctx,
  a: CreateAction,
  c: CollectionDef,
  parent: CollectionDef,
  ptr: string,
): void {
  const inputProps = a.input?.properties ?? {};
  for (const [target, source] of Object.entries(a.parent?.copy ?? {})) {
    const at = `${ptr}/copy/${target}`;
    const to = recordField(c, target);
    const from = recordField(parent, source);
    if (!to || to === 'system' || has(inputProps, target) || has(a.set ?? {}, target)) {
      ctx.out.push(
        issue(
          at,
          'parent.copy',
          `“${target}” 须是集合的字段，且不在该操作的 input 或 set 中。`,
          `"${target}" must be a field of the collection that is neither in the action's input nor in its set.`,
        ),
      );
      continue;
    }
    if (!from || (from !== 'system' && from.type !== to.type))
      ctx.out.push(
        issue(
          at,
          'parent.copy',
          `“${a.parent!.collection}” 的字段 “${source}” 不存在或类型与 “${target}” 不同。`,
          `Field "${source}" of "${a.parent!.collection}" does not exist or differs in type from "${target}".`,
        ),
      );
  }
}

/**
 * A transition action's `findBy` (version 2): `field` a text field of the collection that a create
 * action of the same collection fills with `{"var": "code"}` (unique among the collection's records
 * in the community, so a typed code names one record), `input` a required text field of the
 * action's input, `within` a filter over the record's fields.
 */
export function checkFindBy(ctx: Ctx, a: TransitionAction, c: CollectionDef, ptr: string): void {
  const f = a.findBy;
  if (!f) return;
  const at = `${ptr}/findBy`;
  if (ctx.m.manifestVersion < 2)
    ctx.out.push(
      issue(
        at,
        'version.part',
        'findBy 需要 "manifestVersion": 2。',
        'findBy needs "manifestVersion": 2.',
      ),
    );
  const field = recordField(c, f.field);
  const coded = Object.values(ctx.m.actions).some(
    (other) =>
      other.type === 'create' && other.collection === a.collection && isCode(other.set?.[f.field]),
  );
  if (!field || field === 'system' || field.type !== 'string' || !coded)
    ctx.out.push(
      issue(
        `${at}/field`,
        'transition.findBy',
        `“${f.field}” 须是集合 “${a.collection}” 的文本字段，并由该集合的新建操作以 {"var": "code"} 填写（社区内唯一的核销码）。`,
        `"${f.field}" must be a text field of "${a.collection}" that a create action of that collection fills with {"var": "code"} (a write-off code unique in the community).`,
      ),
    );
  const input = a.input?.properties?.[f.input];
  if (!input || input.type !== 'string' || !a.input?.required?.includes(f.input))
    ctx.out.push(
      issue(
        `${at}/input`,
        'transition.findBy',
        `“${f.input}” 须是该操作输入中的必填文本字段。`,
        `"${f.input}" must be a required text field of the action's input.`,
      ),
    );
  checkFilter(ctx, f.within, `${at}/within`, (p, where) =>
    checkRecordField(ctx, c, a.collection, p, where),
  );
}

function isCode(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { var?: unknown }).var === 'code';
}
