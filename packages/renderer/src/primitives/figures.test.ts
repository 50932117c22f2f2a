import { figuresExampleManifest, type AggregateAnswer, type ViewNode } from '@scene/schema';
import { standardPluginEntries } from '@scene/plugins';
import { describe, expect, it } from 'vitest';
import type { AggregateRequest } from '../data-source';
import { mountNode, settle } from '../test/mount';

const manifest = figuresExampleManifest();
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const node = (type: string, props: Record<string, unknown>): ViewNode => ({ type, props });
const figures = (values: Record<string, number | null>, count = 9) => ({ count, values });

/** March 2026 in Shanghai, by day, with the period before when asked. */
function hoursByDay(req: AggregateRequest): AggregateAnswer {
  return {
    kind: 'aggregate',
    from: '2026-02-28T16:00:00.000Z',
    to: '2026-03-05T16:00:00.000Z',
    total: figures({ hours: 12.5, shifts: 9, average: 1.39 }),
    rows: [
      { bucket: '2026-03-01', ...figures({ hours: 4, shifts: 5, average: 0.8 }, 5) },
      { bucket: '2026-03-02', suppressed: true },
      // 03-03 had nobody: zero hours.
      { bucket: '2026-03-04', ...figures({ hours: 6, shifts: 6, average: 1 }, 6) },
      { bucket: '2026-03-05', ...figures({ hours: 2.5, shifts: 5, average: 0.5 }, 5) },
    ],
    ...(req.compare
      ? {
          previous: {
            from: '2026-02-23T16:00:00.000Z',
            to: '2026-02-28T16:00:00.000Z',
            total: figures({ hours: 10, shifts: 7, average: 1.4 }),
          },
        }
      : {}),
  };
}

describe('stat over an aggregate', () => {
  const stat = manifest.views[1]!.root.children![0]!;

  it('shows the measure with its unit and the trend against the previous period', async () => {
    const asked: AggregateRequest[] = [];
    const { wrapper } = await mountNode(stat, {
      manifest,
      config: {},
      onAggregate: (req) => (asked.push(req), hoursByDay(req)),
    });
    expect(wrapper.get('.sp-stat__value').text()).toBe('12.5 小时');
    const trend = wrapper.get('.sp-stat__trend');
    expect(trend.text()).toBe('↑ 较上期上升 25%');
    // More hours is good news here (`better: "higher"`).
    expect(trend.classes()).toContain('sp-tone-success');
    // `params.from` = the start of this month in the community's zone, asked as an instant.
    expect(asked[0]).toMatchObject({ query: 'communityHours', compare: 'previous' });
    const from = new Date(asked[0]!.from!);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(from)).toMatch(
      /-01$/,
    );
    expect(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(from),
    ).toBe('00:00');
  });

  it('says so when a fall is bad news, and when the figure is hidden', async () => {
    const lower = node('stat', { ...stat.props, better: 'lower' });
    const down = await mountNode(lower, {
      manifest,
      config: {},
      locale: 'en',
      onAggregate: (req) => ({
        ...hoursByDay(req),
        total: figures({ hours: 8 }),
      }),
    });
    expect(down.wrapper.get('.sp-stat__trend').text()).toBe('↓ Down 20% on the previous period');
    expect(down.wrapper.get('.sp-stat__trend').classes()).toContain('sp-tone-success');

    // From nothing: no percentage, the change in the figure's unit.
    const fromZero = await mountNode(stat, {
      manifest,
      config: {},
      onAggregate: (req) => ({
        ...hoursByDay(req),
        previous: { ...hoursByDay(req).previous!, total: figures({ hours: 0 }) },
      }),
    });
    expect(fromZero.wrapper.get('.sp-stat__trend').text()).toBe('↑ 较上期上升 12.5 小时');

    const hidden = await mountNode(stat, {
      manifest,
      config: {},
      onAggregate: (req) => ({ ...hoursByDay(req), total: { suppressed: true } }),
    });
    expect(hidden.wrapper.get('.sp-stat__value').text()).toBe('—人数太少，不显示');
    expect(hidden.wrapper.find('.sp-stat__trend').exists()).toBe(false);
  });
});

