import { checkFilterShape } from '../filter/shape';
import { forEachCondition } from '../filter/shape';
import type { Filter } from '../filter/types';
import { pointerOf } from '../errors/issue';
import type { Issue } from '../errors/issue';
import { issue } from '../errors/messages';
import { SYSTEM_FIELDS } from '../manifest/vocabulary';
import { vetPattern } from './regex';
import type { VendorSchema } from './types';

export const SUBSET_LIMITS = { maxDepth: 8, maxNodes: 400 } as const;

/** Which part of a manifest a schema serves; collections may not use system field names. */
export type SchemaUse = 'config' | 'collection' | 'input';

const STRING_KEYS = ['minLength', 'maxLength', 'pattern', 'format'] as const;
const NUMBER_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
] as const;
const ARRAY_KEYS = ['items', 'minItems', 'maxItems', 'uniqueItems'] as const;
const OBJECT_KEYS = ['properties', 'required', 'additionalProperties'] as const;

const REGEX_REASON: Record<string, [string, string]> = {
  syntax: ['不是合法的正则表达式', 'is not a valid regular expression'],
  backreference: ['不允许反向引用', 'backreferences are not allowed'],
  nested: [
    '含嵌套的无界量词（如 (a+)+），可能导致灾难性回溯',
    'has nested unbounded quantifiers (like (a+)+) that can backtrack catastrophically',
  ],
  overlap: [
    '含可匹配相同字符的重复部分（如 (a|ab)* 或 \\w+\\w+），可能导致灾难性回溯',
    'repeats parts that can match the same text (like (a|ab)* or \\w+\\w+), which can backtrack catastrophically',
  ],
  tooLong: ['超过 200 个字符', 'is longer than 200 characters'],
};

