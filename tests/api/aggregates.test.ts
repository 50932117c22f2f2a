import { figuresExampleManifest } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, B, startWorld, type Who, type World } from './dataplane-kit';

// Aggregates over HTTP: the published, approved and installed worked example, its figures for
// residents and its declared metric for operators; every answer is checked against the contract
// by the test server.
const db = useTestDatabase('api-aggregates');
const plugin = figuresExampleManifest();
let w: World;
const base = (c: string) => `/api/v1/communities/${c}/plugins/${plugin.id}`;
const call = (who: Who | null, method: string, path: string, body?: unknown) =>
  w.t.call(method, path, {
    ...(who ? { as: w.tokens[who] } : {}),
    ...(body === undefined ? {} : { body }),
  });
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  w = await startWorld(db.connection(), [plugin]);
  // Six shifts today: two by one resident, four by another; one in the other community.
  for (const [who, kind, hours] of [
    ['residentA', 'garden', 2],
    ['residentA', 'garden', 1],
    ['residentA2', 'cleanup', 1.5],
    ['residentA2', 'cleanup', 1.5],
    ['residentA2', 'cleanup', 1.5],
    ['residentA2', 'cleanup', 1.5],
    ['residentB', 'garden', 8],
  ] as const) {
    const r = await call(who, 'POST', `${base(who === 'residentB' ? B : A)}/actions/log`, {
      input: { date: today, kind, hours },
    });
    expect(r.status).toBe(201);
  }
});
afterAll(() => w?.t.close());

describe('aggregates over HTTP', () => {
  it('a resident reads their own hours and the community’s, with the previous period', async () => {
    const mine = await call('residentA', 'GET', `${base(A)}/queries/myHours`);
    expect(mine.status).toBe(200);
    expect(mine.json).toMatchObject({
      kind: 'aggregate',
      total: { count: 2, values: { hours: 3 } },
    });

    const all = await call(
      'residentA',
      'GET',
      `${base(A)}/queries/communityHours?compare=previous`,
    );
    expect(all.status).toBe(200);
    expect(all.json.total).toEqual({ count: 6, values: { hours: 9, shifts: 6, average: 1.5 } });
    expect(all.json.rows).toEqual([
      { bucket: today, count: 6, values: { hours: 9, shifts: 6, average: 1.5 } },
    ]);
    // Nobody logged hours before: a real zero, not a hidden small group.
    expect(all.json.previous).toMatchObject({ to: all.json.from, total: { count: 0 } });
    expect(all.json.previous.total.suppressed).toBeUndefined();

    // By kind: the garden group (two shifts) is below five, so both groups hide their figures.
    const byKind = await call('residentA2', 'GET', `${base(A)}/queries/byKind?from=${today}`);
    expect(byKind.json.rows).toEqual([
      { key: { kind: 'cleanup' }, suppressed: true },
      { key: { kind: 'garden' }, suppressed: true },
    ]);
  });

  it('refuses bad periods with 400 and the reason, and figures to roles the query does not name', async () => {
    for (const [qs, code] of [
      ['from=yesterday', 'range_value'],
      ['from=2026-03-02&to=2026-03-01', 'range_order'],
      ['from=2020-01-01&to=2026-01-01', 'range_too_long'],
      ['compare=lastYear', 'range_value'],
      ['f.kind.eq=garden', 'filter_not_allowed'],
    ]) {
      const r = await call('residentA', 'GET', `${base(A)}/queries/byKind?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.json.error.details.code).toBe(code);
    }
    expect((await call('residentA', 'GET', `${base(A)}/queries/weekly`)).status).toBe(403);
    expect((await call(null, 'GET', `${base(A)}/queries/byKind`)).status).toBe(401);
  });

  it('an operator reads a declared metric; residents and unknown metrics are refused', async () => {
    const m = await call('operatorA', 'GET', `${base(A)}/metrics/hours?compare=previous`);
    expect(m.status).toBe(200);
    expect(m.json).toMatchObject({
      kind: 'aggregate',
      total: { count: 6 },
      rows: [{ bucket: today, count: 6 }],
      previous: { total: { count: 0 } },
    });
    expect((await call('residentA', 'GET', `${base(A)}/metrics/hours`)).status).toBe(403);
    expect((await call('operatorA', 'GET', `${base(A)}/metrics/nope`)).status).toBe(404);
    const bad = await call('operatorA', 'GET', `${base(A)}/metrics/hours?compare=next`);
    expect(bad.status).toBe(400);
  });
});
