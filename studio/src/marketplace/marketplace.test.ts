import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ElMessageBox } from 'element-plus';
import { exampleManifest, type PluginManifest } from '@scene/schema';
import { createStudioI18n } from '../i18n';
import { setApi } from '../api';
import { fakeRegistry } from '../testing/fake-registry';
import MarketplaceView from './MarketplaceView.vue';
import { useInstallationActions } from './actions';
import { matches, toRows, useMarketplaceStore } from './store';

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
