import { describe, expect, it } from 'vitest';
import type { QueryDef } from '../manifest/types';
import { figuresExampleManifest } from './example';
import { aggregatePeriod, dateValueInstant } from './range';
import { AggregateReducer, ZoneClock } from './reduce';
import { suppress } from './suppress';
import type { AggregatePeriod } from './types';

const SH = 'Asia/Shanghai';
const queries = figuresExampleManifest().queries;

describe('the period of an aggregate', () => {
  // Wednesday 2026-03-11 00:30 in Shanghai, still the 10th in UTC.
  const now = new Date('2026-03-10T16:30:00Z');

  it('reads local dates, timestamps and relative dates in the community zone', () => {
    expect(dateValueInstant('2026-03-01', now, SH)?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(dateValueInstant('2026-03-01T08:00:00+08:00', now, SH)?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(dateValueInstant({ var: 'startOfMonth' }, now, SH)?.toISOString()).toBe(
      '2026-02-28T16:00:00.000Z',
    );
    expect(dateValueInstant({ var: 'startOfMonth', offset: '-P1M' }, now, SH)?.toISOString()).toBe(
      '2026-01-31T16:00:00.000Z',
    );
    for (const bad of ['2026-02-30', 'yesterday', '2026-03-01T08:00', 7, { var: 'soon' }])
      expect(dateValueInstant(bad, now, SH)).toBeNull();
  });

  it('defaults to the query’s range and compares with the same length just before', () => {
    const r = aggregatePeriod(queries.communityHours!, { compare: 'previous' }, now, SH);
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(r.period.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(r.period.to).toEqual(now);
    const length = now.getTime() - r.period.from.getTime();
    expect(r.previous!.to).toEqual(r.period.from);
    expect(r.previous!.from.getTime()).toBe(r.period.from.getTime() - length);
  });

  it('without a default `from` goes back maxDays from `to`', () => {
    const q: QueryDef = { ...queries.communityHours!, range: { field: 'date', maxDays: 30 } };
    const r = aggregatePeriod(q, { to: '2026-03-31' }, now, SH);
    expect(r.ok && r.period.from.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('refuses malformed, reversed and too long periods', () => {
    const q = queries.communityHours!;
    expect(aggregatePeriod(q, { from: 'soon' }, now, SH)).toMatchObject({ code: 'range_value' });
    expect(aggregatePeriod(q, { from: '2026-03-02', to: '2026-03-01' }, now, SH)).toMatchObject({
      code: 'range_order',
    });
    expect(aggregatePeriod(q, { from: '2024-01-01', to: '2026-01-01' }, now, SH)).toMatchObject({
      code: 'range_too_long',
    });
    expect(aggregatePeriod(q, { compare: 'lastYear' }, now, SH)).toMatchObject({
      code: 'range_value',
    });
  });
});

describe('buckets in the community zone', () => {
  const clock = new ZoneClock(SH);
  it('puts 23:30 and 00:30 Beijing time on their own local days', () => {
    expect(clock.bucket('2026-03-10T15:30:00.000Z', 'day')).toBe('2026-03-10');
    expect(clock.bucket('2026-03-10T16:30:00.000Z', 'day')).toBe('2026-03-11');
  });
  it('starts weeks on Monday and months on the 1st, by local date', () => {
    // Sunday 2026-03-15 23:30 local and Monday 2026-03-16 00:30 local.
    expect(clock.bucket('2026-03-15T15:30:00.000Z', 'week')).toBe('2026-03-09');
    expect(clock.bucket('2026-03-15T16:30:00.000Z', 'week')).toBe('2026-03-16');
    expect(clock.bucket('2026-02-28T16:30:00.000Z', 'month')).toBe('2026-03');
    expect(clock.bucket('2026-03-15', 'week')).toBe('2026-03-09');
    expect(clock.bucket('not a date', 'day')).toBeUndefined();
  });
});

describe('the reduce', () => {
  const period = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-31T16:00:00Z') };
  const rec = (date: string, kind: string, hours: unknown) => ({ date, kind, hours });

  it('sums, counts, averages, takes min and max per group; skips what is no number', () => {
    const q: QueryDef = {
      ...queries.weekly!,
      measures: [
        { id: 'sum', op: 'sum', field: 'hours' },
        { id: 'n', op: 'count' },
        { id: 'avg', op: 'avg', field: 'hours' },
        { id: 'min', op: 'min', field: 'hours' },
        { id: 'max', op: 'max', field: 'hours' },
      ],
      bucket: undefined,
    };
    const r = new AggregateReducer(q, SH, [period]);
    for (const d of [
      rec('2026-03-02', 'garden', 2),
      rec('2026-03-03', 'garden', 3.5),
      rec('2026-03-04', 'garden', 'lots'),
      rec('2026-03-05', 'elderly', 1),
      rec('2026-04-01', 'elderly', 9), // after the period
    ])
      r.add(d);
    const [p] = r.result();
    expect(p!.total).toEqual({
      count: 4,
      values: { sum: 6.5, n: 4, avg: 6.5 / 3, min: 1, max: 3.5 },
    });
    expect(p!.rows).toEqual([
      { key: { kind: 'elderly' }, count: 1, values: { sum: 1, n: 1, avg: 1, min: 1, max: 1 } },
      {
        key: { kind: 'garden' },
        count: 3,
        values: { sum: 5.5, n: 3, avg: 2.75, min: 2, max: 3.5 },
      },
    ]);
  });

  it('gives an average of nothing as null, a sum of nothing as 0', () => {
    const q: QueryDef = { ...queries.communityHours!, bucket: undefined };
    const r = new AggregateReducer(q, SH, [period]);
    r.add(rec('2026-03-02', 'garden', null));
    expect(r.result()[0]!.total).toEqual({
      count: 1,
      values: { hours: 0, shifts: 1, average: null },
    });
  });
});

describe('small-group suppression', () => {
  const row = (kind: string, count: number) => ({ key: { kind }, count, values: { n: count } });
  const period = (rows: ReturnType<typeof row>[]): AggregatePeriod => ({
    from: 'a',
    to: 'b',
    total: { count: rows.reduce((s, r) => s + r.count, 0), values: {} },
    rows,
  });
  const hiddenKinds = (p: Pick<AggregatePeriod, 'rows'>) =>
    p.rows!.filter((r) => r.suppressed).map((r) => r.key!.kind);

  it('hides groups below the minimum and keeps the others', () => {
    const out = suppress(period([row('a', 5), row('b', 2), row('c', 3), row('d', 9)]), 5);
    expect(hiddenKinds(out)).toEqual(['b', 'c']);
    expect(out.rows![0]).toEqual(row('a', 5));
    expect(out.rows![1]).toEqual({ key: { kind: 'b' }, suppressed: true });
  });

  it('hides one more group when the total would give a lone hidden group away', () => {
    const out = suppress(period([row('a', 12), row('b', 2), row('c', 7)]), 5);
    expect(hiddenKinds(out)).toEqual(['b', 'c']);
    expect(out.total).toMatchObject({ count: 21 });
  });

  it('hides everything when the total itself is below the minimum', () => {
    const out = suppress(period([row('a', 2), row('b', 1)]), 5);
    expect(out.total).toEqual({ suppressed: true });
    expect(hiddenKinds(out)).toEqual(['a', 'b']);
  });

  it('shows a total of no records as zero: nobody is there to hide', () => {
    const out = suppress(period([]), 5);
    expect(out.total).toMatchObject({ count: 0 });
    expect(out.total.suppressed).toBeUndefined();
  });
});

describe('median and elapsed-time measures', () => {
  it('reads the median of the hours between two dates, leaving out records without both', () => {
    const q = {
      collection: 'requests',
      kind: 'aggregate',
      measures: [
        { id: 'toAnswer', op: 'median', field: 'answeredAt', since: 'createdAt', unit: 'hours' },
        { id: 'meanToAnswer', op: 'avg', field: 'answeredAt', since: 'createdAt', unit: 'hours' },
      ],
      range: { field: 'createdAt', maxDays: 31 },
    } as unknown as QueryDef;
    const period = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };
    const r = new AggregateReducer(q, SH, [period]);
    const at = (h: number) => new Date(Date.parse('2026-03-02T00:00:00Z') + h * 3_600_000);
    for (const hours of [1, 2, 30])
      r.add({ createdAt: at(0).toISOString(), answeredAt: at(hours).toISOString() });
    r.add({ createdAt: at(0).toISOString() }); // not answered yet
    r.add({ createdAt: at(5).toISOString(), answeredAt: at(0).toISOString() }); // clock skew
    expect(r.result()[0]!.total).toEqual({ count: 5, values: { toAnswer: 2, meanToAnswer: 11 } });
    r.add({ createdAt: at(0).toISOString(), answeredAt: at(4).toISOString() });
    expect(r.result()[0]!.total).toMatchObject({ values: { toAnswer: 3 } });
  });
});
