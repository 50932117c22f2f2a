import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ElMessageBox } from 'element-plus';
import { exampleManifest, type PluginManifest } from '@scene/schema';
import { standardPluginEntries } from '@scene/plugins';
import type { Installation } from '@scene/client';
import { createStudioI18n } from '../i18n';
import { setApi } from '../api';
import { fakeRegistry } from '../testing/fake-registry';
import InstalledTable from './InstalledTable.vue';
import MarketplaceView from './MarketplaceView.vue';
import { useInstallationActions } from './actions';
import { installedMatches, matches, toRows, useMarketplaceStore } from './store';

const repairs = exampleManifest('acme.repairs');
const notices: PluginManifest = {
  ...exampleManifest('std.notices'),
  name: { 'zh-CN': '公告', en: 'Notices' },
  tier: 'standard',
  scene: 'governance',
};

beforeEach(() => setActivePinia(createPinia()));

describe('marketplace rows', () => {
  it('filters by scene, tier, vendor and text', () => {
    const fake = fakeRegistry({ approved: [repairs, notices] });
    const list = fake.versions;
    const f = { scene: '', tier: '', vendor: '', q: '' };
    expect(
      list.filter((p) => matches(p, { ...f, tier: 'standard' })).map((p) => p.pluginId),
    ).toEqual(['std.notices']);
    expect(list.filter((p) => matches(p, { ...f, vendor: 'acme' })).map((p) => p.pluginId)).toEqual(
      ['acme.repairs'],
    );
    expect(
      list.filter((p) => matches(p, { ...f, scene: 'service' })).map((p) => p.pluginId),
    ).toEqual(['acme.repairs']);
    expect(list.filter((p) => matches(p, { ...f, q: 'REPAIRS' }))).toHaveLength(1);
  });

  it('offers an upgrade only when a newer approved version exists', () => {
    const fake = fakeRegistry({ approved: [{ ...repairs, version: '1.2.0' }] });
    const installed = [{ pluginId: 'acme.repairs', version: '1.0.0' }] as never;
    expect(toRows(fake.versions, installed)[0]!.upgradeTo).toBe('1.2.0');
    expect(
      toRows(fake.versions, [{ pluginId: 'acme.repairs', version: '1.2.0' }] as never)[0]!
        .upgradeTo,
    ).toBeUndefined();
  });
});

function mountView() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'marketplace-plugin', component: { template: '<div/>' } }],
  });
  return mount(MarketplaceView, {
    props: { communityId: 'c1' },
    global: { plugins: [createStudioI18n('en'), router], stubs: { InstalledTable: true } },
  });
}

describe('MarketplaceView', () => {
  it('tells a new operator what to expect when nothing is approved yet', async () => {
    setApi(fakeRegistry().api);
    const w = mountView();
    await flushPromises();
    expect(w.get('[data-testid="empty-state"]').text()).toContain('No approved plugins yet');
  });

  it('lists approved plugins and narrows them with the filters', async () => {
    setApi(fakeRegistry({ approved: [repairs, notices] }).api);
    const w = mountView();
    await flushPromises();
    expect(w.find('[data-testid="market-open-acme.repairs"]').exists()).toBe(true);
    // People read names: the vendor by the name its manifest gives, never an id.
    const row = w.get('[data-testid="market-open-acme.repairs"]').element.closest('tr')!;
    expect(row.textContent).toContain(repairs.vendor.name.en);
    expect(row.textContent).not.toContain('acme.repairs');
    useMarketplaceStore().filters.tier = 'standard';
    await flushPromises();
    expect(w.find('[data-testid="market-open-acme.repairs"]').exists()).toBe(false);
    expect(w.find('[data-testid="market-open-std.notices"]').exists()).toBe(true);
  });
});

