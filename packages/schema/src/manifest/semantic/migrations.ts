import { issue } from '../../errors/messages';
import { checkRecordField, collectionOf } from './context';
import type { Ctx } from './context';

export function checkMigrations(ctx: Ctx): void {
  ctx.m.migrations.forEach((mg, i) => {
    const ptr = `/migrations/${i}`;
    const c = collectionOf(ctx, mg.collection, `${ptr}/collection`);
    if (mg.from >= mg.to)
      ctx.out.push(
        issue(
          `${ptr}/to`,
          'migration.order',
          'to 必须大于 from。',
          '"to" must be greater than "from".',
        ),
      );
    if (!c) return;
    if (mg.to > c.schemaVersion)
      ctx.out.push(
        issue(
          `${ptr}/to`,
          'migration.future',
          `迁移目标 ${mg.to} 超过集合当前的 schemaVersion ${c.schemaVersion}。`,
          `Migration target ${mg.to} is above the collection's schemaVersion ${c.schemaVersion}.`,
        ),
      );
    if (mg.to !== c.schemaVersion) return;
    mg.steps.forEach((s, j) => {
      const field = s.op === 'rename' ? s.to : s.op === 'remove' ? undefined : s.field;
      if (field)
        checkRecordField(
          ctx,
          c,
          mg.collection,
          field,
          `${ptr}/steps/${j}/${s.op === 'rename' ? 'to' : 'field'}`,
        );
      if (
        s.op === 'remove' &&
        c.schema.properties &&
        Object.prototype.hasOwnProperty.call(c.schema.properties, s.field)
      )
        ctx.out.push(
          issue(
            `${ptr}/steps/${j}/field`,
            'migration.remove',
            `字段 “${s.field}” 仍在新模式中，不能删除。`,
            `Field "${s.field}" is still in the new schema and cannot be removed.`,
          ),
        );
    });
  });
}
