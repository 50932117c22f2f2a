import { localDate, peopleExampleManifest } from '@scene/schema';
import type { VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { mountNode, settle } from '../test/mount';
import type { RuntimeUser } from '../data-source';

// The worked example of design §4: home-care visits for elders, booked by them or their family,
// with a waitlist, assigned by a coordinator to a caregiver.
const manifest = peopleExampleManifest();
const config = {
  perSlot: 2,
  slots: [
    { id: 'morning', label: '上午' },
    { id: 'afternoon', label: '下午' },
  ],
};
const son: RuntimeUser = {
  id: 'u-son',
  displayName: '王小明',
  roles: ['resident'],
  attributes: { ageBand: '18-59' },
  actsFor: [
    { id: 'u-mum', displayName: '赵奶奶', relation: 'parent', attributes: { ageBand: '80+' } },
  ],
};
const picker = { type: 'slot-picker', props: manifest.views[1]!.root.children![0]!.props };
/** Picks an option of a Vant radio group by its label. */
async function choose(wrapper: VueWrapper, label: string) {
  await wrapper
    .findAll('.van-radio')
    .find((r) => r.text() === label)!
    .trigger('click');
}

describe('acting for family, eligibility, waitlists and assignment in the renderer', () => {
  it('shows the plugin’s reason instead of the form, and the form once a relative who is eligible is chosen', async () => {
    const { wrapper, source } = await mountNode(picker, {
      manifest,
      config,
      user: son,
      onRun: () => ({}),
    });
    // The son himself is not eligible: the reason, and no booking form.
    expect(wrapper.get('[data-testid=not-eligible]').text()).toContain('60 岁及以上');
    expect(wrapper.find('button[type=submit]').exists()).toBe(false);
    // He books for his mother, who is.
    const forWhom = wrapper.get('[data-testid=for-whom]');
    expect(forWhom.text()).toContain('本人');
    expect(forWhom.text()).toContain('赵奶奶（父母）');
    await forWhom.findAll('input')[1]!.setValue();
    await settle();
    expect(wrapper.find('[data-testid=not-eligible]').exists()).toBe(false);
    await wrapper.findAll('.sp-options input')[0]!.setValue();
    await choose(wrapper, '陪伴聊天');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toEqual([
      expect.objectContaining({ action: 'request', forAccountId: 'u-mum' }),
    ]);
  });

  it('counts the figures beside the form, the places and the pause for the person chosen', async () => {
    // A pause after no-shows, as a vendor may declare on a booking done for family.
    const guarded = structuredClone(manifest);
    Object.assign(guarded.actions.request!, {
      guard: {
        id: 'noShows',
        where: { field: 'status', op: 'eq', value: 'cancelled' },
        date: 'date',
        atLeast: 3,
        withinDays: 30,
        pauseDays: 14,
        message: { 'zh-CN': '已暂停至 {until}', en: 'Paused until {until}' },
      },
    });
    const asked: { capacity: (string | undefined)[]; pause: (string | undefined)[] } = {
      capacity: [],
      pause: [],
    };
    const { wrapper } = await mountNode(
      {
        type: 'stack',
        children: [
          { type: 'stat', props: { query: 'places', label: { 'zh-CN': '还可预约', en: 'Left' } } },
          picker,
        ],
      },
      {
        manifest: guarded,
        config,
        user: son,
        extend: {
          async capacity(req) {
            asked.capacity.push(req.for);
            return [{ key: {}, used: req.for === 'u-mum' ? 2 : 0, limit: 3 }];
          },
          async pause(req) {
            asked.pause.push(req.for);
            return req.for === 'u-mum'
              ? { until: '2026-12-14', message: { 'zh-CN': '已暂停至 12月14日', en: 'Paused' } }
              : { until: null };
          },
        },
      },
    );
    expect(wrapper.get('.sp-stat').text()).toContain('3');
    expect(asked.pause).toEqual([undefined]);
    await wrapper.get('[data-testid=for-whom]').findAll('input')[1]!.setValue();
    await settle();
    // His mother's: one visit left, and her pause instead of the form.
    expect(wrapper.get('.sp-stat').text()).toContain('1');
    expect(asked.capacity).toContain('u-mum');
    expect(asked.pause).toEqual([undefined, 'u-mum']);
    expect(wrapper.get('[data-testid=paused]').text()).toBe('已暂停至 12月14日');
  });

  it('offers a full slot when the rule keeps a waitlist, and says where the booking stands', async () => {
    const elder: RuntimeUser = {
      id: 'u-mum',
      displayName: '赵奶奶',
      roles: ['resident'],
      attributes: { ageBand: '80+' },
    };
    // The picker's first day is the community's today (Asia/Shanghai), not the machine's.
    const date = localDate(new Date(), 'Asia/Shanghai');
    const { wrapper, source } = await mountNode(picker, {
      manifest,
      config,
      user: elder,
      capacities: {
        'acme.home-care/places': [
          { key: { date, slot: 'morning' }, used: 2, limit: 2, waiting: 3 },
        ],
      },
      onRun: () => ({ waitlist: { position: 4 } }),
    });
    // Nobody to choose for: no "who is this for" question.
    expect(wrapper.find('[data-testid=for-whom]').exists()).toBe(false);
    const morning = wrapper.findAll('.sp-option')[0]!;
    expect(morning.text()).toContain('已约满 · 可候补');
    expect(morning.text()).toContain('3 人候补中');
    expect(morning.get('input').attributes('disabled')).toBeUndefined();
    await morning.get('input').setValue();
    await choose(wrapper, '陪伴聊天');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toHaveLength(1);
    expect(source.runs[0]!.forAccountId).toBeUndefined();
    expect(wrapper.get('[role=status]').text()).toContain('排第 4 位');
  });

  it('offers the holders of the role to assign to, by name', async () => {
    const coordinator: RuntimeUser = {
      id: 'u-staff',
      displayName: '李师傅',
      // The operator granted the plugin role (as the demo data does for staff).
      roles: ['staff', 'plugin:acme.home-care/coordinator'],
    };
    const { wrapper, source } = await mountNode(
      { type: 'form', props: { action: 'assign' } },
      {
        manifest,
        config,
        user: coordinator,
        scope: { item: { _id: 'v1', status: 'booked', createdBy: 'u-mum' } },
        assignees: {
          'plugin:caregiver': [
            { id: 'u-c1', displayName: '护理员 周阿姨' },
            { id: 'u-c2', displayName: '护理员 钱师傅' },
          ],
        },
        onRun: () => ({}),
      },
    );
    const text = wrapper.text();
    expect(text).toContain('护理员 周阿姨');
    expect(text).toContain('护理员 钱师傅');
    // Ids are the values, never shown.
    expect(text).not.toContain('u-c2');
    await choose(wrapper, '护理员 钱师傅');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.runs).toEqual([
      expect.objectContaining({ action: 'assign', recordId: 'v1', input: { assigneeId: 'u-c2' } }),
    ]);
  });
});
