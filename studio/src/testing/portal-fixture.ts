import type { Block, Portal } from '@scene/schema';

export function noticeBlock(id = 'notices', title = '社区公告'): Block {
  return { id, kind: 'plugin', plugin: 'std.notice-board', view: 'home-card', config: { title } };
}

/** A small two-page portal with one container, used by store and component tests. */
export function samplePortal(): Portal {
  return {
    portalVersion: 1,
    theme: { primaryColor: '#1d5fd6' },
    tabs: [
      { id: 'home', title: { 'zh-CN': '首页', en: 'Home' }, icon: 'home', page: 'home' },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, icon: 'user', page: 'me' },
    ],
    pages: [
      {
        id: 'home',
        title: { 'zh-CN': '首页', en: 'Home' },
        blocks: [
          noticeBlock(),
          {
            id: 'box',
            kind: 'primitive',
            type: 'stack',
            children: [
              { id: 'hello', kind: 'primitive', type: 'heading', props: { text: '你好' } },
            ],
          },
        ],
      },
      { id: 'me', title: { 'zh-CN': '我的', en: 'Me' }, blocks: [] },
    ],
  };
}
