import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { standardPluginEntries } from '@scene/plugins';
import type { Api } from '@scene/client';
import { setApi } from '../api';
import { createStudioI18n } from '../i18n';
import { useAuthStore } from '../stores/auth';
import { fakeClient, fakeResource } from '../testing/fake-client';
import { samplePortal } from '../testing/portal-fixture';
import PhonePreview from './PhonePreview.vue';

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  globalThis.localStorage?.clear();
});
afterEach(() => setApi(null));
// Each test's preview goes away after it, as the compose screen's does when it remounts one.
enableAutoUnmount(afterEach);

const plugins = Object.fromEntries(
  standardPluginEntries.map((e) => [e.manifest.id, { manifest: e.manifest, config: {} }]),
);
const LIVE_NOTICE = '社区里真实的停水通知';
const EXAMPLE_NOTICE = '示例：电梯年检';

async function mountPreview() {
  const asked: string[] = [];
  setApi(
    fakeClient({
      records: fakeResource<Api['records']>('records', {
        async query(c, plugin, query) {
          asked.push(`${c}/${plugin}/${query}`);
          return {
            kind: 'list',
            items: [{ id: 'n1', title: LIVE_NOTICE, createdAt: '2026-12-01T02:00:00.000Z' }],
            nextCursor: null,
          };
        },
      }),
    }),
  );
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/c/:communityId/compose', component: { template: '<div />' } }],
  });
  await router.push('/c/cuiyuan/compose');
  const auth = useAuthStore();
  auth.user = {
    id: 'op1',
    username: 'op-cuiyuan',
    displayName: '崔运营',
    roles: ['operator'],
    supervises: null,
    memberships: [{ communityId: 'cuiyuan', role: 'operator', pluginRoles: [] }],
  } as unknown as typeof auth.user; // only the fields the preview reads
  const wrapper = mount(PhonePreview, {
    props: {
      portal: samplePortal(),
      pageId: 'home',
      plugins,
      dataPicker: true,
      fixtures: {
        lists: { 'std.notice-board/latest': [{ _id: 'x1', title: EXAMPLE_NOTICE }] },
      },
    },
    global: { plugins: [pinia, router, createStudioI18n('zh-CN')] },
  });
  await flushPromises();
  return { wrapper, asked };
}

describe('the phone preview’s data choice', () => {
  it('shows example data until the community’s is chosen, then reads it as the operator', async () => {
    const { wrapper, asked } = await mountPreview();
    const choose = async (index: number) => {
      await wrapper.get('[data-testid="preview-data"]').findAll('input')[index]!.setValue(true);
      await flushPromises();
    };
    const roleInputs = () => wrapper.get('[data-testid="preview-as"]').findAll('input');
    // The list primitive loads on first use: wait for what it draws.
    const shows = (text: string) =>
      vi.waitFor(() => expect(wrapper.text()).toContain(text), { timeout: 15_000 });
    await shows(EXAMPLE_NOTICE);
    expect(wrapper.find('[data-testid="preview-data-note"]').exists()).toBe(false);
    expect(asked).toEqual([]);

    await choose(1);
    await shows(LIVE_NOTICE);
    expect(wrapper.text()).not.toContain(EXAMPLE_NOTICE);
    expect(asked).toContain('cuiyuan/std.notice-board/latest');
    expect(wrapper.get('[data-testid="preview-data-note"]').text()).toContain('以运营身份读取');
    // The server reads as the operator: the role choice says so and cannot be changed.
    expect(roleInputs().every((i) => (i.element as HTMLInputElement).disabled)).toBe(true);
    expect((roleInputs()[3]!.element as HTMLInputElement).checked).toBe(true);
    await flushPromises();
    expect(globalThis.localStorage.getItem('scene-studio.preview-data')).toBe('community');

    await choose(0);
    await shows(EXAMPLE_NOTICE);
    expect(wrapper.text()).not.toContain(LIVE_NOTICE);
    expect(roleInputs().some((i) => (i.element as HTMLInputElement).disabled)).toBe(false);
  });

  it('remembers the choice after the preview that first asked is gone (compose remounts it)', async () => {
    (await mountPreview()).wrapper.unmount();
    const { wrapper } = await mountPreview();
    await wrapper.get('[data-testid="preview-data"]').findAll('input')[1]!.setValue(true);
    await flushPromises();
    expect(globalThis.localStorage.getItem('scene-studio.preview-data')).toBe('community');
    await wrapper.get('[data-testid="preview-data"]').findAll('input')[0]!.setValue(true);
    await flushPromises();
    expect(globalThis.localStorage.getItem('scene-studio.preview-data')).toBe('example');
  });
});
