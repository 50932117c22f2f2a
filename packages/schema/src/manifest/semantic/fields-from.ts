import { issue } from '../../errors/messages';
import type { FieldKind } from '../parts/fields-from';
import { checkRoles, createActionsWith, has, type Ctx } from './context';

type Props = Record<string, { type?: unknown; items?: unknown; properties?: unknown }>;

/** What each field kind needs in the stored answer item. */
const KIND_PROPERTY: Record<FieldKind, { name: string; type: string }> = {
  choice: { name: 'choice', type: 'string' },
  choices: { name: 'choices', type: 'array' },
  rating: { name: 'rating', type: 'integer' },
  text: { name: 'text', type: 'string' },
};

/**
 * `fieldsFrom` on create actions: the config array exists with the entry keys named, the stored
 * field is a list of `{q, …}` answer items declaring what each mapped kind stores, and the input
 * does not also declare it.
 */
export function checkFieldsFrom(ctx: Ctx): void {
  for (const [name, a] of createActionsWith(ctx, 'fieldsFrom')) {
    const f = a.fieldsFrom!;
    const ptr = `/actions/${name}/fieldsFrom`;
    const say = (at: string, code: string, zh: string, en: string) =>
      ctx.out.push(issue(`${ptr}${at}`, code, zh, en));
    const configProps = (ctx.m.config as { properties?: Props }).properties ?? {};
    const top = f.bind.split('.')[1]!;
    const list = has(configProps, top) ? configProps[top] : undefined;
    const entry = (list?.items ?? {}) as { type?: unknown; properties?: Props };
    if (!list || list.type !== 'array' || entry.type !== 'object')
      say(
        '/bind',
        'fieldsFrom.bind',
        `“${f.bind}” 须为配置中的对象数组（每项一个表单字段）。`,
        `"${f.bind}" must be a config array of objects (one form field each).`,
      );
    else
      for (const [role, fallback] of [
        ['id', 'id'],
        ['type', 'type'],
      ] as const) {
        const keyName = f.keys?.[role] ?? fallback;
        if (!has(entry.properties ?? {}, keyName))
          say(
            `/keys/${role}`,
            'fieldsFrom.key',
            `配置数组的每一项须声明 “${keyName}”。`,
            `Each entry of the config array must declare "${keyName}".`,
          );
      }
    if (f.results) {
      checkRoles(ctx, f.results.roles, `${ptr}/results/roles`, false);
      checkRoles(ctx, f.results.textRoles, `${ptr}/results/textRoles`, true);
      checkRoles(ctx, f.results.exportRoles, `${ptr}/results/exportRoles`, true);
    }
    if (has(a.input?.properties ?? {}, f.field))
      say(
        '/field',
        'fieldsFrom.input',
        `“${f.field}” 由配置生成，不能同时在 input 中声明。`,
        `"${f.field}" comes from the config; do not also declare it in input.`,
      );
    const props = (ctx.m.collections[a.collection]?.schema.properties ?? {}) as Props;
    const target = has(props, f.field) ? props[f.field] : undefined;
    const item = (target?.items ?? {}) as { type?: unknown; properties?: Props };
    const itemProps = item.properties ?? {};
    if (
      !target ||
      target.type !== 'array' ||
      item.type !== 'object' ||
      !has(itemProps, 'q') ||
      itemProps.q!.type !== 'string'
    ) {
      say(
        '/field',
        'fieldsFrom.field',
        `集合 “${a.collection}” 须声明数组字段 “${f.field}”，每项为对象，含文本字段 q（题目 id）。`,
        `Collection "${a.collection}" must declare an array field "${f.field}" of objects with a text field q (the question id).`,
      );
      continue;
    }
    if (f.score && !(has(props, f.score) && props[f.score]!.type === 'number'))
      say(
        '/score',
        'fieldsFrom.score',
        `“${f.score}” 须为集合 “${a.collection}” 的数字字段（type: number）。`,
        `"${f.score}" must be a number field (type: number) of collection "${a.collection}".`,
      );
    for (const kind of new Set(Object.values(f.types))) {
      const need = KIND_PROPERTY[kind];
      if (!has(itemProps, need.name) || itemProps[need.name]!.type !== need.type)
        say(
          '/types',
          'fieldsFrom.kind',
          `“${f.field}” 的每项须声明 ${need.type} 字段 “${need.name}”，用来保存 ${kind} 类题目的答案。`,
          `Each item of "${f.field}" must declare a ${need.type} field "${need.name}" for answers of kind ${kind}.`,
        );
    }
  }
}
