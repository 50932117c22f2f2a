import { describe, expect, it, vi } from 'vitest';
import { mountNode, testManifest } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('content primitives', () => {
  it('heading uses h2–h4 and the current language', async () => {
    const { wrapper } = await mountNode(
      { type: 'heading', props: { text: t('你好', 'Hello'), level: 3 } },
      { locale: 'en' },
    );
    expect(wrapper.get('h3').text()).toBe('Hello');
    const top = await mountNode({ type: 'heading', props: { text: 'x', level: 1 } });
    expect(top.wrapper.find('h2').exists()).toBe(true);
  });

  it('a heading bound to a record field reads as its label, never the stored code', async () => {
    const { wrapper } = await mountNode(
      { type: 'heading', props: { text: { bind: 'item.status' } } },
      {
        scope: { item: { _id: '1', status: 'done' }, itemFrom: { collection: 'tickets' } },
        locale: 'en',
      },
    );
    expect(wrapper.get('h2').text()).toBe('Done');
  });

  it('text shows a timestamp in the community zone and the reader language, nothing for an empty binding', async () => {
    const { wrapper } = await mountNode(
      { type: 'text', props: { text: { bind: 'item.at' } } },
      { scope: { item: { _id: '1', at: '2026-03-04T17:06:07Z' } }, locale: 'en' },
    );
    // 17:06 UTC is 01:06 the next day in Shanghai.
    expect(wrapper.text()).toBe('5 Mar 2026, 01:06');
    const empty = await mountNode(
      { type: 'text', props: { text: { bind: 'item.missing' } } },
      { scope: { item: { _id: '1' } } },
    );
    expect(empty.wrapper.find('p').exists()).toBe(false);
  });

  it('text with format time reads a timestamp as the time of day in the community zone, after its label', async () => {
    const { wrapper } = await mountNode(
      {
        type: 'text',
        props: {
          text: { bind: 'item.at' },
          format: 'time',
          label: t('今天已签到', 'Checked in today at'),
        },
      },
      { scope: { item: { _id: '1', at: '2026-03-04T01:12:40Z' } } },
    );
    // 01:12 UTC is 09:12 in Shanghai.
    expect(wrapper.text()).toBe('今天已签到：09:12');
  });

  it('a phone number declared x-widget phone is tap-to-call in clear, and no link once masked', async () => {
    const manifest = testManifest();
    manifest.config.properties!.hotline = { type: 'string', maxLength: 20, 'x-widget': 'phone' };
    const tickets = manifest.collections.tickets!.schema;
    tickets.properties!.phone = { type: 'string', maxLength: 20, 'x-pii': 'phone' };
    const hotline = await mountNode(
      {
        type: 'text',
        props: { text: { bind: 'config.hotline' }, label: t('物业电话', 'Hotline') },
      },
      { manifest, config: { hotline: '0571-88886666' } },
    );
    expect(hotline.wrapper.get('a').attributes('href')).toBe('tel:057188886666');
    expect(hotline.wrapper.text()).toBe('物业电话：0571-88886666');
    const masked = await mountNode(
      { type: 'text', props: { text: { bind: 'item.phone' } } },
      {
        manifest,
        scope: { item: { _id: '1', phone: '138****1234' }, itemFrom: { collection: 'tickets' } },
      },
    );
    expect(masked.wrapper.find('a').exists()).toBe(false);
    expect(masked.wrapper.text()).toBe('138****1234');
    // A field without the declaration is text, even when it looks like a number.
    const title = await mountNode(
      { type: 'text', props: { text: { bind: 'item.title' } } },
      {
        manifest,
        scope: { item: { _id: '1', title: '12345678' }, itemFrom: { collection: 'tickets' } },
      },
    );
    expect(title.wrapper.find('a').exists()).toBe(false);
  });

  it('markdown renders structure as elements and never as HTML', async () => {
    const source =
      '# 标题\n\n**粗体** 与 [链接](/c/demo/notices) 和 [外站](https://example.org) [坏链接](javascript:alert(1))\n\n- 一\n- 二\n\n<img src=x onerror=alert(1)><script>alert(1)</script>';
    const { wrapper } = await mountNode({ type: 'markdown', props: { source } });
    const md = wrapper.get('.sp-markdown');
    expect(md.get('h3').text()).toBe('标题');
    expect(md.get('strong').text()).toBe('粗体');
    // Only a link on this site; another site (without an allow-list) stays text.
    expect(md.get('a').attributes('href')).toBe('/c/demo/notices');
    expect(md.text()).toContain('外站');
    expect(md.findAll('a').length).toBe(1);
    expect(md.findAll('li').length).toBe(2);
    expect(md.find('img').exists()).toBe(false);
    expect(md.find('script').exists()).toBe(false);
    expect(md.text()).toContain('<script>alert(1)</script>');
  });

  it('image shows every bound upload with an alt text', async () => {
    const { wrapper } = await mountNode(
      { type: 'image', props: { src: { bind: 'item.photos' }, alt: t('现场', 'Site') } },
      { scope: { item: { _id: '1', photos: ['upload:a', 'upload:b'] } } },
    );
    const imgs = wrapper.findAll('img');
    expect(imgs.map((i) => i.attributes('alt'))).toEqual(['现场 1', '现场 2']);
    expect(imgs[0]!.attributes('src')).toContain('upload%3Aa');
  });

  it('banner shows its title and navigates from its button', async () => {
    const { wrapper, source } = await mountNode({
      type: 'banner',
      props: {
        title: t('邻里节', 'Fair'),
        subtitle: t('周六', 'Sat'),
        navigate: { view: 'events' },
      },
    });
    expect(wrapper.get('h2').text()).toBe('邻里节');
    await wrapper.get('button').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'events', id: undefined }]);
  });

  it('entry-grid lists labelled buttons that navigate', async () => {
    const { wrapper, source } = await mountNode({
      type: 'entry-grid',
      props: {
        items: [
          { icon: 'wrench', label: t('报修', 'Repairs'), navigate: { view: 'mine' } },
          { icon: 'utensils', label: t('食堂', 'Canteen'), navigate: { view: 'menu' } },
        ],
      },
    });
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['报修', '食堂']);
    // Each entry draws its icon as an SVG of the shipped set, hidden from screen readers.
    await vi.waitFor(() => expect(buttons[0]!.find('svg.sp-svg-icon path').exists()).toBe(true));
    expect(buttons[0]!.get('svg').attributes('aria-hidden')).toBe('true');
    await buttons[1]!.trigger('click');
    expect(source.navigations[0]).toMatchObject({ view: 'menu' });
  });

  it('notice-bar shows its text, as a link when it navigates', async () => {
    const fixed = await mountNode({
      type: 'notice-bar',
      props: { text: t('停水通知', 'Water off') },
    });
    expect(fixed.wrapper.get('[role=note]').text()).toContain('停水通知');
    const { wrapper, source } = await mountNode(
      {
        type: 'notice-bar',
        props: {
          text: { bind: 'item.title' },
          navigate: { view: 'detail', id: { bind: 'item._id' } },
        },
      },
      { scope: { item: { _id: 'n1', title: '电梯检修' } } },
    );
    await wrapper.get('button').trigger('click');
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'detail', id: 'n1' }]);
  });

  it('badge shows a workflow state as its label and tone', async () => {
    const { wrapper } = await mountNode(
      { type: 'badge', props: { text: { bind: 'item.status' }, workflow: 'tickets' } },
      { scope: { item: { _id: '1', status: 'done' } }, locale: 'en' },
    );
    expect(wrapper.get('.sp-badge').text()).toBe('Done');
    expect(wrapper.get('.sp-badge').classes()).toContain('sp-badge--success');
    const plain = await mountNode({
      type: 'badge',
      props: { text: t('置顶', 'Pinned'), tone: 'danger' },
    });
    expect(plain.wrapper.get('.sp-badge--danger').text()).toBe('置顶');
  });

  it('empty shows its text or a default one', async () => {
    const { wrapper } = await mountNode({
      type: 'empty',
      props: { text: t('还没有', 'None yet') },
    });
    expect(wrapper.text()).toContain('还没有');
    const def = await mountNode({ type: 'empty' }, { locale: 'en' });
    expect(def.wrapper.text()).toContain('Nothing here yet');
  });
});
