import type { LocalizedText, PluginManifest } from '../manifest/types';
import { MANIFEST_VERSION } from '../manifest/vocabulary';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const mine = { field: 'createdBy', op: 'eq', value: { var: 'user.id' } } as const;

/**
 * A volunteer-hours plugin that shows figures: residents log their hours (and read only their
 * own), everyone sees the community's hours this month with a trend, a line of hours by day, a
 * bar chart by week and a pie by kind of work; operators get a declared metric. The worked
 * example of MANIFEST.md's "Sums, trends and community figures"; tests use it as the baseline.
 */
export function figuresExampleManifest(id = 'acme.volunteer'): PluginManifest {
  const vendor = id.split('.')[0]!;
  return {
    manifestVersion: MANIFEST_VERSION,
    id,
    version: '1.0.0',
    engines: { platform: '^1.0.0' },
    vendor: { id: vendor, name: t('Acme 科技', 'Acme') },
    name: t('志愿时长', 'Volunteer hours'),
    description: t(
      '居民记录志愿服务时长，社区看到本月总时长与趋势。',
      'Residents log volunteer hours; the community sees this month’s total and its trend.',
    ),
    scene: 'neighbourhood',
    tier: 'optional',
    icon: 'handshake',
    permissions: [],
    roles: [],
    config: { type: 'object', properties: {} },
    collections: {
      shifts: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date', title: t('服务日期', 'Date') },
            hours: {
              type: 'number',
              minimum: 0.5,
              maximum: 12,
              multipleOf: 0.5,
              title: t('时长（小时）', 'Hours'),
            },
            kind: {
              type: 'string',
              enum: ['garden', 'elderly', 'cleanup'],
              title: t('服务类型', 'Kind of work'),
              'x-labels': {
                garden: t('绿化', 'Gardening'),
                elderly: t('助老', 'Helping elders'),
                cleanup: t('清洁', 'Clean-up'),
              },
            },
          },
          required: ['date', 'hours', 'kind'],
        },
        indexes: [{ fields: { date: -1 } }],
        access: { read: [{ roles: ['resident'], where: mine }, { roles: ['operator'] }] },
      },
    },
    actions: {
      log: {
        type: 'create',
        collection: 'shifts',
        label: t('记录时长', 'Log hours'),
        roles: ['resident'],
        input: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date', title: t('服务日期', 'Date') },
            hours: {
              type: 'number',
              minimum: 0.5,
              maximum: 12,
              multipleOf: 0.5,
              title: t('时长（小时）', 'Hours'),
            },
            kind: {
              type: 'string',
              enum: ['garden', 'elderly', 'cleanup'],
              title: t('服务类型', 'Kind of work'),
              'x-labels': {
                garden: t('绿化', 'Gardening'),
                elderly: t('助老', 'Helping elders'),
                cleanup: t('清洁', 'Clean-up'),
              },
            },
          },
          required: ['date', 'hours', 'kind'],
        },
      },
    },
    queries: {
      mine: {
        collection: 'shifts',
        kind: 'list',
        where: mine,
        sort: [{ field: 'date', dir: 'desc' }],
        pageSize: { default: 20, max: 50 },
      },
      myHours: {
        collection: 'shifts',
        kind: 'aggregate',
        measures: [{ id: 'hours', op: 'sum', field: 'hours', label: t('时长', 'Hours') }],
        range: { field: 'date', default: { from: { var: 'startOfYear' } }, maxDays: 400 },
      },
      communityHours: {
        collection: 'shifts',
        kind: 'aggregate',
        scope: 'community',
        roles: ['resident', 'operator'],
        measures: [
          { id: 'hours', op: 'sum', field: 'hours', label: t('时长', 'Hours') },
          { id: 'shifts', op: 'count', label: t('人次', 'Shifts') },
          { id: 'average', op: 'avg', field: 'hours', label: t('平均时长', 'Average') },
        ],
        bucket: { field: 'date', unit: 'day' },
        range: { field: 'date', default: { from: { var: 'startOfMonth' } }, maxDays: 400 },
        minGroupSize: 5,
      },
      byKind: {
        collection: 'shifts',
        kind: 'aggregate',
        scope: 'community',
        roles: ['resident', 'operator'],
        measures: [{ id: 'hours', op: 'sum', field: 'hours', label: t('时长', 'Hours') }],
        groupBy: 'kind',
        range: { field: 'date', default: { from: { var: 'startOfMonth' } }, maxDays: 400 },
      },
      weekly: {
        collection: 'shifts',
        kind: 'aggregate',
        scope: 'community',
        roles: ['operator'],
        measures: [
          { id: 'hours', op: 'sum', field: 'hours', label: t('时长', 'Hours') },
          { id: 'longest', op: 'max', field: 'hours', label: t('最长', 'Longest') },
        ],
        bucket: { field: 'date', unit: 'week' },
        groupBy: 'kind',
        range: {
          field: 'date',
          default: { from: { var: 'startOfWeek', offset: '-P7W' } },
          maxDays: 400,
        },
      },
    },
    views: [
      {
        id: 'home-card',
        surface: 'resident',
        slot: 'block',
        root: {
          type: 'card',
          props: { title: t('志愿服务', 'Volunteering'), navigate: { view: 'figures' } },
          children: [
            {
              type: 'stat',
              props: {
                query: 'communityHours',
                label: t('本月社区志愿时长', 'Community hours this month'),
                unit: t('小时', 'h'),
                trend: 'previous',
                better: 'higher',
              },
            },
          ],
        },
      },
      {
        id: 'figures',
        surface: 'resident',
        slot: 'page',
        route: 'volunteer',
        title: t('志愿服务', 'Volunteering'),
        root: {
          type: 'stack',
          children: [
            {
              type: 'stat',
              props: {
                query: 'communityHours',
                measure: 'hours',
                label: t('本月社区志愿时长', 'Community hours this month'),
                unit: t('小时', 'h'),
                params: { from: { var: 'startOfMonth' } },
                trend: 'previous',
                better: 'higher',
              },
            },
            {
              type: 'chart',
              props: {
                query: 'communityHours',
                measure: 'hours',
                kind: 'line',
                label: t('每日时长', 'Hours by day'),
                unit: t('小时', 'h'),
              },
            },
            {
              type: 'chart',
              props: { query: 'byKind', kind: 'pie', label: t('按服务类型', 'By kind of work') },
            },
            { type: 'form', props: { action: 'log' } },
            {
              type: 'list',
              props: { query: 'mine' },
              children: [
                { type: 'text', props: { text: { bind: 'item.kind' } } },
                { type: 'text', props: { text: { bind: 'item.date' }, size: 'sm' } },
                { type: 'text', props: { text: { bind: 'item.hours' } } },
              ],
            },
          ],
        },
      },
      {
        id: 'weekly',
        surface: 'staff',
        slot: 'page',
        route: 'volunteer/weekly',
        roles: ['operator'],
        title: t('每周志愿时长', 'Weekly hours'),
        root: {
          type: 'chart',
          props: {
            query: 'weekly',
            measure: 'hours',
            kind: 'bar',
            label: t('每周时长（按类型）', 'Hours by week and kind'),
          },
        },
      },
    ],
    metrics: [
      {
        id: 'hours',
        label: t('志愿服务时长', 'Volunteer hours'),
        query: 'communityHours',
        measure: 'hours',
        unit: t('小时', 'h'),
        chart: 'line',
        better: 'higher',
      },
    ],
    migrations: [],
    lifecycle: { onUninstall: 'export-then-delete' },
  };
}
