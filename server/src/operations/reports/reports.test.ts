import ExcelJS from 'exceljs';
import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { figuresFromRecords } from '../../testing/figures-from-records';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { dashboardPeriod } from '../period';
import { MonthlyReports } from './service';
import { reports, type MonthlyReport } from './store';

const db = useTestDatabase('reports');
let t: TestServer;
let admin: string;
let supA: string;
let operatorA: string;
let residentA: string;

const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const REPORTED = 'std.property-repair/reported';
const TREE = [
  { id: 'rz', name: '浙江省', level: 'province' },
  { id: 'rz-hz', name: '杭州市', level: 'city', parentId: 'rz' },
  { id: 'rz-hz-a', name: '西湖区', level: 'district', parentId: 'rz-hz' },
  { id: 'rz-hz-b', name: '拱墅区', level: 'district', parentId: 'rz-hz' },
  { id: 'rz-a-st', name: '北山街道', level: 'street', parentId: 'rz-hz-a' },
  { id: 'rz-b-st', name: '和睦街道', level: 'street', parentId: 'rz-hz-b' },
];
/** Tickets each community reported in October 2026, and its street. */
const OCTOBER: Record<string, { tickets: number; street: string }> = {
  'rp-a-one': { tickets: 6, street: 'rz-a-st' },
  'rp-a-two': { tickets: 7, street: 'rz-a-st' },
  'rp-b-one': { tickets: 5, street: 'rz-b-st' },
};
/** 10:00 on 1 November in Beijing: the day October's reports are frozen. */
const NOW = new Date('2026-11-01T02:00:00Z');
const PERSONAL = ['张三丰', '13812341234', '3幢2单元1201'];
const input = {
  category: 'plumbing',
  locationType: 'room',
  room: '3幢2单元1201',
  title: '厨房水管漏水',
  contactName: '张三丰',
  contactPhone: '13812341234',
};

async function reportTicket(communityId: string, as: string, at: Date): Promise<void> {
  t.services.dataPlane.now = () => at;
  const r = await t.call(
    'POST',
    `/api/v1/communities/${communityId}/plugins/${repair.manifest.id}/actions/report`,
    { as, body: { input } },
  );
  expect(r.status, r.text).toBe(201);
  t.services.dataPlane.now = () => NOW;
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => NOW;
  admin = (await sessionFor(t.services, { username: 'rp-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  await publishApproved(t.services, repair.manifest);
  for (const [id, { tickets, street }] of Object.entries(OCTOBER)) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: `社区 ${id}`, city: '杭州', district: 'x', type: 'renovation' },
    });
    const inst = await t.call('POST', `/api/v1/communities/${id}/installations`, {
      as: admin,
      body: {
        pluginId: repair.manifest.id,
        config: repair.fixtures.config,
        acceptPermissions: repair.manifest.permissions.map((p) => p.scope),
      },
    });
    expect([201, 409], inst.text).toContain(inst.status);
    await t.call('PUT', `/api/v1/regions/${street}/communities/${id}`, { as: admin });
    const res = await sessionFor(t.services, { username: `res-${id}` });
    await t.services.members.ensure(id, res.accountId, 'resident');
    if (id === 'rp-a-one') residentA = res.token;
    // One a day from 2 October (a day inside the month in Beijing and in UTC).
    for (let n = 0; n < tickets; n++)
      await reportTicket(id, res.token, new Date(Date.UTC(2026, 9, 2 + n * 3, 4)));
  }
  const op = await sessionFor(t.services, { username: 'rp-op-a-one' });
  await t.services.members.ensure('rp-a-one', op.accountId, 'operator');
  operatorA = op.token;
  const s = await sessionFor(t.services, { username: 'rp-sup-a' });
  await t.call('PUT', `/api/v1/regions/rz-hz-a/supervisors/${s.accountId}`, { as: admin });
  supA = s.token;
});
afterAll(() => t.close());

const reportedOf = (r: MonthlyReport) => r.metrics.find((m) => m.key === REPORTED)?.total;

