// The one formatter for schema errors: every validator's failures (see schema-error.ts) become
// issues with a JSON pointer, a stable code and a message in Chinese and English. The CLI, the
// server and the studio all print these words.
import { PATTERNS } from '../manifest/defs';
import { DURATION_PATTERN } from '../time/duration';
import type { LocalizedText } from '../manifest/types';
import { escapePointerSegment } from './issue';
import type { Issue } from './issue';
import type { SchemaError } from './schema-error';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** What each pattern of the meta-schemas means, so a vendor is told what is allowed. */
const PATTERN_HINTS: Record<string, LocalizedText> = {
  [PATTERNS.identifier]: t(
    '应为以小写字母开头的标识符（字母、数字、下划线，最长 40）',
    'must be an identifier starting with a lowercase letter (letters, digits, _; up to 40)',
  ),
  [PATTERNS.fieldName]: t(
    '字段名应以字母开头，仅含字母、数字、下划线（最长 40）',
    'a field name starts with a letter and holds letters, digits and _ (up to 40)',
  ),
  [PATTERNS.viewId]: t('应为小写字母、数字和连字符', 'must be lowercase letters, digits and -'),
  [PATTERNS.pluginId]: t(
    '插件 id 应为 “厂商.名称”，小写字母、数字和连字符，如 std.property-repair',
    'a plugin id is "vendor.name" in lowercase letters, digits and -, e.g. std.property-repair',
  ),
  [PATTERNS.vendorId]: t(
    '厂商 id 应为小写字母、数字和连字符',
    'a vendor id is lowercase letters, digits and -',
  ),
  [PATTERNS.roleRef]: t(
    '角色应为 admin、operator、staff、vendor、resident、public 或 plugin:<角色id>',
    'a role is admin, operator, staff, vendor, resident, public or plugin:<roleId>',
  ),
  [PATTERNS.fieldPath]: t(
    '字段路径应为以点分隔的标识符（不能含 $、..、__proto__，最多 6 段）',
    'a field path is dot-separated identifiers (no $, .., __proto__; at most 6 segments)',
  ),
  [PATTERNS.varName]: t(
    '变量只能是 user.id、user.communityId、user.roles、now、today、startOfDay、startOfWeek、startOfMonth、startOfYear 或 config.<路径>',
    'a var is user.id, user.communityId, user.roles, now, today, startOfDay, startOfWeek, startOfMonth, startOfYear or config.<path>',
  ),
  [PATTERNS.bindPath]: t(
    '绑定路径应以 config.、item.、user. 或 route. 开头',
    'a binding path starts with config., item., user. or route.',
  ),
  [PATTERNS.localRef]: t(
    '$ref 只能指向本文档的 #/$defs/<名称>，不允许远程引用',
    '$ref may only point at #/$defs/<name> in the same schema; remote references are not allowed',
  ),
  [PATTERNS.xRef]: t(
    'x-ref 应为 upload、user 或 collection:<集合名>',
    'x-ref is upload, user or collection:<name>',
  ),
  [PATTERNS.route]: t(
    '路由应为小写字母、数字、连字符组成的路径段，用 / 分隔（最多 4 段）',
    'a route is up to 4 segments of lowercase letters, digits and - joined by /',
  ),
  [PATTERNS.date]: t('日期格式应为 YYYY-MM-DD', 'a date is YYYY-MM-DD'),
  [DURATION_PATTERN]: t(
    '时长应为带符号的 ISO-8601 时长，如 P1D、-P30D、PT2H、P1DT12H',
    'a duration is a signed ISO-8601 duration like P1D, -P30D, PT2H, P1DT12H',
  ),
  [PATTERNS.color]: t('颜色应为 #rrggbb', 'a colour is #rrggbb'),
  [PATTERNS.semverish]: t('应为语义化版本或版本范围', 'must be a semantic version or range'),
};

const TYPE_NAMES: Record<string, LocalizedText> = {
  object: t('对象', 'an object'),
  array: t('数组', 'an array'),
  string: t('字符串', 'a string'),
  number: t('数字', 'a number'),
  integer: t('整数', 'an integer'),
  boolean: t('布尔值', 'a boolean'),
  null: t('null', 'null'),
};

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
const listOf = (values: unknown[]): string =>
  values.length > 15
    ? `${values.slice(0, 15).map(show).join(', ')}, …`
    : values.map(show).join(', ');

