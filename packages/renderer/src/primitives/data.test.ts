import { localDate } from '@scene/schema';
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { mountNode, settle, testManifest } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ _id: `r${i}`, title: `第${i}条`, status: 'open' }));

describe('data primitives', () => {
  it('list renders a row per record as a link, pages with load more, and refreshes on pull', async () => {
    const lists = { 'std.test/mine': rows(3) };
    const { wrapper, source } = await mountNode(
      {
        type: 'list',
        props: { query: 'mine', navigate: { view: 'detail', id: { bind: 'item._id' } } },
        children: [{ type: 'text', props: { text: { bind: 'item.title' } } }],
      },
      { lists, pageSize: 2 },
    );
    expect(wrapper.findAll('.sp-row').map((r) => r.text().replace('›', ''))).toEqual([
      '第0条',
      '第1条',
    ]);
    await wrapper.get('a.sp-row__link').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'detail', id: 'r0' }]);
    await wrapper.get('button.sp-btn--plain').trigger('click');
    await settle();
    expect(wrapper.findAll('.sp-row').length).toBe(3);
    expect(wrapper.text()).toContain('没有更多了');
    lists['std.test/mine'].unshift({ _id: 'new', title: '新的', status: 'open' });
    const list = wrapper.get('.sp-list');
    await list.trigger('touchstart', { touches: [{ clientY: 0 }] });
    await list.trigger('touchmove', { touches: [{ clientY: 90 }] });
    await list.trigger('touchend');
    await settle();
    expect(wrapper.findAll('.sp-row')[0]!.text()).toContain('新的');
  });

  it('list shows its empty text, and a failure with a retry that works', async () => {
    const empty = await mountNode({
      type: 'list',
      props: { query: 'mine', emptyText: t('还没有报修', 'No repairs') },
    });
    expect(empty.wrapper.text()).toContain('还没有报修');
    let fail = true;
    const { wrapper, source } = await mountNode(
      {
        type: 'list',
        props: { query: 'mine' },
        children: [{ type: 'text', props: { text: { bind: 'item.title' } } }],
      },
      { lists: { 'std.test/mine': rows(1) } },
    );
    const realList = source.list;
    source.list = async (req) => {
      if (fail) throw Object.assign(new Error('offline'), { status: 0 });
      return realList(req);
    };
    await wrapper.get('.sp-list').trigger('touchstart', { touches: [{ clientY: 0 }] });
    await wrapper.get('.sp-list').trigger('touchmove', { touches: [{ clientY: 90 }] });
    await wrapper.get('.sp-list').trigger('touchend');
    await settle();
    expect(wrapper.get('[role=alert]').text()).toContain('网络连接失败');
    fail = false;
    await wrapper.get('[role=alert] button').trigger('click');
    await settle();
    expect(wrapper.find('[role=alert]').exists()).toBe(false);
  });

  it('detail loads the record named by route.id and renders children with it', async () => {
    const { wrapper } = await mountNode(
      {
        type: 'detail',
        props: { query: 'mine', id: { bind: 'route.id' } },
        children: [{ type: 'heading', props: { text: { bind: 'item.title' } } }],
      },
      { lists: { 'std.test/mine': rows(3) }, scope: { route: { id: 'r2' } } },
    );
    expect(wrapper.get('h2').text()).toBe('第2条');
    const missing = await mountNode(
      { type: 'detail', props: { query: 'mine', id: 'nope' } },
      { locale: 'en' },
    );
    expect(missing.wrapper.text()).toContain('was not found');
  });

  it('table shows columns with workflow labels and opens a record from the first cell', async () => {
    const { wrapper, source } = await mountNode(
      {
        type: 'table',
        props: {
          query: 'mine',
          navigate: { view: 'qd', id: { bind: 'item._id' } },
          columns: [
            { field: 'title', label: t('问题', 'Problem') },
            { field: 'status', label: t('状态', 'Status') },
          ],
        },
      },
      { lists: { 'std.test/mine': [{ _id: 'a', title: '漏水', status: 'done' }] } },
    );
    await settle();
    expect(wrapper.findAll('th').map((x) => x.text())).toEqual(['问题', '状态']);
    expect(wrapper.findAll('td').map((x) => x.text())).toEqual(['漏水', '已完成']);
    await wrapper.get('td a').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'qd', id: 'a' }]);
  });

  it('stat shows a count query or a bound value', async () => {
    const { wrapper } = await mountNode(
      { type: 'stat', props: { query: 'openCount', label: t('处理中', 'Open') } },
      { counts: { 'std.test/openCount': 7 } },
    );
    expect(wrapper.get('.sp-stat__value').text()).toBe('7');
    expect(wrapper.text()).toContain('处理中');
    const bound = await mountNode(
      { type: 'stat', props: { value: { bind: 'item.n' }, label: 'x' } },
      { scope: { item: { _id: '1', n: 42 } } },
    );
    expect(bound.wrapper.get('.sp-stat__value').text()).toBe('42');
  });

  it('chart draws one bar per group, labelled by workflow state, widest for the largest', async () => {
    const { wrapper } = await mountNode(
      {
        type: 'chart',
        props: { query: 'byStatus', kind: 'bar', workflow: 'tickets', title: t('状态', 'Status') },
      },
      {
        groups: {
          'std.test/byStatus': [
            { value: 'open', count: 2 },
            { value: 'done', count: 4 },
          ],
        },
      },
    );
    await settle();
    expect(wrapper.findAll('.sp-chart__row').map((r) => r.text())).toEqual(['处理中2', '已完成4']);
    expect(wrapper.findAll('rect').map((r) => r.attributes('width'))).toEqual(['50', '100']);
  });

  it('calendar marks days with records and lists the chosen day', async () => {
    // The community's today (Asia/Shanghai by default), not the UTC date.
    const today = localDate(new Date(), 'Asia/Shanghai');
    const { wrapper } = await mountNode(
      {
        type: 'calendar',
        props: { query: 'mine', dateField: 'date' },
        children: [{ type: 'text', props: { text: { bind: 'item.title' } } }],
      },
      { lists: { 'std.test/mine': [{ _id: 'e1', title: '义诊', date: today }] } },
    );
    await settle();
    expect(wrapper.findAll('.has-items').length).toBe(1);
    expect(wrapper.get('.sp-calendar .sp-row').text()).toBe('义诊');
    await wrapper.findAll('button')[0]!.trigger('click');
    expect(wrapper.findAll('.has-items').length).toBe(0);
  });

  it('directory sorts places by walking minutes into living circles and filters by category', async () => {
    const places = [
      { name: '社区医院', category: '医疗', walkMinutes: 12, phone: '0571-1234' },
      { name: '菜场', category: '购物', walkMinutes: 4 },
      { name: '公园', category: '休闲', walkMinutes: 30 },
    ];
    const { wrapper } = await mountNode(
      { type: 'directory', props: { items: { bind: 'config.places' } } },
      { config: { places } },
    );
    expect(wrapper.findAll('h3').map((h) => h.text())).toEqual([
      '5 分钟生活圈',
      '15 分钟生活圈',
      '更远',
    ]);
    expect(wrapper.findAll('.sp-place__name').map((p) => p.text())).toEqual([
      '菜场',
      '社区医院',
      '公园',
    ]);
    expect(wrapper.get('a[href^="tel:"]').attributes('href')).toBe('tel:0571-1234');
    const chip = wrapper.findAll('.sp-chip').find((c) => c.text() === '医疗')!;
    await chip.trigger('click');
    expect(wrapper.findAll('.sp-place__name').map((p) => p.text())).toEqual(['社区医院']);
  });

  it('directory reads places from records too, each category by its label', async () => {
    const base = testManifest();
    const manifest = testManifest({
      collections: {
        places: {
          schemaVersion: 1,
          schema: {
            type: 'object',
            properties: {
              name: { type: 'string', maxLength: 40 },
              category: {
                type: 'string',
                enum: ['clinic', 'bus'],
                'x-labels': { clinic: t('卫生站', 'Clinic'), bus: t('公交站', 'Bus stop') },
              },
              walkMinutes: { type: 'integer', minimum: 1, maximum: 60 },
              phone: { type: 'string', maxLength: 20 },
            },
          },
          access: { read: [{ roles: ['public'] }] },
        },
      },
      queries: { ...base.queries, nearby: { collection: 'places', kind: 'list' } },
    });
    const { wrapper } = await mountNode(
      { type: 'directory', props: { query: 'nearby' } },
      {
        manifest,
        lists: {
          'std.test/nearby': [
            { _id: 'a', name: '社区卫生站', category: 'clinic', walkMinutes: 8, phone: '120' },
            { _id: 'b', name: '翠苑站', category: 'bus', walkMinutes: 2 },
          ],
        },
      },
    );
    expect(wrapper.findAll('.sp-place__name').map((p) => p.text())).toEqual([
      '翠苑站',
      '社区卫生站',
    ]);
    expect(wrapper.findAll('.sp-chip').map((c) => c.text())).toEqual(['全部', '公交站', '卫生站']);
    expect(wrapper.text()).not.toMatch(/clinic|bus\b/);
    expect(wrapper.get('a[href^="tel:"]').attributes('href')).toBe('tel:120');
  });

  it('list and table also take a config array as `items`; table children act per row', async () => {
    const items = [
      { id: 'a', name: '理发' },
      { id: 'b', name: '修鞋' },
    ];
    const { wrapper } = await mountNode(
      {
        type: 'list',
        props: { items: { bind: 'config.items' } },
        children: [{ type: 'text', props: { text: { bind: 'item.name' } } }],
      },
      { config: { items } },
    );
    expect(wrapper.findAll('.sp-row').map((r) => r.text())).toEqual(['理发', '修鞋']);
    const table = await mountNode(
      {
        type: 'table',
        props: {
          items: { bind: 'config.items' },
          columns: [{ field: 'name', label: t('项目', 'Item') }],
        },
        children: [
          {
            type: 'button',
            props: { label: t('选', 'Pick'), navigate: { view: 'x', id: { bind: 'item.id' } } },
          },
        ],
      },
      { config: { items } },
    );
    expect(table.wrapper.findAll('th').map((x) => x.text())).toEqual(['操作', '项目']);
    await table.wrapper.findAll('td button')[1]!.trigger('click');
    expect(table.source.navigations).toEqual([{ plugin: 'std.test', view: 'x', id: 'b' }]);
  });

  it('table turns to cards at a phone width and keeps them while it is not laid out', async () => {
    let resized: ((width: number) => void) | undefined;
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(cb: (entries: { contentRect: { width: number } }[]) => void) {
          resized = (width) => cb([{ contentRect: { width } }]);
        }
        observe() {}
        disconnect() {}
      },
    );
    try {
      const { wrapper } = await mountNode(
        {
          type: 'table',
          props: { items: { bind: 'config.items' }, columns: [{ field: 'name' }] },
          children: [{ type: 'text', props: { text: { bind: 'item.name' } } }],
        },
        { config: { items: [{ id: 'a', name: '理发' }] } },
      );
      resized!(360);
      await nextTick();
      const card = wrapper.get('.sp-cards__card').element;
      // Hidden, or laid out again for a moment: the same cards (their forms keep their state).
      resized!(0);
      await nextTick();
      expect(wrapper.get('.sp-cards__card').element).toBe(card);
      resized!(800);
      await nextTick();
      expect(wrapper.find('.sp-cards__card').exists()).toBe(false);
      expect(wrapper.find('table').exists()).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
