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
