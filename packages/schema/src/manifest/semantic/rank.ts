import { issue } from '../../errors/messages';
import type { CollectionDef, QueryDef } from '../types';
import { has, recordField, type Ctx } from './context';

/**
 * `rank` on an aggregate: community scope without groups or buckets; `person` names whom a
 * record counts for; the opt-in collection holds one record per person (every create into it is
 * `once`, named) with a boolean `field`, and `name` is a text field of it.
 */
export function checkRank(ctx: Ctx, q: QueryDef, c: CollectionDef, ptr: string): void {
  const rank = q.rank!;
  const say = (at: string, zh: string, en: string) =>
    ctx.out.push(issue(`${ptr}/rank${at}`, 'aggregate.rank', zh, en));
  if (q.scope !== 'community' || q.groupBy !== undefined || q.bucket !== undefined)
    say(
      '',
      '排行须为 scope: "community"，且不能再分组（groupBy）或分桶（bucket）。',
      'A ranking needs scope: "community" and takes no groupBy or bucket.',
    );
  const person = recordField(c, rank.person);
  if (rank.person !== 'createdBy' && !(typeof person === 'object' && person['x-ref'] === 'user'))
    say(
      '/person',
      `“${rank.person}” 须是 createdBy 或 x-ref 为 "user" 的字段。`,
      `"${rank.person}" must be createdBy or a field with x-ref "user".`,
    );
  const opt = has(ctx.m.collections, rank.optIn.collection)
    ? ctx.m.collections[rank.optIn.collection]
    : undefined;
  if (!opt) {
    say(
      '/optIn/collection',
      `集合 “${rank.optIn.collection}” 未声明。`,
      `Collection "${rank.optIn.collection}" is not declared.`,
    );
    return;
  }
  // One opt-in record per person: every create into it is `once` (and names its author).
  const creates = Object.values(ctx.m.actions).filter(
    (a) => a.type === 'create' && a.collection === rank.optIn.collection,
  );
  const onePerPerson =
    creates.length > 0 && creates.every((a) => a.type === 'create' && a.once && !a.once.anonymous);
  if (!onePerPerson)
    say(
      '/optIn/collection',
      `写入 “${rank.optIn.collection}” 的 create 操作须都带 once（不匿名）：每人一条自愿上榜记录。`,
      `Every create action into "${rank.optIn.collection}" needs once (not anonymous): one opt-in record per person.`,
    );
  const field = recordField(opt, rank.optIn.field);
  if (typeof field !== 'object' || field.type !== 'boolean')
    say(
      '/optIn/field',
      `“${rank.optIn.field}” 须是 “${rank.optIn.collection}” 的布尔字段。`,
      `"${rank.optIn.field}" must be a boolean field of "${rank.optIn.collection}".`,
    );
  const name = recordField(opt, rank.name);
  if (typeof name !== 'object' || name.type !== 'string')
    say(
      '/name',
      `“${rank.name}” 须是 “${rank.optIn.collection}” 的文本字段。`,
      `"${rank.name}" must be a text field of "${rank.optIn.collection}".`,
    );
}
