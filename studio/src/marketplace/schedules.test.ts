import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import type { Installation, SchedulesApi, CommunitiesApi } from '@scene/client';
import { exampleManifest, type PluginManifest, type ScheduleDef } from '@scene/schema';
import { createStudioI18n } from '../i18n';
import { setApi } from '../api';
import { fakeClient, fakeResource } from '../testing/fake-client';
import SchedulesDrawer from './SchedulesDrawer.vue';
import { scheduleWhen } from './schedule-words';

const manifest: PluginManifest = {
  ...exampleManifest('acme.repairs'),
  manifestVersion: 2,
  schedules: {
    morning: {
      label: { 'zh-CN': '早间提醒', en: 'Morning reminder' },
      at: { time: '10:00', days: ['mon', 'fri'] },
      catchUp: 'PT6H',
      collection: 'tickets',
      notify: [{ to: { owner: true }, title: { 'zh-CN': '提醒', en: 'Reminder' } }],
    },
    stale: {
      label: { 'zh-CN': '超时升级', en: 'Escalate' },
      after: { field: 'createdAt', offset: 'PT2H' },
      collection: 'tickets',
      transition: 'accept',
    },
  },
};
const installation = {
  pluginId: 'acme.repairs',
  version: '1.0.0',
  status: 'active',
  pinned: false,
  config: {},
  grantedPermissions: [],
  installedAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  schedules: { morning: true, stale: false },
  manifest,
} as Installation;

describe('schedule words', () => {
  it('say when a schedule runs in both languages, never in ISO', () => {
    for (const [locale, week, after] of [
      ['zh-CN', '每周一、五 10:00', '记录“创建时间”之后 2 小时'],
      ['en', 'Every Mon, Fri at 10:00', '2 h after the record’s "created"'],
    ] as const) {
      const t = createStudioI18n(locale).global.t as (k: string, v?: object) => string;
      expect(scheduleWhen(manifest, manifest.schedules!.morning!, {}, t, locale)).toBe(week);
      expect(scheduleWhen(manifest, manifest.schedules!.stale!, {}, t, locale)).toBe(after);
    }
  });

  it('read an offset from config with the setting’s title, or say it is not set', () => {
    const bound = {
      ...manifest.schedules!.stale!,
      after: { field: 'createdAt', offset: { bind: 'config.ratingPoints', unit: 'hours' } },
    } as ScheduleDef;
    for (const [locale, words, unset] of [
      ['zh-CN', '记录“创建时间”之后 48 小时（时长见配置“评价奖励积分”）', '配置中尚未设置间隔时长'],
      [
        'en',
        '48 h after the record’s "created" (how long from the setting "Points for a rating")',
        'How long after is not set in the configuration yet',
      ],
    ] as const) {
      const t = createStudioI18n(locale).global.t as (k: string, v?: object) => string;
      expect(scheduleWhen(manifest, bound, { ratingPoints: 48 }, t, locale)).toBe(words);
      expect(scheduleWhen(manifest, bound, {}, t, locale)).toBe(unset);
    }
  });
});

describe('SchedulesDrawer', () => {
  it('shows each schedule with its switch and the run log in the community zone', async () => {
    const switched: unknown[] = [];
    setApi(
      fakeClient({
        communities: fakeResource<CommunitiesApi>('communities', {
          get: async () => ({ timeZone: 'Asia/Shanghai' }) as never,
        }),
        schedules: fakeResource<SchedulesApi>('schedules', {
          runs: async () => [
            {
              pluginId: 'acme.repairs',
              schedule: 'morning',
              kind: 'at',
              occurrence: '2026-03-10T02:00:00.000Z',
              status: 'late',
              matched: 0,
              acted: 0,
              skipped: 0,
              late: 0,
              failed: 0,
              startedAt: '2026-03-10T05:00:00.000Z',
            },
          ],
          setEnabled: async (...args) => {
            switched.push(args);
            return { ...installation, schedules: { morning: true, stale: true } };
          },
        }),
      }),
    );
    const w = mount(SchedulesDrawer, {
      props: { communityId: 'c1', installation, modelValue: false },
      global: { plugins: [createStudioI18n('zh-CN')] },
      attachTo: document.body,
    });
    await w.setProps({ modelValue: true });
    await flushPromises();
    const text = document.body.textContent ?? '';
    expect(text).toContain('早间提醒');
    expect(text).toContain('每周一、五 10:00');
    expect(text).toContain('停机后 6 小时 内错过的会补跑一次');
    expect(text).toContain('2026年3月10日 10:00');
    expect(text).toContain('已错过（超过补跑时限）');
    expect(text).not.toMatch(/2026-03-10T/);
    const off = document.querySelector('[data-testid="schedule-switch-stale"]') as HTMLElement;
    off.click();
    await flushPromises();
    expect(switched).toEqual([['c1', 'acme.repairs', 'stale', true]]);
    expect(w.emitted('changed')).toHaveLength(1);
    w.unmount();
  });
});
