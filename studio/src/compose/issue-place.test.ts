import { describe, expect, it } from 'vitest';
import { createStudioI18n } from '../i18n';
import { samplePortal } from '../testing/portal-fixture';
import { issuePlace } from './issue-place';

const portal = samplePortal();
const place = (pointer: string, locale: 'zh-CN' | 'en') => {
  const t = createStudioI18n(locale).global.t as (k: string, v?: Record<string, unknown>) => string;
  return issuePlace(pointer, portal, t, locale);
};

describe('where a publish finding is, in words', () => {
  it.each([
    ['/pages/1', '第 2 页「我的」', 'Page 2 “Me”'],
    ['/pages/0/blocks/0/view', '第 1 页「首页」的第 1 个区块', 'Block 1 on page 1 “Home”'],
    [
      '/pages/0/blocks/1/children/0/props/text',
      '第 1 页「首页」的第 2 个区块中的第 1 个区块',
      'Block 1 inside block 2 on page 1 “Home”',
    ],
    ['/pages', '门户的页面', 'The portal’s pages'],
    ['/tabs/1/page', '底部导航第 2 项「我的」', 'Tab 2 “Me”'],
    ['/theme/primaryColor', '门户主题', 'The portal’s theme'],
    ['', '整个门户', 'The whole portal'],
  ])('%s', (pointer, zh, en) => {
    expect(place(pointer, 'zh-CN')).toBe(zh);
    expect(place(pointer, 'en')).toBe(en);
  });

  it('never shows the pointer, an index from zero or a role code', () => {
    for (const pointer of ['/pages/0/blocks/0', '/pages/9/blocks/3', '/tabs/7'])
      for (const locale of ['zh-CN', 'en'] as const)
        expect(place(pointer, locale)).not.toMatch(/\/|第 0 |\b0\b|plugin:/);
  });
});
