import { standardPluginEntries } from '@scene/plugins';
import { describe, expect, it } from 'vitest';
import { mountNode, settle } from '../test/mount';

// std.shared-spaces: a resident paused after repeated no-shows, and the space staff's list.
const spaces = standardPluginEntries.find((e) => e.dir === 'shared-spaces')!;
const words = {
  'zh-CN': '因多次未到场，您的预约已暂停至 12月14日，当天起可以再预约。',
  en: 'Because of repeated no-shows, your bookings are paused until 14 Dec; you can book again from that day.',
};

describe('a pause after repeated no-shows in the renderer', () => {
  it('a paused resident reads the words and the day instead of the slot picker, in both languages', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { wrapper } = await mountNode(
        { type: 'slot-picker', props: { action: 'book', availability: 'availability' } },
        {
          locale,
          manifest: spaces.manifest,
          config: spaces.fixtures.config,
          pause: { 'std.shared-spaces/book': { until: '2026-12-14', message: words } },
        },
      );
      await settle();
      const note = wrapper.get('[data-testid=paused]');
      expect(note.text()).toBe(words[locale]);
      expect(note.attributes('role')).toBe('note');
      expect(wrapper.find('.sp-options').exists()).toBe(false);
      expect(wrapper.find('button[type=submit]').exists()).toBe(false);
      expect(wrapper.find('[role=alert]').exists()).toBe(false);
    }
  });

  it('a resident who is not paused gets the picker', async () => {
    const { wrapper } = await mountNode(
      { type: 'slot-picker', props: { action: 'book', availability: 'availability' } },
      { manifest: spaces.manifest, config: spaces.fixtures.config },
    );
    await settle();
    expect(wrapper.find('[data-testid=paused]').exists()).toBe(false);
    expect(wrapper.find('button[type=submit]').exists()).toBe(true);
  });

  it('space staff read who is paused until when, and lift one with a note', async () => {
    const { wrapper, source } = await mountNode(
      { type: 'pauses', props: { action: 'book' } },
      {
        manifest: spaces.manifest,
        config: spaces.fixtures.config,
        user: { id: 'u-staff', displayName: '物业 李师傅', roles: ['staff'] },
        paused: {
          'std.shared-spaces/noShows': [
            { accountId: 'u-sun', displayName: '居民 孙丽', until: '2026-12-14' },
          ],
        },
      },
    );
    await settle();
    const row = wrapper.get('.sp-pauses li');
    expect(row.text()).toContain('居民 孙丽');
    expect(row.text()).toContain('预约暂停至 12月14日');
    await row.get('input').setValue('家中有事，已电话说明');
    await row.get('form').trigger('submit');
    await settle();
    expect(source.lifts).toEqual([
      {
        plugin: 'std.shared-spaces',
        guard: 'noShows',
        accountId: 'u-sun',
        note: '家中有事，已电话说明',
      },
    ]);
    expect(wrapper.get('[role=status]').text()).toBe('已解除 居民 孙丽 的暂停');
    expect(wrapper.text()).toContain('目前没有被暂停的居民');
  });
});
