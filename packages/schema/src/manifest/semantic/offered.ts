import { issue } from '../../errors/messages';
import { offeredField, type ScheduleOfferedDef } from '../parts/offered';
import {
  checkConfigPath,
  checkRecordField,
  createActionsWith,
  has,
  recordField,
  type Ctx,
} from './context';

/**
 * `offered` on create actions and on schedules: `bind` is a config array of objects declaring
 * every key of `match`; each matched field is a field of the records, and one read
 * `as: "weekday"` a date (a schedule may read a day relative to its occurrence instead).
 */
export function checkOffered(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'offered'))
    checkCatalogue(ctx, a.offered!, a.collection, `/actions/${name}/offered`, 'create.offered');
  for (const [id, s] of Object.entries(ctx.m.schedules ?? {}))
    if (s.offered)
      checkCatalogue(ctx, s.offered, s.collection, `/schedules/${id}/offered`, 'schedule.offered');
}

function checkCatalogue(
  ctx: Ctx,
  o: ScheduleOfferedDef,
  collection: string,
  ptr: string,
  code: 'create.offered' | 'schedule.offered',
): void {
  const c = ctx.m.collections[collection];
  if (!c) return; // the action's or schedule's own check reports the collection
  const list = checkConfigPath(ctx, o.bind.slice('config.'.length), `${ptr}/bind`);
  const item = list?.type === 'array' ? list.items?.properties : undefined;
  if (list && !item)
    ctx.out.push(
      issue(
        `${ptr}/bind`,
        code,
        `“${o.bind}” 须是对象数组（如每周菜单）。`,
        `"${o.bind}" must be an array of objects (e.g. a weekly menu).`,
      ),
    );
  for (const [key, m] of Object.entries(o.match)) {
    const at = `${ptr}/match/${key}`;
    if (item && !has(item, key))
      ctx.out.push(
        issue(
          at,
          code,
          `“${o.bind}” 的条目没有字段 “${key}”。`,
          `The entries of "${o.bind}" have no field "${key}".`,
        ),
      );
    const field = offeredField(m);
    if (field === undefined) continue; // a day relative to the occurrence: the meta-schema's
    checkRecordField(ctx, c, collection, field, typeof m === 'string' ? at : `${at}/field`);
    const f = recordField(c, field);
    if (typeof m !== 'string' && f && (f === 'system' || f.format !== 'date'))
      ctx.out.push(
        issue(
          `${at}/field`,
          code,
          `按星期比较的 “${field}” 须是 format 为 date 的字段。`,
          `"${field}", compared by its day of the week, must be a field with format "date".`,
        ),
      );
  }
}
