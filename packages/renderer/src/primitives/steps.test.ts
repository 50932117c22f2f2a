import type { Transition, Workflow } from '@scene/schema';
import { describe, expect, it } from 'vitest';
import { announcement } from '../announcer';
import { mainPath, stepsOf } from '../steps';
import { mountNode, settle, testManifest } from '../test/mount';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const state = (id: string, zh: string) => ({ id, label: t(zh, id) });
const step = (id: string, from: string[], to: string): Transition => ({
  id,
  from,
  to,
  roles: ['staff'],
  label: t(id, id),
});

/** A repair's workflow: the forward steps declared first, the way out and back after. */
const repair: Workflow = {
  field: 'status',
  initial: 'submitted',
  states: [
    state('submitted', '待受理'),
    state('accepted', '已受理'),
    state('in_progress', '维修中'),
    state('done', '已完成'),
    state('rejected', '不予受理'),
  ],
  transitions: [
    step('accept', ['submitted'], 'accepted'),
    step('start', ['accepted'], 'in_progress'),
    step('finish', ['in_progress'], 'done'),
    step('rework', ['done'], 'accepted'),
    step('reject', ['submitted', 'accepted'], 'rejected'),
  ],
};
const at = (h: string) => `2026-11-30T0${h}:00:00.000Z`;

describe('a record’s steps', () => {
  it('follows the first forward transition of each state for the main path', () => {
    expect(mainPath(repair)).toEqual(['submitted', 'accepted', 'in_progress', 'done']);
  });

  it('marks the steps reached with the last time each was reached, the current one and those to come', () => {
    const record = {
      status: 'in_progress',
      createdAt: at('1'),
      history: [
        { to: 'accepted', at: at('2') },
        { to: 'in_progress', at: at('3') },
        { to: 'done', at: at('4') },
        // Sent back for rework: accepted and in progress again, later.
        { to: 'accepted', at: at('5') },
        { to: 'in_progress', at: at('6') },
      ],
    };
    expect(stepsOf(repair, record)).toEqual([
      { state: 'submitted', at: at('1'), status: 'done' },
      { state: 'accepted', at: at('5'), status: 'done' },
      { state: 'in_progress', at: at('6'), status: 'current' },
      { state: 'done', at: undefined, status: 'upcoming' },
    ]);
  });

  it('ends with the state off the path a record stopped in', () => {
    const record = {
      status: 'rejected',
      createdAt: at('1'),
      history: [
        { to: 'accepted', at: at('2') },
        { to: 'rejected', at: at('3') },
      ],
    };
    expect(stepsOf(repair, record)).toEqual([
      { state: 'submitted', at: at('1'), status: 'done' },
      { state: 'accepted', at: at('2'), status: 'done' },
      { state: 'rejected', at: at('3'), status: 'current', off: true },
    ]);
  });

  it('draws the number, the steps with times in the community zone and what happens next', async () => {
    const manifest = testManifest();
    manifest.collections.tickets!.workflow = repair;
    const { wrapper } = await mountNode(
      {
        type: 'steps',
        props: {
          workflow: 'tickets',
          number: { bind: 'item.no' },
          label: t('报修', 'Repair'),
          next: [{ state: 'accepted', text: t('师傅会按预约时间上门。', 'A technician comes.') }],
        },
      },
      {
        manifest,
        scope: {
          item: {
            _id: 'r1',
            no: 42,
            status: 'accepted',
            createdAt: '2026-11-29T17:59:55.497Z',
            history: [{ to: 'accepted', at: '2026-11-30T01:30:00.000Z' }],
          },
        },
      },
    );
    expect(wrapper.get('[data-testid=record-number]').text()).toBe('报修 #0042');
    const items = wrapper.findAll('li');
    expect(items.map((li) => li.get('.sp-step__label').text())).toEqual([
      '待受理',
      '已受理',
      '维修中',
      '已完成',
    ]);
    // 17:59 UTC is 01:59 the next morning in Shanghai; never an ISO string on screen.
    expect(items[0]!.text()).toContain('11月30日');
    expect(items[0]!.text()).toContain('01:59');
    expect(wrapper.text()).not.toContain('2026-11-29T');
    expect(items[1]!.attributes('aria-current')).toBe('step');
    expect(items[2]!.find('time').exists()).toBe(false);
    expect(wrapper.get('.sp-steps__next').text()).toBe('接下来：师傅会按预约时间上门。');
  });

  it('a form that creates a record lands on it, and its confirmation is announced', async () => {
    const { wrapper, source } = await mountNode(
      {
        type: 'form',
        props: {
          action: 'report',
          successMessage: t('已提交，物业会尽快受理。', 'Sent.'),
          navigate: { view: 'detail', id: { bind: 'item._id' } },
        },
      },
      { onRun: () => ({ record: { _id: 'new-7', no: 7, status: 'open' } }) },
    );
    await wrapper.get('input').setValue('水管漏水');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(source.navigations).toEqual([{ plugin: 'std.test', view: 'detail', id: 'new-7' }]);
    expect(announcement.value?.text).toBe('已提交，物业会尽快受理。');
  });
});
