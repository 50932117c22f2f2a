import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

/** The example with a monthly cap on a sum: each ticket weighs its minutes, the cap is in hours. */
function withHours(): Loose {
  const m: Loose = structuredClone(exampleManifest());
  m.manifestVersion = 2;
  Object.assign(m.config.properties, {
    hoursPerMonth: { type: 'number', minimum: 0, maximum: 100, default: 10 },
  });
  Object.assign(m.collections.tickets.schema.properties, {
    minutes: { type: 'integer', minimum: 0, maximum: 480 },
    month: { type: 'string', maxLength: 7 },
  });
  m.collections.tickets.capacity = [
    {
      id: 'hours',
      key: ['createdBy', 'month'],
      limit: { bind: 'config.hoursPerMonth' },
      weight: { field: 'minutes', per: 60, step: 0.5 },
    },
  ];
  return m;
}
const weight = '/collections/tickets/capacity/0/weight';

describe('capacity weight: a limit on a sum of a number field', () => {
  it('accepts a number field with a unit and a step', () => {
    expect(validateManifest(withHours()).errors).toEqual([]);
  });

  it('refuses a weight that is not a number field of the collection', () => {
    const m = withHours();
    m.collections.tickets.capacity[0].weight = { field: 'month' };
    expect(found(m)).toContainEqual([`${weight}/field`, 'capacity.weight']);
    m.collections.tickets.capacity[0].weight = { field: 'nowhere' };
    expect(found(m)).toContainEqual([`${weight}/field`, 'capacity.weight']);
    m.collections.tickets.capacity[0].weight = { field: 'createdAt' };
    expect(found(m)).toContainEqual([`${weight}/field`, 'capacity.weight']);
  });

  it('refuses a step or unit of zero in the meta-schema', () => {
    const m = withHours();
    m.collections.tickets.capacity[0].weight = { field: 'minutes', step: 0 };
    expect(validateManifest(m).errors.length).toBeGreaterThan(0);
  });

  it('refuses a weight on a rule with a waitlist', () => {
    const m = withHours();
    m.collections.tickets.capacity[0].waitlist = {
      state: 'waitlisted',
      promoteTo: 'submitted',
    };
    expect(found(m)).toContainEqual([weight, 'capacity.weight']);
  });
});
