import { issue } from '../../errors/messages';
import { offeredField } from '../parts/offered';
import {
  checkConfigPath,
  checkRecordField,
  createActionsWith,
  has,
  recordField,
  type Ctx,
} from './context';

/**
 * `offered` on create actions: `bind` is a config array of objects declaring every key of
 * `match`; each matched field is a field of the record, and one read `as: "weekday"` a date.
 */
export function checkOffered(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'offered')) {
    const o = a.offered!;
    const ptr = `/actions/${name}/offered`;
    const c = ctx.m.collections[a.collection];
    if (!c) continue; // the action check reports the collection
    const list = checkConfigPath(ctx, o.bind.slice('config.'.length), `${ptr}/bind`);
    const item = list?.type === 'array' ? list.items?.properties : undefined;
    if (list && !item)
      ctx.out.push(
        issue(
          `${ptr}/bind`,
          'create.offered',
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
            'create.offered',
            `“${o.bind}” 的条目没有字段 “${key}”。`,
            `The entries of "${o.bind}" have no field "${key}".`,
          ),
        );
      const field = offeredField(m);
      checkRecordField(ctx, c, a.collection, field, typeof m === 'string' ? at : `${at}/field`);
      const f = recordField(c, field);
      if (typeof m !== 'string' && f && (f === 'system' || f.format !== 'date'))
        ctx.out.push(
          issue(
            `${at}/field`,
            'create.offered',
            `按星期比较的 “${field}” 须是 format 为 date 的字段。`,
            `"${field}", compared by its day of the week, must be a field with format "date".`,
          ),
        );
    }
  }
}
