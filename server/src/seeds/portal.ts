import type { Block, PluginManifest, Portal, Tab, Theme } from '@scene/schema';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const SERVICE_SCENES = new Set(['service', 'health', 'education', 'neighbourhood', 'transport']);

function blocksOf(manifests: readonly PluginManifest[], prefix: string): Block[] {
  const blocks: Block[] = [];
  for (const m of manifests) {
    const short = m.id.split('.')[1] ?? m.id;
    for (const view of m.views) {
      if (view.slot !== 'block' || view.surface === 'staff') continue;
      blocks.push({
        id: `${prefix}-${short}-${view.id}`.slice(0, 40),
        kind: 'plugin',
        plugin: m.id,
        view: view.id,
      });
    }
  }
  return blocks;
}

/**
 * A complete portal placing every resident block view of the given plugins: all of them on the
 * (public) home page, and again grouped on a services tab and a governance tab; a "me" tab for points.
 * (Plugin page views are not placed directly: portal pages hold blocks, and a plugin's page
 * views open from its blocks through `navigate`.)
 */
export function portalWithAll(
  manifests: readonly PluginManifest[],
  theme: Theme,
  culture?: Theme['culture'],
): Portal {
  const services = manifests.filter((m) => SERVICE_SCENES.has(m.scene));
  const governance = manifests.filter((m) => m.scene === 'governance');
  const rest = manifests.filter((m) => !SERVICE_SCENES.has(m.scene) && m.scene !== 'governance');
  // The home page is public: visitors get the blocks that open to everyone (notices for all),
  // members also theirs; each block is offered only to the roles its view opens to.
  const pages: Portal['pages'] = [
    { id: 'home', title: t('首页', 'Home'), public: true, blocks: blocksOf(manifests, 'home') },
  ];
  const tabs: Tab[] = [{ id: 'home', title: t('首页', 'Home'), icon: 'home', page: 'home' }];
  if (services.length) {
    pages.push({ id: 'services', title: t('服务', 'Services'), blocks: blocksOf(services, 'svc') });
    tabs.push({ id: 'services', title: t('服务', 'Services'), icon: 'wrench', page: 'services' });
  }
  if (governance.length) {
    pages.push({
      id: 'governance',
      title: t('议事', 'Governance'),
      blocks: blocksOf(governance, 'gov'),
    });
    tabs.push({
      id: 'governance',
      title: t('议事', 'Governance'),
      icon: 'vote',
      page: 'governance',
    });
  }
  pages.push({ id: 'me', title: t('我的', 'Me'), blocks: blocksOf(rest, 'me') });
  tabs.push({ id: 'me', title: t('我的', 'Me'), icon: 'user', page: 'me' });
  return { portalVersion: 1, theme: { ...theme, ...(culture ? { culture } : {}) }, tabs, pages };
}
