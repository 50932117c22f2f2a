import type { LocalizedText } from '../manifest/types';

/**
 * The text of a `{zh-CN, en}` pair in the reader's language ('en' or anything else for zh-CN),
 * falling back to the other language so a label is never empty. Plain strings (hand-written
 * schemas, server messages) pass through; a missing text is ''.
 */
export function localize(
  text: LocalizedText | string | null | undefined,
  locale: string,
  /**
   * `fallback: false` keeps an empty text empty: a unit with no word in one language
   * (`{"zh-CN": "件", "en": ""}`: "5 → 8" in English) must not borrow the other's.
   */
  { fallback = true }: { fallback?: boolean } = {},
): string {
  if (!text) return '';
  if (typeof text === 'string') return text;
  const [first, second] = locale === 'en' ? [text.en, text['zh-CN']] : [text['zh-CN'], text.en];
  return fallback ? first || second || '' : (first ?? '');
}