describe('chart over an aggregate', () => {
  it('draws a line by day, zero where nobody logged, broken where a figure is hidden', async () => {
    const line = manifest.views[1]!.root.children![1]!;
    const { wrapper } = await mountNode(line, { manifest, config: {}, onAggregate: hoursByDay });
    const svg = wrapper.get('svg.sp-chart__plot');
    expect(svg.attributes('role')).toBe('img');
    // Two runs of points: 03-01 | (hidden 03-02) | 03-03 (none: zero) → 03-04 → 03-05.
    const d = svg.get('path.sp-chart__line').attributes('d')!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(2);
    expect(svg.findAll('circle.sp-chart__dot')).toHaveLength(4);
    // Axis labels are local dates in words, never ISO dates.
    expect(svg.text()).toContain('3月1日');
    expect(svg.text()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // The figures as a table for screen readers: every day, hidden ones said to be hidden.
    const rows = wrapper.findAll('table.sp-chart__data tbody tr').map((r) => r.text());
    expect(rows).toEqual(['3月1日4', '3月2日人数太少，不显示', '3月3日0', '3月4日6', '3月5日2.5']);
    expect(wrapper.get('.sp-chart__note').text()).toBe('人数太少的分组不显示');
  });

  it('draws a pie by kind with labels and shares, never the stored values', async () => {
    const pie = manifest.views[1]!.root.children![2]!;
    const { wrapper } = await mountNode(pie, {
      manifest,
      config: {},
      locale: 'en',
      onAggregate: () => ({
        kind: 'aggregate',
        from: '2026-02-28T16:00:00.000Z',
        to: '2026-03-31T16:00:00.000Z',
        total: figures({ hours: 40 }),
        rows: [
          { key: { kind: 'cleanup' }, ...figures({ hours: 10 }) },
          { key: { kind: 'garden' }, ...figures({ hours: 30 }) },
          { key: { kind: 'elderly' }, suppressed: true },
        ],
      }),
    });
    expect(wrapper.findAll('path.sp-chart__slice')).toHaveLength(2);
    const legend = wrapper.findAll('.sp-chart__legend li').map((l) => l.text());
    expect(legend).toEqual(['Clean-up 10 25%', 'Gardening 30 75%']);
    expect(wrapper.text()).not.toMatch(/\b(cleanup|garden|elderly)\b/);
  });

  it('draws a ranking as bars in its order, named as the answer names them', async () => {
    const events = standardPluginEntries.find((e) => e.dir === 'events')!;
    const board = events.manifest.views.find((v) => v.id === 'board')!;
    const chart = board.root.children!.find((n) => n.type === 'chart')!;
    const { wrapper } = await mountNode(chart, {
      manifest: events.manifest,
      config: events.fixtures.config,
      onAggregate: () => ({
        kind: 'aggregate',
        from: '2025-12-31T16:00:00.000Z',
        to: '2026-03-10T02:00:00.000Z',
        total: figures({ hours: 40 }),
        rows: [
          { key: { displayName: '王*明' }, ...figures({ hours: 12 }, 4) },
          { key: { displayName: '李*华' }, ...figures({ hours: 7.5 }, 3) },
        ],
      }),
    });
    const text = wrapper.text();
    expect(text).toContain('王*明');
    expect(text.indexOf('王*明')).toBeLessThan(text.indexOf('李*华'));
    expect(text).toContain('7.5');
  });

  it('stacks a bar per week and group, with a legend of the groups', async () => {
    const bar = manifest.views[2]!.root;
    // The weekly figures are the operator's: a resident is shown nothing of them.
    const { wrapper } = await mountNode(bar, {
      manifest,
      config: {},
      user: { id: 'u-op', displayName: '李经理', roles: ['operator'] },
      onAggregate: () => ({
        kind: 'aggregate',
        from: '2026-03-02T16:00:00.000Z',
        to: '2026-03-16T16:00:00.000Z',
        total: figures({ hours: 14, longest: 4 }),
        rows: [
          { bucket: '2026-03-02', key: { kind: 'garden' }, ...figures({ hours: 3, longest: 2 }) },
          { bucket: '2026-03-02', key: { kind: 'cleanup' }, ...figures({ hours: 5, longest: 4 }) },
          { bucket: '2026-03-09', key: { kind: 'garden' }, ...figures({ hours: 6, longest: 3 }) },
        ],
      }),
    });
    // Weeks 2 Mar, 9 Mar and 16 Mar (the period ends on the 16th, local time, 00:00).
    expect(wrapper.findAll('table.sp-chart__data tbody th').map((c) => c.text())).toEqual([
      '3月2日 当周',
      '3月9日 当周',
      '3月16日 当周',
    ]);
    expect(wrapper.findAll('rect.sp-chart__column')).toHaveLength(3);
    expect(wrapper.findAll('.sp-chart__legend li').map((l) => l.text())).toEqual(['清洁', '绿化']);
  });
});

describe('chart over a group query', () => {
  it('draws a real pie, labelled by workflow state', async () => {
    const { wrapper } = await mountNode(
      node('chart', { query: 'byStatus', kind: 'pie', label: t('按状态', 'By status') }),
      {
        groups: {
          'std.test/byStatus': [
            { value: 'open', count: 3 },
            { value: 'done', count: 1 },
          ],
        },
      },
    );
    expect(wrapper.findAll('path.sp-chart__slice')).toHaveLength(2);
    expect(wrapper.findAll('.sp-chart__legend li').map((l) => l.text())).toEqual([
      '处理中 3 75%',
      '已完成 1 25%',
    ]);
  });
});

describe('a list on the same page as the form that wrote to it', () => {
  it('shows the new record after the form submits, loading once', async () => {
    const shifts = [{ _id: 's1', date: '2026-03-01', kind: 'garden', hours: 2 }];
    const page = manifest.views[1]!.root;
    const onlyFormAndList: ViewNode = { ...page, children: page.children!.slice(3) };
    const { wrapper, source } = await mountNode(onlyFormAndList, {
      manifest,
      config: {},
      lists: { 'acme.volunteer/mine': shifts },
      onRun: (req) => {
        shifts.unshift({
          _id: 's2',
          ...(req.input as { date: string; kind: string; hours: number }),
        });
        return {};
      },
    });
    expect(wrapper.findAll('.sp-list .sp-row')).toHaveLength(1);
    let loads = 0;
    const list = source.list.bind(source);
    source.list = (req) => (loads++, list(req));
    await wrapper.get('input[type=date]').setValue('2026-03-02');
    await wrapper.get('input[inputmode=decimal]').setValue('3');
    await wrapper.findAll('[role=radio]')[2]!.trigger('click');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toHaveLength(1);
    const rows = wrapper.findAll('.sp-list .sp-row').map((r) => r.text());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('2026年3月2日');
    expect(loads).toBe(1);
  });
});

describe('chart over one person’s figures (subject)', () => {
  const personal = structuredClone(manifest);
  personal.queries.communityHours = {
    ...personal.queries.communityHours!,
    scope: undefined,
    roles: undefined,
    minGroupSize: undefined,
    subject: 'createdBy',
  };
  const chart = node('chart', { query: 'communityHours', kind: 'line', label: t('时长', 'Hours') });

  it('asks whose figures: oneself first, then a relative who allowed it', async () => {
    const asked: AggregateRequest[] = [];
    const { wrapper } = await mountNode(chart, {
      manifest: personal,
      config: {},
      user: {
        id: 'u-daughter',
        displayName: '王丽',
        roles: ['resident'],
        actsFor: [{ id: 'u-father', displayName: '王建国', relation: 'parent', attributes: {} }],
      },
      onAggregate: (req) => (asked.push(req), hoursByDay(req)),
    });
    const whose = wrapper.get('[data-testid=for-whom]');
    expect(whose.text()).toContain('本人');
    expect(whose.text()).toContain('王建国（父母）');
    expect(asked.at(-1)?.for).toBeUndefined();
    await whose.findAll('input')[1]!.setValue();
    await settle();
    expect(asked.at(-1)).toMatchObject({ query: 'communityHours', for: 'u-father' });
  });

  it('offers no choice to someone nobody allowed, and never for community figures', async () => {
    const alone = await mountNode(chart, {
      manifest: personal,
      config: {},
      user: { id: 'u-alone', displayName: '钱', roles: ['resident'] },
      onAggregate: hoursByDay,
    });
    expect(alone.wrapper.find('[data-testid=for-whom]').exists()).toBe(false);
    const community = await mountNode(chart, {
      manifest,
      config: {},
      user: {
        id: 'u-daughter',
        displayName: '王丽',
        roles: ['resident'],
        actsFor: [{ id: 'u-father', displayName: '王建国', relation: 'parent', attributes: {} }],
      },
      onAggregate: hoursByDay,
    });
    expect(community.wrapper.find('[data-testid=for-whom]').exists()).toBe(false);
  });
});