/** Checks the rules of the vendor subset that a meta-schema cannot express. */
export function checkVendorSchema(
  root: VendorSchema,
  base: string,
  use: SchemaUse,
  config: VendorSchema = root,
): Issue[] {
  const out: Issue[] = [];
  const groups = new Set((root['x-groups'] ?? []).map((g) => g.id));
  const defs = root.$defs ?? {};
  let nodes = 0;

  const visit = (s: VendorSchema, ptr: string, depth: number, isRoot: boolean): void => {
    nodes++;
    if (nodes === SUBSET_LIMITS.maxNodes + 1)
      out.push(
        issue(
          base,
          'subset.tooLarge',
          `模式过大：最多 ${SUBSET_LIMITS.maxNodes} 个节点。`,
          `Schema too large: at most ${SUBSET_LIMITS.maxNodes} nodes.`,
        ),
      );
    if (depth > SUBSET_LIMITS.maxDepth) {
      out.push(
        issue(
          ptr,
          'subset.tooDeep',
          `嵌套过深：最多 ${SUBSET_LIMITS.maxDepth} 层。`,
          `Nested too deep: at most ${SUBSET_LIMITS.maxDepth} levels.`,
        ),
      );
      return;
    }
    if (!isRoot && s.$defs)
      out.push(
        issue(
          `${ptr}/$defs`,
          'subset.defsPlacement',
          '$defs 只能写在模式根部。',
          '$defs may only appear at the schema root.',
        ),
      );
    if (!isRoot && s['x-groups'])
      out.push(
        issue(
          `${ptr}/x-groups`,
          'subset.groupsPlacement',
          'x-groups 只能写在模式根部。',
          'x-groups may only appear at the schema root.',
        ),
      );
    if (s.$ref !== undefined) {
      const name = s.$ref.slice('#/$defs/'.length);
      if (!Object.prototype.hasOwnProperty.call(defs, name))
        out.push(
          issue(
            `${ptr}/$ref`,
            'subset.ref',
            `引用的定义 “${name}” 不存在于 $defs。`,
            `Definition "${name}" does not exist in $defs.`,
          ),
        );
    } else if (s.type === undefined && s.const === undefined && s.enum === undefined) {
      out.push(
        issue(
          ptr,
          'subset.type',
          '每个字段都要写 type（或 $ref、enum、const）。',
          'Every field needs a type (or $ref, enum or const).',
        ),
      );
    }
    const t = s.type;
    const misplaced = (keys: readonly string[], ok: boolean, kind: string) => {
      if (ok) return;
      for (const k of keys)
        if (k in s)
          out.push(
            issue(
              `${ptr}/${k}`,
              'subset.keywordType',
              `“${k}” 只能用于 ${kind} 类型。`,
              `"${k}" only applies to type ${kind}.`,
            ),
          );
    };
    if (t) {
      misplaced(STRING_KEYS, t === 'string', 'string');
      misplaced(NUMBER_KEYS, t === 'number' || t === 'integer', 'number/integer');
      misplaced(ARRAY_KEYS, t === 'array', 'array');
      misplaced(OBJECT_KEYS, t === 'object', 'object');
    }
    if (
      t === 'string' &&
      s.maxLength === undefined &&
      s.enum === undefined &&
      s.const === undefined &&
      s.format === undefined
    )
      out.push(
        issue(
          ptr,
          'subset.unboundedString',
          '字符串必须写 maxLength（或 enum、const、format）。',
          'A string needs maxLength (or enum, const or format).',
        ),
      );
    if (t === 'array' && s.maxItems === undefined)
      out.push(
        issue(ptr, 'subset.unboundedArray', '数组必须写 maxItems。', 'An array needs maxItems.'),
      );
    if (t === 'array' && s.items === undefined)
      out.push(
        issue(
          ptr,
          'subset.arrayItems',
          '数组必须写 items 说明元素的模式。',
          'An array needs items describing its elements.',
        ),
      );
    const pairs: [keyof VendorSchema, keyof VendorSchema][] = [
      ['minLength', 'maxLength'],
      ['minimum', 'maximum'],
      ['minItems', 'maxItems'],
    ];
    for (const [lo, hi] of pairs)
      if (
        typeof s[lo] === 'number' &&
        typeof s[hi] === 'number' &&
        (s[lo] as number) > (s[hi] as number)
      )
        out.push(
          issue(
            `${ptr}/${lo}`,
            'subset.range',
            `${lo} 不能大于 ${hi}。`,
            `${lo} must not exceed ${hi}.`,
          ),
        );
    if (s.pattern !== undefined) {
      const problem = vetPattern(s.pattern);
      if (problem) {
        const [zh, en] = REGEX_REASON[problem]!;
        out.push(issue(`${ptr}/pattern`, 'subset.pattern', `pattern ${zh}。`, `pattern ${en}.`));
      }
    }
    for (const name of s.required ?? [])
      if (!s.properties || !(name in s.properties))
        out.push(
          issue(
            `${ptr}/required`,
            'subset.required',
            `必填字段 “${name}” 未在 properties 中定义。`,
            `Required field "${name}" is not defined in properties.`,
          ),
        );
    if (s['x-labels']) {
      const values = new Set((s.enum ?? []).map((v) => String(v)));
      for (const key of Object.keys(s['x-labels']))
        if (!values.has(key))
          out.push(
            issue(
              `${ptr}/x-labels/${key}`,
              'subset.labels',
              `x-labels 的 “${key}” 不是 enum 中的值。`,
              `x-labels key "${key}" is not one of the enum values.`,
            ),
          );
      for (const v of values)
        if (!(v in s['x-labels']))
          out.push(
            issue(
              `${ptr}/x-labels`,
              'subset.labels',
              `enum 值 “${v}” 缺少 x-labels 标签。`,
              `Enum value "${v}" has no label in x-labels.`,
            ),
          );
    }
    if (s['x-group'] !== undefined && !groups.has(s['x-group']))
      out.push(
        issue(
          `${ptr}/x-group`,
          'subset.group',
          `分组 “${s['x-group']}” 未在根部 x-groups 中声明。`,
          `Group "${s['x-group']}" is not declared in the root's x-groups.`,
        ),
      );
    const xo = s['x-options'];
    if (xo) {
      const arr = resolveField(config, xo.bind.slice('config.'.length));
      const el = arr?.type === 'array' ? deref(config, arr.items) : undefined;
      if (!el?.properties || !(xo.value in el.properties) || !(xo.label in el.properties))
        out.push(
          issue(
            `${ptr}/x-options`,
            'subset.options',
            `x-options 须指向 config 中的对象数组，且元素含 “${xo.value}” 和 “${xo.label}”。`,
            `x-options must name a config array of objects whose elements have "${xo.value}" and "${xo.label}".`,
          ),
        );
    }
    if (s['x-visibleIf']) out.push(...checkVisibleIf(s['x-visibleIf'], root, `${ptr}/x-visibleIf`));
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      if (
        use === 'collection' &&
        depth === 0 &&
        (SYSTEM_FIELDS as readonly string[]).includes(name)
      )
        out.push(
          issue(
            pointerOf(...splitPtr(ptr), 'properties', name),
            'subset.reservedField',
            `“${name}” 是平台系统字段，不能声明。`,
            `"${name}" is a platform system field and cannot be declared.`,
          ),
        );
      visit(child, `${ptr}/properties/${name}`, depth + 1, false);
    }
    if (s.items) visit(s.items, `${ptr}/items`, depth + 1, false);
  };
  visit(root, base, 0, true);
  for (const [name, def] of Object.entries(defs)) visit(def, `${base}/$defs/${name}`, 1, false);
  return out;
}

const splitPtr = (p: string) => p.split('/').slice(1);

function checkVisibleIf(f: Filter, root: VendorSchema, ptr: string): Issue[] {
  const shape = checkFilterShape(f, ptr);
  if (shape.length > 0)
    return shape.map((p) =>
      issue(p.pointer, p.code, '条件写法不正确。', 'This condition is malformed.'),
    );
  const out: Issue[] = [];
  forEachCondition(f, (c, p) => {
    if (!resolveField(root, c.field))
      out.push(
        issue(
          `${ptr}${p}/field`,
          'subset.visibleIf',
          `x-visibleIf 引用的字段 “${c.field}” 不存在。`,
          `x-visibleIf refers to "${c.field}", which is not a field of this form.`,
        ),
      );
  });
  return out;
}

/** Finds the schema of a dotted field path (through properties, array items and local $ref). */
export function resolveField(root: VendorSchema, path: string): VendorSchema | undefined {
  let cur: VendorSchema | undefined = root;
  for (const part of path.split('.')) {
    cur = deref(root, cur);
    if (!cur) return undefined;
    if (cur.type === 'array' && /^\d+$/.test(part)) cur = cur.items;
    else if (cur.type === 'array') cur = deref(root, cur.items)?.properties?.[part];
    else
      cur = Object.prototype.hasOwnProperty.call(cur.properties ?? {}, part)
        ? cur.properties![part]
        : undefined;
  }
  return deref(root, cur);
}

function deref(root: VendorSchema, s: VendorSchema | undefined): VendorSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) cur = root.$defs?.[cur.$ref.slice('#/$defs/'.length)];
  return cur;
}
