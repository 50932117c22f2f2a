import { describe, expect, it } from 'vitest';
import { mountNode } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('layout primitives', () => {
  it('stack renders its children in order', async () => {
    const { wrapper } = await mountNode({
      type: 'stack',
      props: { gap: 'lg' },
      children: [
        { type: 'text', props: { text: '一' } },
        { type: 'text', props: { text: '二' } },
      ],
    });
    expect(wrapper.get('.sp-stack').classes()).toContain('sp-gap-lg');
    expect(wrapper.findAll('p').map((p) => p.text())).toEqual(['一', '二']);
  });

  it('grid sets its column count and falls back to 2 for nonsense', async () => {
    const { wrapper } = await mountNode({
      type: 'grid',
      props: { columns: 3 },
      children: [{ type: 'text', props: { text: 'a' } }],
    });
    expect(wrapper.get('.sp-grid').attributes('style')).toContain('--sp-columns: 3');
    const bad = await mountNode({ type: 'grid', props: { columns: 99 } });
    expect(bad.wrapper.get('.sp-grid').attributes('style')).toContain('--sp-columns: 2');
  });

  it('card shows its bound title as a heading that navigates', async () => {
    const { wrapper, source } = await mountNode({
      type: 'card',
      props: { title: { bind: 'config.title' }, icon: 'wrench', navigate: { view: 'mine' } },
      children: [{ type: 'text', props: { text: '内容' } }],
    });
    const heading = wrapper.get('h2');
    expect(heading.text()).toContain('报修');
    await heading.get('button').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'mine', id: undefined }]);
    expect(wrapper.text()).toContain('内容');
  });

  it('section shows a title and its children', async () => {
    const { wrapper } = await mountNode(
      {
        type: 'section',
        props: { title: t('服务', 'Services') },
        children: [{ type: 'text', props: { text: 'x' } }],
      },
      { locale: 'en' },
    );
    expect(wrapper.get('h2').text()).toBe('Services');
  });

  it('tabs switch between section children with click and arrow keys', async () => {
    const { wrapper } = await mountNode({
      type: 'tabs',
      children: [
        {
          type: 'section',
          props: { title: t('第一', 'First') },
          children: [{ type: 'text', props: { text: '甲' } }],
        },
        {
          type: 'section',
          props: { title: t('第二', 'Second') },
          children: [{ type: 'text', props: { text: '乙' } }],
        },
      ],
    });
    const tabs = wrapper.findAll('[role=tab]');
    expect(tabs.map((x) => x.text())).toEqual(['第一', '第二']);
    expect(wrapper.get('[role=tabpanel]').text()).toContain('甲');
    await tabs[1]!.trigger('click');
    expect(wrapper.get('[role=tabpanel]').text()).toContain('乙');
    expect(tabs[1]!.attributes('aria-selected')).toBe('true');
    await wrapper.get('[role=tablist]').trigger('keydown', { key: 'ArrowRight' });
    expect(wrapper.get('[role=tabpanel]').text()).toContain('甲');
  });

  it('tabs with filterField narrow the lists inside them', async () => {
    const { wrapper } = await mountNode(
      {
        type: 'tabs',
        props: {
          filterField: 'type',
          items: [
            { value: null, label: t('全部', 'All') },
            { value: 'a', label: t('甲类', 'A') },
          ],
        },
        children: [
          {
            type: 'list',
            props: { query: 'mine' },
            children: [{ type: 'text', props: { text: { bind: 'item.title' } } }],
          },
        ],
      },
      {
        lists: {
          'std.test/mine': [
            { _id: '1', title: '一号', type: 'a' },
            { _id: '2', title: '二号', type: 'b' },
          ],
        },
      },
    );
    expect(wrapper.findAll('.sp-row').length).toBe(2);
    await wrapper.findAll('[role=tab]')[1]!.trigger('click');
    await new Promise((r) => setTimeout(r, 0));
    await wrapper.vm.$nextTick();
    expect(wrapper.findAll('.sp-row').map((r) => r.text())).toEqual(['一号']);
  });
});
