import type { Locale } from './data-source';

/**
 * The renderer's own words (placeholders, buttons, states). The renderer is a library used
 * by the shell and the studio, so it carries them itself instead of relying on an i18n plugin.
 * Only the words of code in the portal's first download are here; the rest are in
 * `more-messages.ts`, loaded with the primitives that use them.
 */
export const rendererMessages = {
  blockFailed: { 'zh-CN': '此区块暂时无法显示', en: 'This block cannot be shown right now' },
  notForRole: {
    'zh-CN': '此区块不向当前预览的身份显示',
    en: 'This block is not shown to the role being previewed',
  },
  unknownPrimitive: { 'zh-CN': '不支持的组件', en: 'Unsupported component' },
  loadFailed: {
    'zh-CN': '加载失败，请检查网络后重试。',
    en: 'Could not load. Check your connection and try again.',
  },
  networkFailed: {
    'zh-CN': '网络连接失败，请稍后重试。',
    en: 'No connection. Please try again in a moment.',
  },
  empty: { 'zh-CN': '暂无内容', en: 'Nothing here yet' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  loginRequired: { 'zh-CN': '请先登录后再操作。', en: 'Please log in first.' },
  pointsEarned: { 'zh-CN': '获得 {n} 积分', en: 'You earned {n} points' },
  pointsSpent: { 'zh-CN': '兑换成功，使用 {n} 积分', en: 'Done: {n} points spent' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  waitlisted: {
    'zh-CN': '名额已满，已为您加入候补，目前排第 {n} 位；有名额空出时会自动为您补上并通知您。',
    en: 'It was full, so you are on the waitlist, number {n}. When a place frees, it is yours and you will be told.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof rendererMessages;

/** A table of words in every locale, like `rendererMessages`. */
export type Words<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>;

/**
 * One of the renderer's words with its `{name}` placeholders filled. `more` is a further table
 * (`moreMessages`) for the words of code loaded on demand; its keys are then accepted too.
 */
export function message<K extends string = never>(
  locale: Locale,
  key: MessageKey | NoInfer<K>,
  params: Record<string, string | number> = {},
  more?: Words<K>,
): string {
  const table: Words<string> = more && Object.hasOwn(more, key) ? more : rendererMessages;
  const template = table[key]?.[locale] ?? '';
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
