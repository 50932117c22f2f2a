import { useI18n } from './i18n';
import en from './locales/people/en.json';
import zhCN from './locales/people/zh-CN.json';

const merged = new WeakSet<object>();

/**
 * The shell's translator, with the words of 我的 → 家人 and 通知设置 added: those pages load
 * them with their own code instead of the portal carrying them from the start (its initial JS
 * budget). Added once per catalogue, when the first of the two pages is drawn.
 */
export function usePeopleWords() {
  const i18n = useI18n();
  if (!merged.has(i18n)) {
    i18n.mergeLocaleMessage('zh-CN', zhCN);
    i18n.mergeLocaleMessage('en', en);
    merged.add(i18n);
  }
  return i18n;
}