function translate(e: SchemaError): { pointer: string; code: string; message: LocalizedText } {
  const p = e.params;
  const at = e.instancePath;
  const child = (name: unknown) => `${at}/${escapePointerSegment(String(name))}`;
  switch (e.keyword) {
    case 'required':
      return {
        pointer: at,
        code: 'schema.required',
        message: t(
          `缺少必填属性 “${String(p.missingProperty)}”。`,
          `Missing required property "${String(p.missingProperty)}".`,
        ),
      };
    case 'dependentRequired':
      return {
        pointer: at,
        code: 'schema.required',
        message: t(
          `有 “${String(p.property)}” 时必须同时写 “${String(p.missingProperty)}”。`,
          `"${String(p.property)}" needs "${String(p.missingProperty)}" beside it.`,
        ),
      };
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return {
        pointer: child(p.additionalProperty),
        code: 'schema.unknownProperty',
        message: t(
          `不允许的属性 “${String(p.additionalProperty)}”。${allowed.length ? `允许：${allowed.join(', ')}。` : ''}`,
          `Property "${String(p.additionalProperty)}" is not allowed here.${allowed.length ? ` Allowed: ${allowed.join(', ')}.` : ''}`,
        ),
      };
    }
    case 'type': {
      const types = String(p.type).split(',');
      return {
        pointer: at,
        code: 'schema.type',
        message: t(
          `类型错误：应为${types.map((x) => TYPE_NAMES[x]?.['zh-CN'] ?? x).join('或')}。`,
          `Wrong type: must be ${types.map((x) => TYPE_NAMES[x]?.en ?? x).join(' or ')}.`,
        ),
      };
    }
    case 'enum':
      return {
        pointer: at,
        code: 'schema.enum',
        message: t(
          `取值 ${show(e.data)} 无效。允许：${listOf(p.allowedValues as unknown[])}。`,
          `Value ${show(e.data)} is not allowed. Allowed: ${listOf(p.allowedValues as unknown[])}.`,
        ),
      };
    case 'const':
      return {
        pointer: at,
        code: 'schema.const',
        message: t(
          `取值必须是 ${show(p.allowedValue)}。`,
          `Value must be ${show(p.allowedValue)}.`,
        ),
      };
    case 'pattern': {
      const hint =
        PATTERN_HINTS[String(p.pattern)] ??
        t(`应匹配 ${String(p.pattern)}`, `must match ${String(p.pattern)}`);
      return {
        pointer: at,
        code: 'schema.pattern',
        message: t(
          `取值 ${show(e.data)} 无效：${hint['zh-CN']}。`,
          `Value ${show(e.data)} is invalid: ${hint.en}.`,
        ),
      };
    }
    case 'format':
      return {
        pointer: at,
        code: 'schema.format',
        message: t(`应为 ${String(p.format)} 格式。`, `Must be in ${String(p.format)} format.`),
      };
    case 'propertyNames':
      return {
        pointer: child(p.propertyName),
        code: 'schema.propertyName',
        message: t(
          `名称 “${String(p.propertyName)}” 无效：应以字母开头，仅含字母、数字、下划线。`,
          `Name "${String(p.propertyName)}" is invalid: names start with a letter and hold letters, digits and _.`,
        ),
      };
    case 'discriminator':
      return {
        pointer: `${at}/${String(p.tag)}`,
        code: 'schema.discriminator',
        message: t(
          `“${String(p.tag)}” 的取值 ${show(p.tagValue)} 无效。允许：${listOf(discriminatorValues(e))}。`,
          `"${String(p.tag)}" value ${show(p.tagValue)} is not allowed. Allowed: ${listOf(discriminatorValues(e))}.`,
        ),
      };
    default:
      return limitMessage(e, at);
  }
}

