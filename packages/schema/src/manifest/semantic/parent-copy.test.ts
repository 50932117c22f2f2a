import { describe, expect, it } from 'vitest';
import { peopleExampleManifest } from '../parts/people-example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

/**
 * The worked example with visits booked into a coordinator's rounds: each visit copies its
 * round's number of places and start (`parent.copy`), the capacity rule reads the places
 * (`item.places`) and booking closes at the start (`deadline.time: item.startTime`); the
 * rating pays points per star at a configured rate (`points.rate`).
 */
function withRounds(): Loose {
  const m: Loose = structuredClone(peopleExampleManifest());
  m.config.properties.pointsPerStar = { type: 'integer', minimum: 0, maximum: 10, default: 2 };
  m.collections.rounds = {
    schemaVersion: 1,
    schema: {
      type: 'object',
      properties: {
        places: { type: 'integer', minimum: 1, maximum: 50 },
        area: { type: 'string', maxLength: 20 },
        startTime: { type: 'string', maxLength: 5, pattern: '^[0-2][0-9]:[0-5][0-9]$' },
      },
      required: ['places'],
    },
    access: { read: [{ roles: ['resident'] }] },
  };
  const visits = m.collections.visits;
  visits.schema.properties.roundId = { type: 'string', maxLength: 64 };
  visits.schema.properties.places = { type: 'integer', minimum: 1, maximum: 50 };
  visits.schema.properties.startTime = { type: 'string', maxLength: 5 };
  visits.capacity[0].limit = { bind: 'item.places' };
  m.actions.request.input.properties.roundId = { type: 'string', maxLength: 64 };
  m.actions.request.parent = {
    field: 'roundId',
    collection: 'rounds',
    copy: { places: 'places', startTime: 'startTime' },
  };
  // Booking closes when the round starts: the record's own time, copied from the round.
  m.actions.request.deadline = { date: 'date', time: { bind: 'item.startTime' } };
  return m;
}
const starPoints = { amount: 1, to: 'actor', reason: { 'zh-CN': '预约', en: 'Booked' } };
const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

describe('values from the parent record (`parent.copy`), a limit and a cut-off from the record, points at a rate', () => {
  it('accepts places copied from the round and a capacity rule reading them', () => {
    expect(found(withRounds())).toEqual([]);
  });

  it('accepts points at a rate bound to a number in config', () => {
    const m = withRounds();
    m.actions.request.points = { ...starPoints, rate: { bind: 'config.pointsPerStar' } };
    expect(found(m).filter(([p]) => String(p).startsWith('/actions/request/points'))).toEqual([]);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a copy into a field the caller also sends',
      (m) => (m.actions.request.input.properties.places = { type: 'integer', maximum: 50 }),
      '/actions/request/parent/copy/places',
      'parent.copy',
    ],
    [
      'a copy from a field the parent lacks',
      (m) => (m.actions.request.parent.copy = { places: 'seats' }),
      '/actions/request/parent/copy/places',
      'parent.copy',
    ],
    [
      'a copy between fields of different types',
      (m) => (m.actions.request.parent.copy = { places: 'area' }),
      '/actions/request/parent/copy/places',
      'parent.copy',
    ],
    [
      'a copy into a field the collection lacks',
      (m) => (m.actions.request.parent.copy = { seats: 'places' }),
      '/actions/request/parent/copy/seats',
      'parent.copy',
    ],
    [
      'a cut-off time read from a number field',
      (m) => (m.actions.request.deadline.time = { bind: 'item.places' }),
      '/actions/request/deadline/time/bind',
      'ref.bindingType',
    ],
    [
      'a cut-off time read from a field the record lacks',
      (m) => (m.actions.request.deadline.time = { bind: 'item.startsAt' }),
      '/actions/request/deadline/time/bind',
      'ref.field',
    ],
    [
      'a cut-off time bound elsewhere than config or the record',
      (m) => (m.actions.request.deadline.time = { bind: 'user.id' }),
      '/actions/request/deadline/time/bind',
      'ref.binding',
    ],
    [
      'a limit read from a text field',
      (m) => (m.collections.visits.capacity[0].limit = { bind: 'item.roundId' }),
      '/collections/visits/capacity/0/limit/bind',
      'ref.bindingType',
    ],
    [
      'a points rate bound to a config value that is not a number',
      (m) => (m.actions.request.points = { ...starPoints, rate: { bind: 'config.slots' } }),
      '/actions/request/points/rate/bind',
      'ref.bindingType',
    ],
  ])('refuses %s', (_what, breakIt, pointer, code) => {
    const m = withRounds();
    breakIt(m);
    const issues = found(m);
    expect(issues.some(([p, c]) => String(p).includes(pointer) && c === code)).toBe(true);
  });
});
