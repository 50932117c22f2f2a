import { afterEach, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { ElSelect, ElSwitch } from 'element-plus';
import type {
  FamilyApi,
  Installation,
  InstallationsApi,
  Member,
  MembersApi,
  NotificationsApi,
  OperatorFamilyLink,
  WebhookDelivery,
} from '@scene/client';
import { createStudioI18n } from '../i18n';
import { setApi } from '../api';
import { fakeClient, fakeResource } from '../testing/fake-client';
import AttributesDialog from './AttributesDialog.vue';
import FamilyDrawer from './FamilyDrawer.vue';
import MembersView from './MembersView.vue';
import NotificationsView from './NotificationsView.vue';
import PluginRolesDialog from './PluginRolesDialog.vue';
import { roleGroups } from './plugin-roles';

const member = (accountId: string, displayName: string, attributes = {}): Member => ({
  accountId,
  username: accountId,
  displayName,
  role: 'resident',
  pluginRoles: [],
  attributes,
  since: '2026-01-01T00:00:00.000Z',
});
const elder = member('elder', '赵奶奶', { ageBand: '80+', building: '5幢', tags: ['独居'] });
const son = member('son', '王小明');
const global = { plugins: [createStudioI18n('zh-CN')] };
const t2 = (zh: string, en: string) => ({ 'zh-CN': zh, en });
/** An installed plugin with two roles: one granted one by one, one every resident holds. */
const proposals = {
  pluginId: 'std.proposals',
  manifest: {
    name: t2('议事协商', 'Proposals'),
    roles: [
      { id: 'committee', name: t2('业委会委员', 'Committee member'), grantedTo: [] },
      { id: 'voter', name: t2('表决人', 'Voter'), grantedTo: ['resident'] },
    ],
  },
  // The studio reads only the id, name and roles of an installation here.
} as unknown as Installation;

afterEach(() => setApi(null));

describe('residents and families in the studio', () => {
  it('lists members with their attributes in words, never raw values', async () => {
    setApi(
      fakeClient({
        members: fakeResource<MembersApi>('members', {
          list: async () => [elder, { ...son, pluginRoles: ['plugin:std.proposals/committee'] }],
        }),
        installations: fakeResource<InstallationsApi>('installations', {
          list: async () => [proposals],
        }),
      }),
    );
    const w = mount(MembersView, { props: { communityId: 'c1' }, global, attachTo: document.body });
    await flushPromises();
    const text = w.text();
    // A granted plugin role reads as the plugin and the role name, never its code.
    expect(text).toContain('议事协商 · 业委会委员');
    expect(text).not.toContain('plugin:');
    expect(text).toContain('80 岁及以上');
    expect(text).not.toContain('80+');
    expect(text).toContain('5幢');
    expect(text).toContain('独居');
    expect(text).toContain('未登记');
    w.unmount();
  });

  it('records attributes as a whole, dropping what is left empty', async () => {
    const updates: unknown[] = [];
    setApi(
      fakeClient({
        members: fakeResource<MembersApi>('members', {
          update: async (_c, id, patch) => {
            updates.push([id, patch]);
            return { ...son, ...patch } as Member;
          },
        }),
      }),
    );
    const w = mount(AttributesDialog, {
      props: { communityId: 'c1', member: son, modelValue: false },
      global,
      attachTo: document.body,
    });
    await w.setProps({ modelValue: true });
    await flushPromises();
    const selects = w.findAllComponents(ElSelect);
    selects[0]!.vm.$emit('update:modelValue', '60-69');
    await flushPromises();
    await w.get('[data-testid=attr-save]').trigger('click');
    await flushPromises();
    expect(updates).toEqual([['son', { attributes: { ageBand: '60-69' } }]]);
    w.unmount();
  });

  it('grants plugin roles by name, shows the ones a role holds anyway, keeps other grants', async () => {
    const updates: unknown[] = [];
    setApi(
      fakeClient({
        members: fakeResource<MembersApi>('members', {
          update: async (_c, id, patch) => {
            updates.push([id, patch]);
            return { ...son, ...patch } as Member;
          },
        }),
      }),
    );
    const kept = 'plugin:std.uninstalled/helper';
    const grantee = { ...son, pluginRoles: [kept] };
    const w = mount(PluginRolesDialog, {
      props: {
        communityId: 'c1',
        member: grantee,
        groups: roleGroups([proposals], 'resident', 'zh-CN'),
        modelValue: false,
      },
      global,
      attachTo: document.body,
    });
    await w.setProps({ modelValue: true });
    await flushPromises();
    const dialog = document.querySelector('[data-testid=plugin-roles-dialog]')!;
    expect(dialog.textContent).toContain('议事协商');
    expect(dialog.textContent).toContain('业委会委员');
    expect(dialog.textContent).toContain('居民默认拥有');
    expect(dialog.textContent).not.toContain('committee');
    const voter = dialog.querySelector<HTMLInputElement>(
      '[data-testid="grant-plugin:std.proposals/voter"] input',
    )!;
    expect(voter.checked).toBe(true);
    expect(voter.disabled).toBe(true);
    dialog
      .querySelector<HTMLInputElement>(
        '[data-testid="grant-plugin:std.proposals/committee"] input',
      )!
      .click();
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-testid=plugin-roles-save]')!.click();
    await flushPromises();
    expect(updates).toEqual([['son', { pluginRoles: [kept, 'plugin:std.proposals/committee'] }]]);
    w.unmount();
  });

  it('shows who allows whom what, and records a paper consent', async () => {
    const link: OperatorFamilyLink = {
      id: 'l1',
      a: { accountId: 'son', displayName: '王小明', grants: { act: false, notify: false } },
      b: { accountId: 'elder', displayName: '赵奶奶', grants: { act: true, notify: true } },
      relation: 'parent',
      consent: { kind: 'accepted', at: '2026-05-01T02:00:00.000Z' },
      since: '2026-05-01T02:00:00.000Z',
    };
    const recorded: unknown[] = [];
    setApi(
      fakeClient({
        family: fakeResource<FamilyApi>('family', {
          communityLinks: async () => [link],
          record: async (_c, input) => {
            recorded.push(input);
            return link;
          },
        }),
      }),
    );
    const neighbour = member('nb', '李阿姨');
    const w = mount(FamilyDrawer, {
      props: {
        communityId: 'c1',
        member: elder,
        members: [elder, son, neighbour],
        modelValue: false,
      },
      global,
      attachTo: document.body,
    });
    await w.setProps({ modelValue: true });
    await flushPromises();
    const row = document.querySelector('[data-testid=family-row]')!.textContent!;
    // Seen from the elder: her son (the inverse of "parent"), whom she allows both.
    expect(row).toContain('王小明（子女）');
    expect(row).toContain('赵奶奶 允许对方：代为办理、接收通知');
    expect(row).toContain('对方允许 赵奶奶：未授权');
    const other = w.findAllComponents(ElSelect)[0]!;
    other.vm.$emit('update:modelValue', 'nb');
    // The drawer is teleported to the body.
    const note = document.querySelector<HTMLInputElement>('input[data-testid=family-note]')!;
    note.value = '社区办公室 2 号柜';
    note.dispatchEvent(new Event('input'));
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-testid=family-record]')!.click();
    await flushPromises();
    expect(recorded).toEqual([
      {
        a: 'elder',
        b: 'nb',
        relation: 'child',
        aGrants: { act: true, notify: true },
        bGrants: { act: false, notify: false },
        consentNote: '社区办公室 2 号柜',
      },
    ]);
    w.unmount();
  });

  it('keeps the webhook secret unsaid, and shows each delivery attempt in words', async () => {
    const saved: unknown[] = [];
    const delivery: WebhookDelivery = {
      id: 'j-0',
      pluginId: 'std.notice-board',
      title: { 'zh-CN': '社区公告提醒', en: 'Community notice' },
      recipients: 120,
      status: 'delivered',
      attempts: [
        { at: '2026-05-01T02:00:00.000Z', status: 500, error: null, ms: 40 },
        { at: '2026-05-01T02:00:30.000Z', status: null, error: 'ECONNREFUSED', ms: 3 },
        { at: '2026-05-01T02:01:30.000Z', status: 200, error: null, ms: 35 },
      ],
      nextAttemptAt: null,
      createdAt: '2026-05-01T02:00:00.000Z',
      deliveredAt: '2026-05-01T02:01:30.000Z',
    };
    setApi(
      fakeClient({
        notifications: fakeResource<NotificationsApi>('notifications', {
          webhook: async () => ({
            url: 'https://sms.example/hook',
            enabled: true,
            secretHint: 'wxyz',
            updatedAt: '2026-05-01T00:00:00.000Z',
          }),
          deliveries: async () => ({ items: [delivery], nextCursor: null }),
          saveWebhook: async (_c, input) => {
            saved.push(input);
            return { url: input.url, enabled: input.enabled, secretHint: 'wxyz', updatedAt: null };
          },
        }),
        installations: fakeResource<InstallationsApi>('installations', {
          list: async () =>
            [
              {
                pluginId: 'std.notice-board',
                manifest: { name: { 'zh-CN': '社区公告', en: 'Notices' } },
              },
            ] as never,
        }),
      }),
    );
    const w = mount(NotificationsView, {
      props: { communityId: 'c1' },
      global,
      attachTo: document.body,
    });
    await flushPromises();
    expect(w.get('input[data-testid=webhook-secret]').attributes('placeholder')).toContain('wxyz');
    const log = w.get('[data-testid=delivery-log]').text();
    expect(log).toContain('社区公告');
    expect(log).toContain('社区公告提醒');
    expect(log).toContain('已送达');
    expect(log).not.toContain('std.notice-board');
    // Saving without typing a secret keeps the current one (none is sent).
    w.findComponent(ElSwitch).vm.$emit('update:modelValue', false);
    await w.get('[data-testid=webhook-save]').trigger('click');
    await flushPromises();
    expect(saved).toEqual([{ url: 'https://sms.example/hook', enabled: false }]);
    w.unmount();
  });
});
