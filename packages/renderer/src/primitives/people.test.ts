import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { provideDataSource } from '../context';
import { createFixtureSource } from '../fixture-source';
import LoadState from '../LoadState.vue';
import { mountNode, settle } from '../test/mount';

describe('people primitives', () => {
  it('points-balance shows the balance and the latest ledger entries', async () => {
    const { wrapper } = await mountNode(
      { type: 'points-balance', props: { showHistory: true } },
      {
        points: 35,
        ledger: [
          {
            _id: 'l1',
            amount: 5,
            reason: { 'zh-CN': '评价报修', en: 'Rated a repair' },
            createdAt: '2026-01-01T00:00:00Z',
          },
          { _id: 'l2', amount: -10, reason: '兑换', createdAt: '2026-01-02T00:00:00Z' },
        ],
      },
    );
    expect(wrapper.get('[data-testid=points-balance]').text()).toBe('35');
    // The balance carries its unit.
    expect(wrapper.get('.sp-points__value').text()).toBe('35 积分');
    const rows = wrapper.findAll('.sp-ledger');
    expect(rows.map((r) => r.get('strong').text())).toEqual(['+5', '-10']);
    expect(rows[0]!.text()).toContain('评价报修');
  });

  it('points-balance asks an anonymous visitor to log in', async () => {
    const { wrapper } = await mountNode({ type: 'points-balance' }, { user: null, locale: 'en' });
    expect(wrapper.text()).toContain('Please log in first.');
    expect(wrapper.find('[data-testid=points-balance]').exists()).toBe(false);
  });

  it('inbox lists messages with unread marks; opening one marks it read and follows it', async () => {
    const { wrapper, source } = await mountNode(
      { type: 'inbox' },
      {
        inbox: [
          {
            _id: 'm1',
            title: { 'zh-CN': '报修已受理', en: 'Accepted' },
            read: false,
            createdAt: '2026-01-01T00:00:00Z',
            plugin: 'std.test',
            view: 'detail',
            recordId: 't1',
          },
          { _id: 'm2', title: '欢迎', read: true, createdAt: '2026-01-01T00:00:00Z' },
        ],
      },
    );
    const rows = wrapper.findAll('.sp-row');
    expect(rows.map((r) => r.classes().includes('is-unread'))).toEqual([true, false]);
    const marked: string[] = [];
    source.markRead = async (id) => void marked.push(id);
    await rows[0]!.get('button').trigger('click');
    await settle();
    expect(marked).toEqual(['m1']);
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'detail', id: 't1' }]);
    expect(wrapper.findAll('.is-unread')).toHaveLength(0);
  });

  it('inbox with a limit shows only the latest messages', async () => {
    const inbox = Array.from({ length: 5 }, (_, i) => ({
      _id: `m${i}`,
      title: `消息${i}`,
      read: true,
      createdAt: '2026-01-01T00:00:00Z',
    }));
    const { wrapper } = await mountNode({ type: 'inbox', props: { limit: 2 } }, { inbox });
    expect(wrapper.findAll('.sp-row')).toHaveLength(2);
    expect(wrapper.text()).not.toContain('加载更多');
  });

  it('shows a skeleton where content will appear while it loads, its words for screen readers', () => {
    const Host = defineComponent({
      setup() {
        provideDataSource(createFixtureSource({ locale: 'en' }));
        return () => h(LoadState, { loading: true, error: null, lines: 2 });
      },
    });
    const wrapper = mount(Host);
    const skeleton = wrapper.get('[role=status]');
    expect(skeleton.findAll('.sp-skeleton__line')).toHaveLength(2);
    expect(skeleton.get('.sp-sr').text()).toBe('Loading…');
  });
});