describe('installation actions', () => {
  it('uninstalls only after confirming, naming what happens to the data', async () => {
    const fake = fakeRegistry({ approved: [repairs] });
    setApi(fake.api);
    await fake.api.installations.install('c1', {
      pluginId: 'acme.repairs',
      version: '1.0.0',
      acceptPermissions: repairs.permissions.map((p) => p.scope),
    });
    const store = useMarketplaceStore();
    await store.load('c1');
    let actions!: ReturnType<typeof useInstallationActions>;
    mount(
      { template: '<div/>', setup: () => void (actions = useInstallationActions()) },
      { global: { plugins: [createStudioI18n('en')] } },
    );

    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockRejectedValueOnce('cancel');
    expect(await actions.uninstall(store.installations[0]!)).toBe(false);
    expect(fake.calls).not.toContain('uninstall:acme.repairs');
    expect(String(confirm.mock.calls[0]![0])).toContain('exported for download first');

    confirm.mockResolvedValueOnce('confirm' as never);
    expect(await actions.uninstall(store.installations[0]!)).toBe(true);
    expect(fake.calls).toContain('uninstall:acme.repairs');
    expect(store.installations).toHaveLength(0);
  });
});

describe('the installed list', () => {
  const installedAll = (): Installation[] =>
    standardPluginEntries.map((e) => ({
      pluginId: e.manifest.id,
      version: e.manifest.version,
      status: 'active',
      pinned: false,
      grantedPermissions: [],
      installedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      schedules: {},
      manifest: e.manifest,
      config: e.fixtures.config,
    }));

  it('matches an installation by its name in either language, its id, and its scene', () => {
    const [survey] = installedAll().filter((i) => i.pluginId === 'std.survey');
    const f = { scene: '', q: '' };
    expect(installedMatches(survey!, { ...f, q: '问卷' })).toBe(true);
    expect(installedMatches(survey!, { ...f, q: 'SURVEY' })).toBe(true);
    expect(installedMatches(survey!, { ...f, q: '报修' })).toBe(false);
    expect(installedMatches(survey!, { ...f, scene: survey!.manifest!.scene })).toBe(true);
    expect(installedMatches(survey!, { ...f, scene: 'transport' })).toBe(false);
  });

  it('shows every plugin of a community on one page with its actions, and filters by scene and name', async () => {
    const all = installedAll();
    expect(all.length).toBeGreaterThan(10);
    const store = useMarketplaceStore();
    store.communityId = 'c1';
    store.installations = all;
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/:p(.*)*', name: 'marketplace-plugin', component: { template: '<div/>' } }],
    });
    const w = mount(InstalledTable, {
      global: { plugins: [createStudioI18n('zh-CN'), router] },
      attachTo: document.body,
    });
    await flushPromises();
    // Every row and its 设置 / 日程 buttons on the first page (was ten to a page).
    const withSettings = all.filter(
      (i) => Object.keys(i.manifest?.config?.properties ?? {}).length,
    );
    const withSchedules = all.filter((i) => Object.keys(i.manifest?.schedules ?? {}).length);
    expect(withSettings.length).toBeGreaterThan(0);
    expect(withSchedules.length).toBeGreaterThan(0);
    for (const i of withSettings)
      expect(w.find(`[data-testid="settings-${i.pluginId}"]`).exists(), i.pluginId).toBe(true);
    for (const i of withSchedules)
      expect(w.find(`[data-testid="schedules-${i.pluginId}"]`).exists(), i.pluginId).toBe(true);
    expect(w.text()).toContain(`共 ${all.length} 条`);

    const scene = all.find((i) => i.pluginId === 'std.survey')!.manifest!.scene;
    store.installedFilters.scene = scene;
    await flushPromises();
    const inScene = all.filter((i) => i.manifest?.scene === scene).length;
    expect(inScene).toBeLessThan(all.length);
    expect(w.text()).toContain(`共 ${inScene} 条`);
    expect(w.find('[data-testid="settings-std.survey"]').exists()).toBe(true);

    await w.get('input[data-testid="installed-search"]').setValue('报修');
    await flushPromises();
    // No plugin is both: the empty state offers to clear the filters.
    expect(w.text()).toContain('没有符合筛选条件的组件');
    const clear = w.findAll('button').find((b) => b.text() === '清除筛选')!;
    await clear.trigger('click');
    await flushPromises();
    expect(store.installedFilters).toEqual({ scene: '', q: '' });
    expect(w.text()).toContain(`共 ${all.length} 条`);
    w.unmount();
    // Twenty rows of an Element Plus table, rendered four times: slow on a loaded machine.
  }, 120_000);
});