describe('monthly reports', () => {
  it('are not frozen on another day than the 1st', async () => {
    t.services.dataPlane.now = () => new Date('2026-10-31T02:00:00Z');
    try {
      expect(await new MonthlyReports(t.services, 0).runAll()).toEqual({ frozen: 0, pending: 0 });
      expect(await reports(db.connection().db!).countDocuments()).toBe(0);
    } finally {
      t.services.dataPlane.now = () => NOW;
    }
  });

  it('are frozen exactly once per community and region node by concurrent schedules', async () => {
    const freezers = [1, 2, 3].map(() => new MonthlyReports(t.services, 0));
    let frozen = (await Promise.all(freezers.map((f) => f.runAll()))).reduce(
      (n, r) => n + r.frozen,
      0,
    );
    // A region waits while another process is still rolling its communities up: later passes.
    for (let pass = 0; pass < 5; pass++) {
      const again = await Promise.all(freezers.map((f) => f.runAll()));
      frozen += again.reduce((n, r) => n + r.frozen, 0);
      if (again.every((r) => r.pending === 0)) break;
    }
    const communities = await t.services.models.Community.countDocuments({ status: 'active' });
    const docs = await reports(db.connection().db!).find().toArray();
    expect(docs).toHaveLength(communities + TREE.length);
    expect(frozen).toBe(docs.length);
    expect(new Set(docs.map((d) => d._id)).size).toBe(docs.length);
    expect(docs.every((d) => d.month === '2026-10' && d.frozenBy === 'schedule')).toBe(true);
    // Nothing more to do the same day.
    const last = await Promise.all(freezers.map((f) => f.runAll()));
    expect(last.reduce((n, r) => n + r.frozen, 0)).toBe(0);
  });

  it('hold the month’s figures, for a community and summed over a region', async () => {
    for (const [id, { tickets }] of Object.entries(OCTOBER)) {
      const r = await t.call('GET', `/api/v1/communities/${id}/reports/2026-10`, { as: admin });
      expect(r.status, r.text).toBe(200);
      expect(reportedOf(r.json as MonthlyReport)).toBe(tickets);
      expect((r.json as MonthlyReport).from).toBe('2026-10-01');
      expect((r.json as MonthlyReport).to).toBe('2026-11-01');
    }
    const a = await t.call('GET', '/api/v1/regions/rz-hz-a/reports/2026-10', { as: admin });
    expect(reportedOf(a.json as MonthlyReport)).toBe(13);
    expect((a.json as MonthlyReport).ranking.map((c) => c.id).sort()).toEqual([
      'rp-a-one',
      'rp-a-two',
    ]);
    const all = await t.call('GET', '/api/v1/regions/rz/reports/2026-10', { as: admin });
    expect(reportedOf(all.json as MonthlyReport)).toBe(18);
  });

  it('are not altered by a later change of records', async () => {
    const res = await sessionFor(t.services, { username: 'res-rp-a-one-late' });
    await t.services.members.ensure('rp-a-one', res.accountId, 'resident');
    await reportTicket('rp-a-one', res.token, new Date('2026-10-20T04:00:00Z'));
    // The records of October now count one more.
    const fromRecords = await figuresFromRecords(
      t.services.dataPlane,
      'rp-a-one',
      dashboardPeriod('month', '2026-10', NOW, 'Asia/Shanghai'),
    );
    expect(fromRecords.find((m) => m.key === REPORTED)?.total).toBe(7);
    const frozen = await t.call('GET', '/api/v1/communities/rp-a-one/reports/2026-10', {
      as: admin,
    });
    expect(reportedOf(frozen.json as MonthlyReport)).toBe(6);
    // A freezer running again leaves the stored report alone.
    expect(
      await new MonthlyReports(t.services, 0).freeze('community', 'rp-a-one', '2026-10', 'admin'),
    ).toBeNull();
    const again = await t.call('GET', '/api/v1/communities/rp-a-one/reports/2026-10', {
      as: admin,
    });
    expect(again.json).toEqual(frozen.json);
  });

  it('are read by the community’s operator and the supervisors above it, nobody else', async () => {
    const list = await t.call('GET', '/api/v1/communities/rp-a-one/reports', { as: operatorA });
    expect(list.status, list.text).toBe(200);
    expect((list.json as { items: { month: string }[] }).items.map((i) => i.month)).toEqual([
      '2026-10',
    ]);
    expect((await t.call('GET', '/api/v1/regions/rz-hz-a/reports', { as: operatorA })).status).toBe(
      403,
    );
    expect(
      (await t.call('GET', '/api/v1/communities/rp-a-one/reports', { as: residentA })).status,
    ).toBe(403);
    // The supervisor of district A sees A's node and communities, nothing of B (not even that it exists).
    for (const path of [
      '/api/v1/regions/rz-hz-a/reports',
      '/api/v1/regions/rz-hz-a/reports/2026-10',
      '/api/v1/communities/rp-a-two/reports/2026-10',
    ])
      expect((await t.call('GET', path, { as: supA })).status, path).toBe(200);
    for (const path of [
      '/api/v1/regions/rz-hz-b/reports',
      '/api/v1/regions/rz-hz-b/reports/2026-10',
      '/api/v1/regions/rz/reports/2026-10',
      '/api/v1/communities/rp-b-one/reports',
      '/api/v1/communities/rp-b-one/reports/2026-10/export?format=csv',
    ])
      expect((await t.call('GET', path, { as: supA })).status, path).toBe(404);
  });

  it('hand a supervisor figures only: no record, no personal field', async () => {
    for (const path of [
      '/api/v1/regions/rz-hz-a/reports',
      '/api/v1/regions/rz-hz-a/reports/2026-10',
      '/api/v1/communities/rp-a-one/reports/2026-10',
      '/api/v1/regions/rz-hz-a/reports/2026-10/export?format=csv',
    ]) {
      const r = await t.call('GET', path, { as: supA });
      expect(r.status, path).toBe(200);
      for (const p of [...PERSONAL, 'res-rp-a-one', 'createdBy', 'accountId', 'ticketNo'])
        expect(r.text, `${path} ${p}`).not.toContain(p);
    }
  });

  it('export as CSV and XLSX with headings and values in words', async () => {
    const csv = await t.call(
      'GET',
      '/api/v1/communities/rp-a-one/reports/2026-10/export?format=csv',
      {
        as: operatorA,
      },
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('月报 · 社区 rp-a-one · 2026年10月');
    expect(csv.text).toContain('2026年10月1日 至 2026年10月31日');
    // Frozen at 10:00 Beijing time, not 02:00 UTC.
    expect(csv.text).toMatch(/冻结时间,2026年11月1日 10:00/);
    expect(csv.text).toMatch(/物业报修[^\r\n]*,6,/);
    const en = await t.call(
      'GET',
      '/api/v1/communities/rp-a-one/reports/2026-10/export?format=csv&lang=en',
      { as: operatorA },
    );
    expect(en.text).toContain('This month');
    expect(en.text).toContain('October 1, 2026 to October 31, 2026');

    const xlsx = await fetch(
      `${t.base}/api/v1/regions/rz-hz-a/reports/2026-10/export?format=xlsx`,
      {
        headers: { cookie: `scene_session=${supA}` },
      },
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['月报', '社区排名']);
    const sheet = book.getWorksheet('月报')!;
    const values = sheet
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined);
    expect(values).toContain('西湖区');
    expect(values).toContain(13);
    const ranking = book.getWorksheet('社区排名')!;
    expect(ranking.getRow(1).values).toContain('排名');
    expect(ranking.rowCount).toBe(3);

    const bad = await t.call(
      'GET',
      '/api/v1/communities/rp-a-one/reports/2026-10/export?format=pdf',
      { as: operatorA },
    );
    expect(bad.status).toBe(400);
    expect((bad.json as { error: { code: string } }).error.code).toBeTruthy();
  });

  it('are frozen on demand by the admin, once, and bad requests change nothing', async () => {
    const freeze = (as: string, body: Record<string, unknown>) =>
      t.call('POST', '/api/v1/operations/reports', { as, body });
    const count = () => reports(db.connection().db!).countDocuments();
    const before = await count();
    for (const body of [
      { kind: 'community', subjectId: 'rp-a-one', month: '2026-11' },
      { kind: 'community', subjectId: 'rp-a-one', month: '2026-13' },
      { kind: 'shop', subjectId: 'rp-a-one', month: '2026-09' },
      { kind: 'community', subjectId: 'rp-a-one' },
    ]) {
      const r = await freeze(admin, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.json as { error: { message: string } }).error.message).toBeTruthy();
    }
    expect(
      (await freeze(admin, { kind: 'community', subjectId: 'nope-x', month: '2026-09' })).status,
    ).toBe(404);
    expect(
      (await freeze(supA, { kind: 'region', subjectId: 'rz-hz-a', month: '2026-09' })).status,
    ).toBe(403);
    expect(await count()).toBe(before);

    // Two admins at once: one freezes, the other is told it is frozen already.
    const both = await Promise.all([
      freeze(admin, { kind: 'region', subjectId: 'rz-hz-a', month: '2026-09' }),
      freeze(admin, { kind: 'region', subjectId: 'rz-hz-a', month: '2026-09' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const made = both.find((r) => r.status === 201)!.json as MonthlyReport;
    expect(made.frozenBy).toBe('admin');
    expect(reportedOf(made)).toBe(0);
    expect(both.find((r) => r.status === 409)!.json).toMatchObject({
      error: { code: 'report_frozen' },
    });
    expect(await count()).toBe(before + 1);
    const again = await freeze(admin, {
      kind: 'community',
      subjectId: 'rp-a-one',
      month: '2026-10',
    });
    expect(again.status).toBe(409);
    expect(await count()).toBe(before + 1);
  });
});