function discriminatorValues(e: SchemaError): unknown[] {
  const branches =
    (e.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })?.oneOf ??
    [];
  const tag = String((e.params as { tag?: unknown }).tag);
  return branches.map((b) => b.properties?.[tag]?.const).filter((v) => v !== undefined);
}

const LIMITS: Record<string, [string, string, string]> = {
  maxLength: ['schema.maxLength', '长度不能超过 {n} 个字符', 'Must be at most {n} characters long'],
  minLength: ['schema.minLength', '长度至少 {n} 个字符', 'Must be at least {n} characters long'],
  maxItems: ['schema.maxItems', '最多 {n} 项', 'Must have at most {n} items'],
  minItems: ['schema.minItems', '至少 {n} 项', 'Must have at least {n} items'],
  maxProperties: ['schema.maxProperties', '最多 {n} 个属性', 'Must have at most {n} properties'],
  minProperties: ['schema.minProperties', '至少 {n} 个属性', 'Must have at least {n} properties'],
  maximum: ['schema.maximum', '不能大于 {n}', 'Must be ≤ {n}'],
  minimum: ['schema.minimum', '不能小于 {n}', 'Must be ≥ {n}'],
  exclusiveMaximum: ['schema.maximum', '必须小于 {n}', 'Must be < {n}'],
  exclusiveMinimum: ['schema.minimum', '必须大于 {n}', 'Must be > {n}'],
  multipleOf: ['schema.multipleOf', '必须是 {n} 的倍数', 'Must be a multiple of {n}'],
};

function limitMessage(
  e: SchemaError,
  at: string,
): { pointer: string; code: string; message: LocalizedText } {
  const spec = LIMITS[e.keyword];
  if (spec) {
    // Ajv names the bound `limit`, except for multipleOf.
    const n = String(e.params.limit ?? e.params.multipleOf);
    return {
      pointer: at,
      code: spec[0],
      message: t(`${spec[1].replace('{n}', n)}。`, `${spec[2].replace('{n}', n)}.`),
    };
  }
  if (e.keyword === 'uniqueItems')
    return {
      pointer: at,
      code: 'schema.uniqueItems',
      message: t('列表中有重复项。', 'The list has duplicate items.'),
    };
  return {
    pointer: at,
    code: `schema.${e.keyword}`,
    message: t('取值不符合要求。', 'The value is not allowed here.'),
  };
}

const COMPOSITE_HINTS: Record<string, LocalizedText> = {
  'text-or-binding': t(
    '应为双语文本 {"zh-CN","en"} 或绑定 {"bind": "config.…"}',
    'must be bilingual text {"zh-CN","en"} or a binding {"bind": "config.…"}',
  ),
  'image-source': t(
    '应为 upload:<id>、https:// 地址或绑定',
    'must be upload:<id>, an https:// URL or a binding',
  ),
  'value-or-binding': t('应为简单值或绑定', 'must be a plain value or a binding'),
};

/**
 * Turns schema errors into issues. For an `anyOf`/`oneOf` that failed, the branch errors are
 * replaced by one message saying what the alternatives are (named by the schema's `$comment`).
 */
export function schemaIssues(
  errors: readonly SchemaError[] | null | undefined,
  basePointer = '',
): Issue[] {
  if (!errors) return [];
  const composites = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inBranch = (e: SchemaError) =>
    composites.some(
      (c) =>
        c !== e &&
        e.schemaPath.startsWith(`${c.schemaPath}/`) &&
        e.instancePath.startsWith(c.instancePath),
    );
  return errors
    .filter((e) => e.keyword !== 'if' && !inBranch(e))
    .map((e) => {
      if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
        const key = String((e.parentSchema as { $comment?: unknown } | undefined)?.$comment ?? '');
        const hint =
          COMPOSITE_HINTS[key] ?? t('不符合任何允许的写法', 'matches none of the allowed forms');
        return {
          pointer: basePointer + e.instancePath,
          code: 'schema.alternatives',
          message: t(`取值无效：${hint['zh-CN']}。`, `Invalid value: ${hint.en}.`),
          severity: 'error' as const,
        };
      }
      const { pointer, code, message } = translate(e);
      return { pointer: basePointer + pointer, code, message, severity: 'error' as const };
    });
}
