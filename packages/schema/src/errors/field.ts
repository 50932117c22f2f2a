// The same errors as format.ts, worded for a form: the message sits under a labelled field, so
// it speaks to the person filling it in ("必填", "最多 40 个字") instead of naming properties and
// raw values, and a missing property is reported on its own field rather than on its parent.
// Codes are the document register's, so a form and the CLI agree on what is wrong.
import type { LocalizedText } from '../manifest/types';
import { escapePointerSegment } from './issue';
import type { Issue } from './issue';
import type { SchemaError } from './schema-error';

type Words = (p: Record<string, unknown>) => LocalizedText;
const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: t('文本', 'text'),
  number: t('数字', 'a number'),
  integer: t('整数', 'a whole number'),
  boolean: t('是或否', 'yes or no'),
  object: t('一组字段', 'a group of fields'),
  array: t('列表', 'a list'),
  null: t('空', 'empty'),
};

const FORMATS: Record<string, LocalizedText> = {
  date: t('请输入有效日期', 'Enter a valid date'),
  'date-time': t('请输入有效的日期和时间', 'Enter a valid date and time'),
  time: t('请输入有效时间', 'Enter a valid time'),
  email: t('请输入有效的邮箱地址', 'Enter a valid email address'),
  uri: t('请输入有效的网址', 'Enter a valid URL'),
  uuid: t('请输入有效的 UUID', 'Enter a valid UUID'),
};

// Ajv names the bound `limit`, except for multipleOf.
const n = (p: Record<string, unknown>) => String(p.limit ?? p.multipleOf ?? '');
const typeNames = (p: Record<string, unknown>, lang: keyof LocalizedText) =>
  String(p.type)
    .split(',')
    .map((x) => TYPE_NAMES[x]?.[lang] ?? x)
    .join(lang === 'en' ? ' or ' : '或');

const CHOOSE = t('请从选项中选择', 'Choose one of the options');
const INVALID = t('内容无效', 'Invalid value');
const WRONG_FORMAT = t('格式不正确', 'Wrong format');

const WORDS: Record<string, Words> = {
  required: () => t('必填', 'Required'),
  type: (p) => t(`应为${typeNames(p, 'zh-CN')}`, `Must be ${typeNames(p, 'en')}`),
  minLength: (p) => t(`至少 ${n(p)} 个字`, `At least ${n(p)} characters`),
  maxLength: (p) => t(`最多 ${n(p)} 个字`, `At most ${n(p)} characters`),
  pattern: () => WRONG_FORMAT,
  format: (p) => FORMATS[String(p.format)] ?? WRONG_FORMAT,
  minimum: (p) => t(`不能小于 ${n(p)}`, `Must be at least ${n(p)}`),
  maximum: (p) => t(`不能大于 ${n(p)}`, `Must be at most ${n(p)}`),
  exclusiveMinimum: (p) => t(`必须大于 ${n(p)}`, `Must be more than ${n(p)}`),
  exclusiveMaximum: (p) => t(`必须小于 ${n(p)}`, `Must be less than ${n(p)}`),
  multipleOf: (p) => t(`必须是 ${n(p)} 的倍数`, `Must be a multiple of ${n(p)}`),
  minItems: (p) => t(`至少 ${n(p)} 项`, `At least ${n(p)} items`),
  maxItems: (p) => t(`最多 ${n(p)} 项`, `At most ${n(p)} items`),
  uniqueItems: () => t('不能有重复项', 'Items must be unique'),
  enum: () => CHOOSE,
  oneOf: () => CHOOSE,
  const: () => t('值不正确', 'Wrong value'),
  additionalProperties: (p) =>
    t(
      `不允许的字段：${String(p.additionalProperty)}`,
      `Field not allowed: ${String(p.additionalProperty)}`,
    ),
};

/** The document register's code for a keyword (see format.ts), so both registers agree. */
const CODES: Record<string, string> = {
  additionalProperties: 'schema.unknownProperty',
  exclusiveMinimum: 'schema.minimum',
  exclusiveMaximum: 'schema.maximum',
  anyOf: 'schema.alternatives',
  oneOf: 'schema.alternatives',
  dependentRequired: 'schema.required',
};

/**
 * Issues for a form: one per failed field, on the field's own pointer. Failures inside the
 * branches of an `anyOf`/`oneOf` are summed up by the composite's own message.
 */
export function fieldIssues(errors: readonly SchemaError[] | null | undefined): Issue[] {
  if (!errors) return [];
  const composites = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const inBranch = (e: SchemaError) =>
    composites.some((c) => c !== e && e.schemaPath.startsWith(`${c.schemaPath}/`));
  return errors
    .filter((e) => e.keyword !== 'if' && !inBranch(e))
    .map((e) => {
      const pointer =
        e.keyword === 'required'
          ? `${e.instancePath}/${escapePointerSegment(String(e.params.missingProperty))}`
          : e.instancePath;
      const message = (WORDS[e.keyword] ?? (() => INVALID))(e.params);
      return {
        pointer,
        code: CODES[e.keyword] ?? `schema.${e.keyword}`,
        severity: 'error',
        message,
      };
    });
}
