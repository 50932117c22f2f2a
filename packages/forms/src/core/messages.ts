import type { Locale } from './types';

type Params = Record<string, string | number>;
type Message = Record<Locale, (p: Params) => string>;

const m = (zh: (p: Params) => string, en: (p: Params) => string): Message => ({
  'zh-CN': zh,
  en,
});

/** Validation messages per JSON Schema keyword (and per format for `format`). */
const KEYWORDS: Record<string, Message> = {
  required: m(
    () => '必填',
    () => 'Required',
  ),
  type: m(
    (p) => `应为${TYPE_NAMES[String(p.type)]?.['zh-CN'] ?? p.type}`,
    (p) => `Must be ${TYPE_NAMES[String(p.type)]?.en ?? p.type}`,
  ),
  minLength: m(
    (p) => `至少 ${p.limit} 个字`,
    (p) => `At least ${p.limit} characters`,
  ),
  maxLength: m(
    (p) => `最多 ${p.limit} 个字`,
    (p) => `At most ${p.limit} characters`,
  ),
  pattern: m(
    () => '格式不正确',
    () => 'Wrong format',
  ),
  minimum: m(
    (p) => `不能小于 ${p.limit}`,
    (p) => `Must be at least ${p.limit}`,
  ),
  maximum: m(
    (p) => `不能大于 ${p.limit}`,
    (p) => `Must be at most ${p.limit}`,
  ),
  exclusiveMinimum: m(
    (p) => `必须大于 ${p.limit}`,
    (p) => `Must be more than ${p.limit}`,
  ),
  exclusiveMaximum: m(
    (p) => `必须小于 ${p.limit}`,
    (p) => `Must be less than ${p.limit}`,
  ),
  multipleOf: m(
    (p) => `必须是 ${p.limit} 的倍数`,
    (p) => `Must be a multiple of ${p.limit}`,
  ),
  minItems: m(
    (p) => `至少 ${p.limit} 项`,
    (p) => `At least ${p.limit} items`,
  ),
  maxItems: m(
    (p) => `最多 ${p.limit} 项`,
    (p) => `At most ${p.limit} items`,
  ),
  uniqueItems: m(
    () => '不能有重复项',
    () => 'Items must be unique',
  ),
  enum: m(
    () => '请从选项中选择',
    () => 'Choose one of the options',
  ),
  oneOf: m(
    () => '请从选项中选择',
    () => 'Choose one of the options',
  ),
  const: m(
    () => '值不正确',
    () => 'Wrong value',
  ),
  additionalProperties: m(
    (p) => `不允许的字段：${p.name}`,
    (p) => `Field not allowed: ${p.name}`,
  ),
  invalid: m(
    () => '内容无效',
    () => 'Invalid value',
  ),
};

const TYPE_NAMES: Record<string, Record<Locale, string>> = {
  string: { 'zh-CN': '文本', en: 'text' },
  number: { 'zh-CN': '数字', en: 'a number' },
  integer: { 'zh-CN': '整数', en: 'a whole number' },
  boolean: { 'zh-CN': '是或否', en: 'yes or no' },
  object: { 'zh-CN': '一组字段', en: 'a group of fields' },
  array: { 'zh-CN': '列表', en: 'a list' },
};

const FORMATS: Record<string, Record<Locale, string>> = {
  date: { 'zh-CN': '请输入有效日期', en: 'Enter a valid date' },
  'date-time': { 'zh-CN': '请输入有效的日期和时间', en: 'Enter a valid date and time' },
  time: { 'zh-CN': '请输入有效时间', en: 'Enter a valid time' },
  email: { 'zh-CN': '请输入有效的邮箱地址', en: 'Enter a valid email address' },
  uri: { 'zh-CN': '请输入有效的网址', en: 'Enter a valid URL' },
  uuid: { 'zh-CN': '请输入有效的 UUID', en: 'Enter a valid UUID' },
};

/** The message for a failed keyword; unknown keywords get a generic one. */
export function keywordMessage(keyword: string, params: Params, locale: Locale): string {
  if (keyword === 'format') {
    return FORMATS[String(params.format)]?.[locale] ?? KEYWORDS.pattern![locale](params);
  }
  return (KEYWORDS[keyword] ?? KEYWORDS.invalid!)[locale](params);
}

/** Texts of the form's own controls. */
const UI = {
  add: { 'zh-CN': '添加', en: 'Add' },
  addItem: { 'zh-CN': '添加一项', en: 'Add item' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  moveUp: { 'zh-CN': '上移', en: 'Move up' },
  moveDown: { 'zh-CN': '下移', en: 'Move down' },
  item: { 'zh-CN': '第 {n} 项', en: 'Item {n}' },
  empty: { 'zh-CN': '暂无内容', en: 'Nothing yet' },
  required: { 'zh-CN': '必填', en: 'required' },
  select: { 'zh-CN': '请选择', en: 'Choose' },
  confirm: { 'zh-CN': '确定', en: 'Confirm' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  upload: { 'zh-CN': '上传', en: 'Upload' },
  uploading: { 'zh-CN': '上传中 {n}%', en: 'Uploading {n}%' },
  uploadFailed: { 'zh-CN': '上传失败，请重试', en: 'Upload failed, try again' },
  noUploader: { 'zh-CN': '暂不支持上传', en: 'Uploads are not available here' },
  preview: { 'zh-CN': '预览', en: 'Preview' },
  tagInput: { 'zh-CN': '输入后按回车添加', en: 'Type and press Enter to add' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  formErrors: { 'zh-CN': '请检查以下问题', en: 'Please check the following' },
} satisfies Record<string, Record<Locale, string>>;

export type UiText = keyof typeof UI;

/** A text of the form's own controls, with `{n}` replaced. */
export function uiText(key: UiText, locale: Locale, n?: number | string): string {
  const text = UI[key][locale];
  return n === undefined ? text : text.replace('{n}', String(n));
}
