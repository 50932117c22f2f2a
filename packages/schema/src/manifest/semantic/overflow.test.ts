import { describe, expect, it } from 'vitest';
import { relativeValue } from '../../time';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

/**
 * The example with a monthly cap on free visits per person: a visit beyond it is still
 * reported, but charged (`free: false`) — unless the operator's `chargeBeyondCap` is off.
 */
function withCap(): Loose {
  const m: Loose = structuredClone(exampleManifest());
  m.manifestVersion = 2;
  Object.assign(m.config.properties, {
    freePerMonth: { type: 'integer', minimum: 0, maximum: 31, default: 4 },
    chargeBeyondCap: { type: 'boolean', default: true },
  });
  Object.assign(m.collections.tickets.schema.properties, {
    free: { type: 'boolean' },
    month: { type: 'string', maxLength: 7 },
  });
  m.collections.tickets.capacity = [
    {
      id: 'free',
      key: ['createdBy', 'month'],
      limit: { bind: 'config.freePerMonth' },
      where: { field: 'free', op: 'eq', value: true },
      overflow: { set: { free: false }, allowed: { bind: 'config.chargeBeyondCap' } },
    },
  ];
  m.actions.report.set = {
    ...m.actions.report.set,
    free: true,
    month: { var: 'item.createdAt', as: 'month' },
  };
  return m;
}
const overflow = '/collections/tickets/capacity/0/overflow';

describe('capacity overflow: written differently instead of refused when full', () => {
  it('accepts a set that takes the record out of the rule, allowed by a config boolean', () => {
    expect(validateManifest(withCap()).errors).toEqual([]);
  });

  it('refuses a set that leaves the record under the rule, or of the wrong field or type', () => {
    const m = withCap();
    m.collections.tickets.capacity[0].overflow.set = { category: '收费' };
    expect(found(m)).toContainEqual([`${overflow}/set`, 'capacity.overflow']);
    m.collections.tickets.capacity[0].overflow.set = { free: 'no' };
    expect(found(m)).toContainEqual([`${overflow}/set/free`, 'capacity.overflow']);
    m.collections.tickets.capacity[0].overflow.set = { free: false, status: 'done' };
    expect(found(m)).toContainEqual([`${overflow}/set/status`, 'capacity.overflow']);
    m.collections.tickets.capacity[0].overflow.set = { free: false, nowhere: 1 };
    expect(found(m)).toContainEqual([`${overflow}/set/nowhere`, 'capacity.overflow']);
  });

  it('refuses allowed bound to a config value that is not a boolean, and overflow with a waitlist', () => {
    const m = withCap();
    m.collections.tickets.capacity[0].overflow.allowed = { bind: 'config.freePerMonth' };
    expect(found(m)).toContainEqual([`${overflow}/allowed/bind`, 'ref.bindingType']);
    m.collections.tickets.capacity[0].overflow.allowed = true;
    m.collections.tickets.capacity[0].waitlist = { state: 'accepted', promoteTo: 'submitted' };
    expect(found(m)).toContainEqual([overflow, 'capacity.overflow']);
  });
});

describe('the month of a date of the new record: {"var": "item.<field>", "as": "month"}', () => {
  it('needs as: month and a date field of the record', () => {
    const m = withCap();
    m.actions.report.set.month = { var: 'item.createdAt' };
    expect(found(m)).toContainEqual(['/actions/report/set/month', 'filter.relative']);
    m.actions.report.set.month = { var: 'item.title', as: 'month' };
    expect(found(m)).toContainEqual(['/actions/report/set/month', 'filter.relative']);
  });

  it('is a create-only value', () => {
    const m = withCap();
    m.actions.rate.set = { rating: { var: 'item.createdAt', as: 'month' } };
    expect(found(m)).toContainEqual(['/actions/rate/set/rating', 'filter.relative']);
  });

  it('a time anchor as a month is the local month: 23:30 UTC on 31 March is April in Shanghai', () => {
    const now = new Date('2026-03-31T23:30:00Z');
    expect(relativeValue('today', now, 'Asia/Shanghai', undefined, 'month')).toBe('2026-04');
    expect(relativeValue('today', now, 'UTC', undefined, 'month')).toBe('2026-03');
  });
});
