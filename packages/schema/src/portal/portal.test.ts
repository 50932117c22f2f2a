import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../manifest/example';
import { primitiveCatalog } from '../primitives/catalog';
import { primitivePropsValidator } from '../manifest/semantic/views';
import type { Portal } from './types';
import { validatePortal } from './validate';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const portal = (): Portal => ({
  portalVersion: 1,
  theme: {
    primaryColor: '#1677ff',
    fontScale: 'large',
    culture: { title: t('和美社区', 'Harmony'), text: t('邻里互助', 'Neighbours help') },
  },
  tabs: [
    { id: 'home', title: t('首页', 'Home'), icon: 'home', page: 'home' },
    { id: 'me', title: t('我的', 'Me'), icon: 'user', page: 'me' },
  ],
  pages: [
    {
      id: 'home',
      title: t('首页', 'Home'),
      blocks: [
        { id: 'b1', kind: 'primitive', type: 'banner', props: { title: t('欢迎', 'Welcome') } },
        {
          id: 'b2',
          kind: 'plugin',
          plugin: 'acme.repairs',
          view: 'home-card',
          config: { title: '报修' },
        },
      ],
    },
    {
      id: 'me',
      title: t('我的', 'Me'),
      blocks: [
        { id: 'b3', kind: 'primitive', type: 'points-balance', props: { showHistory: true } },
      ],
    },
  ],
});
const plugins = { 'acme.repairs': exampleManifest() };

describe('validatePortal', () => {
  it('accepts a valid portal with installed plugins', () => {
    expect(validatePortal(portal(), { plugins })).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('rejects schema violations with pointers', () => {
    const p = portal() as unknown as { tabs: unknown[]; theme: { primaryColor: string } };
    p.tabs = p.tabs.slice(0, 1);
    p.theme.primaryColor = 'blue';
    expect(validatePortal(p).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/tabs schema.minItems',
      '/theme/primaryColor schema.pattern',
    ]);
  });

  it('checks blocks against installed plugins, slots, public pages and config', () => {
    const p = portal();
    p.pages[0]!.public = true;
    p.pages[0]!.blocks.push(
      { id: 'b4', kind: 'plugin', plugin: 'acme.repairs', view: 'mine' },
      { id: 'b5', kind: 'plugin', plugin: 'acme.nothing', view: 'x' },
      { id: 'b6', kind: 'primitive', type: 'list', props: { query: 'x' } },
    );
    (p.pages[0]!.blocks[1] as { config: object }).config = { title: 42 };
    p.tabs[1]!.page = 'missing';
    const codes = validatePortal(p, { plugins, standardPlugins: ['std.notices'] });
    expect(codes.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual([
      '/pages/0/blocks/1/config/title schema.type',
      '/pages/0/blocks/2/view portal.slot',
      '/pages/0/blocks/3/plugin portal.plugin',
      '/pages/0/blocks/4/type portal.primitive',
      '/tabs/1/page portal.page',
    ]);
    // Visitors do not get blocks that open to members only; the operator is told.
    expect(codes.warnings.map((w) => `${w.pointer} ${w.code}`)).toEqual([
      '/pages portal.coverage',
      '/pages/0/blocks/1/view portal.public',
      '/pages/0/blocks/2/view portal.public',
    ]);
    // In words: roles by their labels and plugins by their names, never by code or id.
    for (const w of codes.warnings.filter((x) => x.code === 'portal.public'))
      for (const text of [w.message['zh-CN'], w.message.en])
        expect(text).not.toMatch(/plugin:|\b(resident|staff|operator|public)\b|std\.|acme\./);
  });
});

describe('primitive catalog', () => {
  const designed =
    'stack grid card tabs section heading text markdown image banner entry-grid notice-bar badge empty list detail table stat chart calendar directory form button slot-picker ballot rating consent points-balance inbox'.split(
      ' ',
    );
  it.each(designed)('%s has a versioned, compilable props schema', (type) => {
    const spec = primitiveCatalog[type];
    expect(spec?.since).toMatch(/^\d+\.\d+\.\d+$/);
    const v = primitivePropsValidator(type);
    expect(v({ __nope: 1 })).toBe(false);
  });
});
