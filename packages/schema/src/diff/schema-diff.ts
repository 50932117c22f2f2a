import type { LocalizedText } from '../manifest/types';
import type { VendorSchema } from '../subset/types';

export interface SchemaChange {
  /** JSON pointer inside the schema (relative to the schema root). */
  at: string;
  kind: string;
  breaking: boolean;
  message: LocalizedText;
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
type Bound =
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum';
/** For each bound: does a larger value accept more (`up`) or less (`down`)? */
const BOUNDS: [Bound, 'up' | 'down'][] = [
  ['maxLength', 'up'],
  ['minLength', 'down'],
  ['maximum', 'up'],
  ['minimum', 'down'],
  ['exclusiveMaximum', 'up'],
  ['exclusiveMinimum', 'down'],
  ['maxItems', 'up'],
  ['minItems', 'down'],
];
const ANNOTATIONS = [
  'title',
  'description',
  'default',
  'x-widget',
  'x-group',
  'x-groups',
  'x-order',
  'x-labels',
  'x-placeholder',
  'x-notPast',
  'x-icon',
  'x-visibleIf',
  'x-pii',
  'x-ref',
] as const;

function deref(root: VendorSchema, s: VendorSchema | undefined): VendorSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = root.$defs?.[cur.$ref.slice('#/$defs/'.length)];
  return cur;
}

/**
 * Lists how `next` differs from `prev`. A change is breaking when `next` rejects some value
 * `prev` accepted (stored records, saved config, or inputs that clients already send).
 */
export function diffSchemas(prevRoot: VendorSchema, nextRoot: VendorSchema): SchemaChange[] {
  const out: SchemaChange[] = [];
  const push = (at: string, kind: string, breaking: boolean, zh: string, en: string): void => {
    out.push({ at, kind, breaking, message: t(zh, en) });
  };

  const visit = (
    pRaw: VendorSchema | undefined,
    nRaw: VendorSchema | undefined,
    at: string,
    depth: number,
  ): void => {
    const p = deref(prevRoot, pRaw);
    const n = deref(nextRoot, nRaw);
    if (!p || !n || depth > 10) return;
    if (p.type !== n.type && !(p.type === 'integer' && n.type === 'number'))
      return push(
        at,
        'type',
        true,
        `类型由 ${String(p.type)} 改为 ${String(n.type)}。`,
        `Type changed from ${String(p.type)} to ${String(n.type)}.`,
      );
    if (p.type === 'number' && n.type === 'integer')
      push(
        at,
        'type',
        true,
        '类型由 number 收紧为 integer。',
        'Type narrowed from number to integer.',
      );
    if (p.type === 'integer' && n.type === 'number')
      push(
        at,
        'type',
        false,
        '类型由 integer 放宽为 number。',
        'Type widened from integer to number.',
      );
    if (JSON.stringify(p.const) !== JSON.stringify(n.const))
      push(at, 'const', n.const !== undefined, 'const 取值改变。', 'const changed.');
    if (p.enum || n.enum) {
      if (!n.enum) push(at, 'enum', false, '去掉了 enum 限制。', 'enum restriction removed.');
      else if (!p.enum) push(at, 'enum', true, '新增了 enum 限制。', 'enum restriction added.');
      else {
        const removed = p.enum.filter((v) => !n.enum!.some((w) => w === v));
        const added = n.enum.filter((v) => !p.enum!.some((w) => w === v));
        if (removed.length)
          push(
            at,
            'enum',
            true,
            `删除了取值：${removed.map(String).join(', ')}。`,
            `Values removed: ${removed.map(String).join(', ')}.`,
          );
        if (added.length)
          push(
            at,
            'enum',
            false,
            `新增了取值：${added.map(String).join(', ')}。`,
            `Values added: ${added.map(String).join(', ')}.`,
          );
      }
    }
    for (const [b, dir] of BOUNDS) {
      const a = p[b];
      const z = n[b];
      if (a === z) continue;
      const narrower = z !== undefined && (a === undefined || (dir === 'up' ? z < a : z > a));
      push(
        `${at}/${b}`,
        'bound',
        narrower,
        `${b} 由 ${String(a ?? '无')} 改为 ${String(z ?? '无')}。`,
        `${b} changed from ${String(a ?? 'none')} to ${String(z ?? 'none')}.`,
      );
    }
    for (const k of ['pattern', 'format', 'multipleOf'] as const)
      if (p[k] !== n[k]) push(`${at}/${k}`, k, n[k] !== undefined, `${k} 改变。`, `${k} changed.`);
    if (!p.uniqueItems !== !n.uniqueItems)
      push(
        `${at}/uniqueItems`,
        'uniqueItems',
        !!n.uniqueItems,
        'uniqueItems 改变。',
        'uniqueItems changed.',
      );
    for (const k of ANNOTATIONS)
      if (JSON.stringify(p[k]) !== JSON.stringify(n[k]))
        push(
          `${at}/${k}`,
          'annotation',
          false,
          `${k} 改变（仅显示）。`,
          `${k} changed (display only).`,
        );
    const pp = p.properties ?? {};
    const np = n.properties ?? {};
    const preq = new Set(p.required ?? []);
    const nreq = new Set(n.required ?? []);
    for (const name of Object.keys(pp))
      if (!(name in np))
        push(
          `${at}/properties/${name}`,
          'removed',
          true,
          `删除了字段 “${name}”（已有数据会被拒绝）。`,
          `Field "${name}" removed (existing values would be rejected).`,
        );
    for (const name of Object.keys(np)) {
      if (!(name in pp))
        push(
          `${at}/properties/${name}`,
          'added',
          nreq.has(name),
          `新增${nreq.has(name) ? '必填' : '可选'}字段 “${name}”。`,
          `${nreq.has(name) ? 'Required' : 'Optional'} field "${name}" added.`,
        );
      else {
        if (nreq.has(name) && !preq.has(name))
          push(
            `${at}/required`,
            'required',
            true,
            `字段 “${name}” 改为必填。`,
            `Field "${name}" became required.`,
          );
        if (!nreq.has(name) && preq.has(name))
          push(
            `${at}/required`,
            'required',
            false,
            `字段 “${name}” 改为可选。`,
            `Field "${name}" became optional.`,
          );
        visit(pp[name], np[name], `${at}/properties/${name}`, depth + 1);
      }
    }
    if (p.items || n.items) visit(p.items, n.items, `${at}/items`, depth + 1);
  };
  visit(prevRoot, nextRoot, '', 0);
  return out;
}
