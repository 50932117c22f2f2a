import { localDate } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { mountNode, settle, staffUser } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describe('after an action succeeds, what the page reads of the collection reads again', () => {
  it('a list beside the form shows the record in its new state (a front desk’s check-in)', async () => {
    const lists = { 'std.test/mine': [{ _id: 'r1', title: '水管漏水', status: 'open' }] };
    const { wrapper } = await mountNode(
      {
        type: 'stack',
        children: [
          { type: 'form', props: { action: 'finish', recordId: 'r1' } },
          {
            type: 'list',
            props: { query: 'mine' },
            children: [
              { type: 'badge', props: { text: { bind: 'item.status' }, workflow: 'tickets' } },
            ],
          },
        ],
      },
      {
        lists,
        user: { ...staffUser, roles: [...staffUser.roles, 'resident'] },
        onRun: () => {
          lists['std.test/mine'][0]!.status = 'done';
          return { record: { ...lists['std.test/mine'][0]! } };
        },
      },
    );
    expect(wrapper.get('.sp-list').text()).toContain('处理中');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('.sp-list').text()).toContain('已完成');
    expect(wrapper.get('.sp-list').text()).not.toContain('处理中');
  });

  it('a slot-picker shows the places a cancellation elsewhere on the page gave back', async () => {
    const iso = localDate(new Date(), 'Asia/Shanghai');
    const capacities = {
      'std.test/byStatus': [{ key: { date: iso, meal: 'lunch' }, used: 2, limit: 2 }],
    };
    const lists = { 'std.test/mine': [{ _id: 'r1', title: '午餐', status: 'open' }] };
    const { wrapper, source } = await mountNode(
      {
        type: 'stack',
        children: [
          {
            type: 'slot-picker',
            props: {
              action: 'report',
              availability: 'byStatus',
              slots: [{ id: 'lunch', label: t('午餐', 'Lunch') }],
              dateField: 'date',
              slotField: 'meal',
              daysAhead: 1,
            },
          },
          {
            type: 'list',
            props: { query: 'mine' },
            children: [{ type: 'button', props: { action: 'remove', label: t('取消', 'Cancel') } }],
          },
        ],
      },
      {
        capacities,
        lists,
        onRun: () => {
          capacities['std.test/byStatus'][0]!.used = 1;
          return {};
        },
      },
    );
    expect(wrapper.get('.sp-options .sp-option').text()).toContain('已约满');
    await wrapper.get('.sp-list button').trigger('click');
    await settle();
    // The delete asks first.
    const ok = [...document.querySelectorAll('button')].find((b) => b.textContent === '确定');
    ok?.click();
    await settle();
    expect(source.runs.map((r) => r.action)).toEqual(['remove']);
    expect(wrapper.get('.sp-options .sp-option').text()).toContain('剩 1 位');
  });
});
