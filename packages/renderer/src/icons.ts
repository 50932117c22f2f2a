import type { IconName } from '@scene/schema';

/**
 * The platform icon set drawn as emoji: no icon font or SVG sprite to download, and every
 * phone renders them. Icons are decorative (`aria-hidden`); the label next to them is the name.
 */
export const iconGlyphs: Record<IconName, string> = {
  home: '🏠',
  wrench: '🔧',
  megaphone: '📢',
  bell: '🔔',
  vote: '🗳️',
  handshake: '🤝',
  scroll: '📜',
  utensils: '🍽️',
  gift: '🎁',
  coins: '🪙',
  users: '👥',
  user: '👤',
  heart: '❤️',
  book: '📖',
  briefcase: '💼',
  building: '🏢',
  bus: '🚌',
  leaf: '🍃',
  shield: '🛡️',
  calendar: '📅',
  clock: '🕒',
  'map-pin': '📍',
  phone: '📞',
  star: '⭐',
  clipboard: '📋',
  chat: '💬',
  baby: '👶',
  elderly: '🧓',
  camera: '📷',
  settings: '⚙️',
  info: 'ℹ️',
  check: '✅',
  search: '🔍',
  chart: '📊',
  inbox: '📥',
  document: '📄',
  flag: '🚩',
  sparkles: '✨',
  'shopping-bag': '🛍️',
  qrcode: '🔳',
};

export function iconGlyph(name: unknown): string {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(iconGlyphs, name)
    ? iconGlyphs[name as IconName]
    : '';
}
