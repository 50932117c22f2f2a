import { describe, expect, it } from 'vitest';
import type { ActionDef } from '../manifest/types';
import { mayRunAction, visitorsWelcome } from './actions';
import { effectiveRoles } from './roles';

const t = { 'zh-CN': '作答', en: 'Answer' };
const answer = (once?: Record<string, unknown>): ActionDef =>
  ({
    type: 'create',
    collection: 'answers',
    label: t,
    roles: ['resident'],
    ...(once ? { once } : {}),
  }) as ActionDef;
const everyone = { field: 'config.audience', op: 'eq', value: 'everyone' };
const plugin = { id: 'acme.polls', roles: [] };

describe('visitors on actions (once.visitors)', () => {
  it('welcomes visitors only where once.visitors holds for the installation config', () => {
    expect(visitorsWelcome(answer(), {})).toBe(false);
    expect(visitorsWelcome(answer({}), {})).toBe(false);
    expect(visitorsWelcome(answer({ visitors: false }), {})).toBe(false);
    expect(visitorsWelcome(answer({ visitors: true }), {})).toBe(true);
    expect(visitorsWelcome(answer({ visitors: everyone }), { audience: 'everyone' })).toBe(true);
    expect(visitorsWelcome(answer({ visitors: everyone }), { audience: 'residents' })).toBe(false);
    const update = { ...answer({ visitors: true }), type: 'update' } as unknown as ActionDef;
    expect(visitorsWelcome(update, {})).toBe(false);
  });

  it('lets members run by their roles and anyone run an action open to visitors', () => {
    const visitor = effectiveRoles(null, plugin);
    const resident = effectiveRoles(['resident'], plugin);
    const staff = effectiveRoles(['staff'], plugin);
    const open = answer({ visitors: everyone });
    expect(mayRunAction(visitor, open, { audience: 'residents' })).toBe(false);
    expect(mayRunAction(resident, open, { audience: 'residents' })).toBe(true);
    expect(mayRunAction(staff, open, { audience: 'residents' })).toBe(false);
    expect(mayRunAction(visitor, open, { audience: 'everyone' })).toBe(true);
    expect(mayRunAction(staff, open, { audience: 'everyone' })).toBe(true);
  });
});
