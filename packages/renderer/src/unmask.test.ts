import { describe, expect, it, vi } from 'vitest';
import { mountNode, settle, staffUser, testManifest } from './test/mount';

/** The test manifest with a personal phone field that operators may unmask. */
function manifest() {
  const m = testManifest();
  const tickets = m.collections.tickets!;
  tickets.schema.properties!.phone = { type: 'string', maxLength: 11, 'x-pii': 'phone' };
  tickets.access.read.push({ roles: ['operator', 'staff'] });
  tickets.privacy = { unmask: ['operator'] };
  return m;
}
const operator = { id: 'u-op', displayName: '陈晓', roles: ['operator'] };
const masked = { _id: 't1', title: '漏水', phone: '138****1234', createdBy: 'u-resident' };
const detail = {
  type: 'detail',
  props: { query: 'mine', id: 't1' },
  children: [{ type: 'text', props: { text: { bind: 'item.phone' } } }],
};

describe('unmasking a record in a detail', () => {
  it('is offered to the roles privacy.unmask names, asks for a reason and shows the record in clear', async () => {
    const { wrapper, source } = await mountNode(detail, {
      manifest: manifest(),
      user: operator,
      lists: { 'std.test/mine': [masked] },
    });
    expect(wrapper.text()).toContain('138****1234');
    source.unmask = async (req) => {
      source.unmasks.push(req);
      return { ...masked, phone: '13812341234' };
    };
    // The control is loaded on demand: wait for it to arrive (a first import is slow under load).
    const ask = await vi.waitFor(() => wrapper.get('.sp-unmask button'), { timeout: 15_000 });
    await ask.trigger('click');
    await wrapper.get('.sp-unmask input').setValue('  住户投诉回访 ');
    await wrapper.get('.sp-unmask form').trigger('submit');
    await settle();
    expect(source.unmasks).toEqual([
      { plugin: 'std.test', collection: 'tickets', id: 't1', reason: '住户投诉回访' },
    ]);
    expect(wrapper.text()).toContain('13812341234');
    expect(wrapper.text()).toContain('本次查看已记入审计日志');
  });

  it('is not offered to other roles or on the viewer’s own record', async () => {
    // Loaded first, so that its absence below is the decision and not a slow import.
    await import('./UnmaskControl.vue');
    for (const [user, record] of [
      [staffUser, masked],
      [operator, { ...masked, createdBy: operator.id }],
    ] as const) {
      const { wrapper } = await mountNode(detail, {
        manifest: manifest(),
        user,
        lists: { 'std.test/mine': [record] },
      });
      expect(wrapper.text()).toContain('138****1234');
      expect(wrapper.find('.sp-unmask').exists()).toBe(false);
    }
  });
});
