import { mount } from '@vue/test-utils';
import type { MonthlyReport } from '@scene/client';
import { describe, expect, it } from 'vitest';
import { createStudioI18n } from '../i18n';
import ReportRevision from './ReportRevision.vue';

const REPORTED = 'std.property-repair/reported';
const metric = {
  key: REPORTED,
  pluginName: { 'zh-CN': '物业报修', en: 'Property repairs' },
  label: { 'zh-CN': '新报修', en: 'New requests' },
  unit: { 'zh-CN': '件', en: '' },
  combine: 'sum',
  minGroupSize: 5,
  total: 12,
  previous: 9,
  hidden: 0,
} as const;

/** Revision 2 of a region's month: one community rose to first place with three more requests. */
const report = {
  kind: 'region',
  subjectId: 'xh',
  subjectName: '西湖区',
  month: '2026-10',
  timeZone: 'Asia/Shanghai',
  from: '2026-10-01',
  to: '2026-11-01',
  previous: { from: '2026-09-01', to: '2026-10-01' },
  frozenAt: '2026-11-05T02:00:00.000Z',
  frozenBy: 'supervisor',
  revision: 2,
  reason: '补录报修',
  changes: [{ ...metric, from: 9, to: 12 }],
  rankingChanges: [
    {
      id: 'cuiyuan',
      name: '翠苑未来社区',
      from: { rank: 2, score: 80 },
      to: { rank: 1, score: 95 },
      figures: [{ key: REPORTED, from: 5, to: 8 }],
    },
    { id: 'gone', name: '北山社区', from: { rank: 3, score: 40 }, to: null, figures: [] },
  ],
  communities: 2,
  published: 2,
  score: 90,
  metrics: [metric],
  ranking: [],
} as unknown as MonthlyReport;

const lines = (lang: 'zh-CN' | 'en') =>
  mount(ReportRevision, {
    props: { report, latest: 2 },
    global: { plugins: [createStudioI18n(lang)] },
  })
    .find('[data-testid="report-ranking-changes"]')
    .findAll('li')
    .map((li) => li.text());

describe('ReportRevision, what a revision changed', () => {
  it('names each community whose row of the ranking moved, in words', () => {
    expect(lines('zh-CN')).toEqual([
      '翠苑未来社区：第 2 名（80 分） → 第 1 名（95 分）',
      '翠苑未来社区：物业报修 · 新报修：5 件 → 8 件',
      '北山社区：第 3 名（40 分） → 不在排名中',
    ]);
    expect(lines('en')).toEqual([
      '翠苑未来社区: No. 2 (score 80) → No. 1 (score 95)',
      '翠苑未来社区: Property repairs · New requests: 5 → 8',
      '北山社区: No. 3 (score 40) → not in the ranking',
    ]);
  });

  it('shows no ranking section for a revision that moved no row', () => {
    const w = mount(ReportRevision, {
      props: { report: { ...report, rankingChanges: [] }, latest: 2 },
      global: { plugins: [createStudioI18n('zh-CN')] },
    });
    expect(w.find('[data-testid="report-ranking-changes"]').exists()).toBe(false);
    expect(w.text()).not.toContain('排名有变化的社区');
  });
});
