import { describe, expect, it } from 'vitest';
import type { QueryDef } from '../manifest/types';
import { exampleManifest } from '../manifest/example';
import { validateManifest } from '../manifest/validate';
import { AggregateReducer, measureFields } from './reduce';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

/** Meals per day and the share of them that were subsidised (`op: "share"`). */
const meals: QueryDef = {
  collection: 'bookings',
  kind: 'aggregate',
  measures: [
    { id: 'meals', op: 'count' },
    { id: 'subsidised', op: 'share', where: { field: 'subsidy', op: 'gt', value: 0 } },
  ],
  bucket: { field: 'date', unit: 'day' },
  range: { field: 'date', maxDays: 31 },
};

describe('share: the percentage of the records counted that match a filter', () => {
  it('is 100 × matching / counted per bucket and overall; a record without the field is a no', () => {
    const period = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-31T16:00:00Z') };
    const r = new AggregateReducer(meals, 'Asia/Shanghai', [period]);
    for (const doc of [
      { date: '2026-03-01', subsidy: 5 },
      { date: '2026-03-01', subsidy: 0 },
      { date: '2026-03-01', subsidy: 3 },
      { date: '2026-03-02', subsidy: 0 },
      { date: '2026-03-02' },
    ])
      r.add(doc);
    const [answer] = r.result();
    expect(answer!.total).toEqual({ count: 5, values: { meals: 5, subsidised: 40 } });
    const shares = answer!.rows!.map((x) => [x.bucket, 'values' in x ? x.values.subsidised : null]);
    expect(shares).toEqual([
      ['2026-03-01', 200 / 3],
      ['2026-03-02', 0],
    ]);
  });

  it('reads the fields of its filter (what a projected read fetches)', () => {
    expect(measureFields(meals.measures![1]!)).toEqual(['subsidy']);
  });

  it('needs where and no field; where goes with share only; its fields exist', () => {
    const m: Loose = structuredClone(exampleManifest());
    m.manifestVersion = 2;
    const q = {
      collection: 'tickets',
      kind: 'aggregate',
      measures: [{ id: 'rated', op: 'share', where: { field: 'rating', op: 'gte', value: 4 } }],
      range: { field: 'createdAt', maxDays: 90 },
    };
    m.queries.rated = q;
    expect(validateManifest(m).errors).toEqual([]);
    const codes = (measure: unknown) => {
      m.queries.rated = { ...q, measures: [measure] };
      return validateManifest(m).errors.map((e) => [e.pointer, e.code]);
    };
    const at = '/queries/rated/measures/0';
    expect(codes({ id: 'rated', op: 'share' })).toContainEqual([at, 'aggregate.share']);
    expect(
      codes({ id: 'rated', op: 'share', field: 'rating', where: q.measures[0]!.where }),
    ).toContainEqual([at, 'aggregate.share']);
    expect(
      codes({ id: 'n', op: 'avg', field: 'rating', where: q.measures[0]!.where }),
    ).toContainEqual([at, 'aggregate.share']);
    expect(
      codes({ id: 'rated', op: 'share', where: { field: 'nowhere', op: 'eq', value: 1 } }),
    ).toContainEqual([`${at}/where/field`, 'ref.field']);
  });
});
