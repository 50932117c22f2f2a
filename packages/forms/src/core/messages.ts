import type { Locale } from './types';

/** Texts of the form's own controls. */
const UI = {
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
  uploadedImage: { 'zh-CN': '已上传的图片 {n}', en: 'Uploaded picture {n}' },
  noUploader: { 'zh-CN': '暂不支持上传', en: 'Uploads are not available here' },
  preview: { 'zh-CN': '预览', en: 'Preview' },
  tagInput: { 'zh-CN': '输入后按回车添加', en: 'Type and press Enter to add' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  formErrors: { 'zh-CN': '请检查以下问题', en: 'Please check the following' },
  unsupported: {
    'zh-CN':
      '表单无法把这一部分显示为字段：它使用了 {keyword}（位于 {pointer}）。请直接编辑下面的 JSON。',
    en: 'The form cannot show this part as fields: it uses {keyword} (at {pointer}). Edit it as JSON below.',
  },
  mismatch: {
    'zh-CN': '已保存的值不符合这个字段，原值保留如下。请清除后重新填写。',
    en: 'The stored value does not fit this field; it is kept below. Clear it and fill the field in again.',
  },
  json: { 'zh-CN': 'JSON', en: 'JSON' },
  jsonInvalid: { 'zh-CN': '不是有效的 JSON，尚未保存', en: 'Not valid JSON; not saved yet' },
  clear: { 'zh-CN': '清除', en: 'Clear' },
  consent: { 'zh-CN': '请勾选以表示同意', en: 'Tick this box to agree' },
  wholeForm: { 'zh-CN': '全部内容', en: 'All of it' },
  stars: { 'zh-CN': '{n} 星', en: '{n} stars' },
  decrease: { 'zh-CN': '减少{label}', en: 'Decrease {label}' },
  increase: { 'zh-CN': '增加{label}', en: 'Increase {label}' },
} satisfies Record<string, Record<Locale, string>>;

export type UiText = keyof typeof UI;

/** A text of the form's own controls, with `{n}` (or each `{name}` of a record) replaced. */
export function uiText(
  key: UiText,
  locale: Locale,
  n?: number | string | Readonly<Record<string, string>>,
): string {
  const text: string = UI[key][locale];
  if (n === undefined) return text;
  if (typeof n !== 'object') return text.replace('{n}', String(n));
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => n[name] ?? whole);
}
