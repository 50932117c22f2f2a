import type { Portal } from '@scene/schema';
import { localize } from '@scene/schema';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * Where in the portal a check's finding is, in words ("第 3 页「办事指南」的第 1 个区块"), from the
 * JSON pointer the server reports (`/pages/2/blocks/0/view`). Only the part a person can find on
 * the canvas is named: a page, a block (nested ones inside their parent), a tab, the theme; what
 * is wrong inside it is the message's to say.
 */
export function issuePlace(pointer: string, portal: Portal, t: Translate, locale: string): string {
  const place = placeOf(pointer, portal, t, locale);
  // English phrases nest in lower case ("block 1 on page 3"); the whole starts a line.
  return place.charAt(0).toUpperCase() + place.slice(1);
}

function placeOf(pointer: string, portal: Portal, t: Translate, locale: string): string {
  const parts = pointer.split('/').slice(1);
  const index = (i: number) => (/^\d+$/.test(parts[i] ?? '') ? Number(parts[i]) : undefined);
  if (parts[0] === 'pages') {
    const p = index(1);
    const page = p === undefined ? undefined : portal.pages[p];
    if (p === undefined) return t('publish.where.pages');
    let place = t('publish.where.page', {
      n: p + 1,
      title: page ? localize(page.title, locale) : '',
    });
    // /blocks/j, then /children/k for each level of nesting.
    for (let i = 2; i + 1 < parts.length; i += 2) {
      const n = index(i + 1);
      if ((parts[i] !== 'blocks' && parts[i] !== 'children') || n === undefined) break;
      place = t(i === 2 ? 'publish.where.blockOnPage' : 'publish.where.blockIn', {
        n: n + 1,
        outer: place,
      });
    }
    return place;
  }
  if (parts[0] === 'tabs') {
    const n = index(1);
    const tab = n === undefined ? undefined : portal.tabs[n];
    return n === undefined
      ? t('publish.where.tabs')
      : t('publish.where.tab', { n: n + 1, title: tab ? localize(tab.title, locale) : '' });
  }
  if (parts[0] === 'theme') return t('publish.where.theme');
  return t('publish.where.portal');
}
