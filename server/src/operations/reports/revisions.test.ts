import ExcelJS from 'exceljs';
import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { rankingChanges } from './revisions';
import { MonthlyReports } from './service';
import { reports, type MonthlyReport } from './store';

const db = useTestDatabase('report_revisions');
let t: TestServer;
let admin: string;
let supA: string;
let supB: string;
let supCity: string;
let operatorA: string;
let residentA: string;

const repair = standardPluginEntries.find((e) => e.manifest.id === 'std.property-repair')!;
const REPORTED = 'std.property-repair/reported';
const TREE = [
  { id: 'rv', name: '浙江省', level: 'province' },
  { id: 'rv-hz', name: '杭州市', level: 'city', parentId: 'rv' },
  { id: 'rv-hz-a', name: '西湖区', level: 'district', parentId: 'rv-hz' },
  { id: 'rv-hz-b', name: '拱墅区', level: 'district', parentId: 'rv-hz' },
  { id: 'rv-a-st', name: '北山街道', level: 'street', parentId: 'rv-hz-a' },
  { id: 'rv-b-st', name: '和睦街道', level: 'street', parentId: 'rv-hz-b' },
];
/** 10:00 on 5 November in Beijing: October is frozen, a correction comes late. */
const NOW = new Date('2026-11-05T02:00:00Z');
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
  try {
    const r = await t.call(
      'POST',
      `/api/v1/communities/${communityId}/plugins/${repair.manifest.id}/actions/report`,
      { as, body: { input } },
    );
    expect(r.status, r.text).toBe(201);
  } finally {
    t.services.dataPlane.now = () => NOW;
  }
}

const revise = (as: string, body: Record<string, unknown>) =>
  t.call('POST', '/api/v1/operations/reports/revisions', { as, body });
const stored = () => reports(db.connection().db!).countDocuments();
const reportedOf = (r: MonthlyReport) => r.metrics.find((m) => m.key === REPORTED)?.total;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => NOW;
  admin = (await sessionFor(t.services, { username: 'rv-admin', platformRoles: ['admin'] })).token;
  for (const body of TREE)
    expect((await t.call('POST', '/api/v1/regions', { as: admin, body })).status).toBe(201);
  await publishApproved(t.services, repair.manifest);
  for (const [id, street] of [
    ['rv-a', 'rv-a-st'],
    ['rv-b', 'rv-b-st'],
  ] as const) {
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
  }
  const res = await sessionFor(t.services, { username: 'rv-res-a' });
  await t.services.members.ensure('rv-a', res.accountId, 'resident');
  residentA = res.token;
  for (let n = 0; n < 5; n++)
    await reportTicket('rv-a', res.token, new Date(Date.UTC(2026, 9, 2 + n * 4, 4)));
  const op = await sessionFor(t.services, { username: 'rv-op-a' });
  await t.services.members.ensure('rv-a', op.accountId, 'operator');
  operatorA = op.token;
  const supervisor = async (username: string, regionId: string) => {
    const s = await sessionFor(t.services, { username });
    await t.call('PUT', `/api/v1/regions/${regionId}/supervisors/${s.accountId}`, { as: admin });
    return s.token;
  };
  supA = await supervisor('rv-sup-a', 'rv-hz-a');
  supB = await supervisor('rv-sup-b', 'rv-hz-b');
  supCity = await supervisor('rv-sup-city', 'rv-hz');
  // October's first revisions, frozen by the schedule before the correction.
  const freezer = new MonthlyReports(t.services, 0);
  expect(await freezer.freeze('community', 'rv-a', '2026-10', 'schedule')).not.toBeNull();
  expect(await freezer.freeze('region', 'rv-hz-a', '2026-10', 'schedule')).not.toBeNull();
}, 120_000);
afterAll(() => t.close());

describe('report revisions', () => {
  let first: MonthlyReport;

  it('a record added late to last month: the re-freeze makes revision 2 naming it, revision 1 stays', async () => {
    const r1 = await t.call('GET', '/api/v1/communities/rv-a/reports/2026-10', { as: admin });
    expect(r1.status, r1.text).toBe(200);
    first = r1.json as MonthlyReport;
    expect(first).toMatchObject({ revision: 1, reason: null, changes: [] });
    expect(reportedOf(first)).toBe(5);

    const late = await sessionFor(t.services, { username: 'rv-res-a-late' });
    await t.services.members.ensure('rv-a', late.accountId, 'resident');
    await reportTicket('rv-a', late.token, new Date('2026-10-28T04:00:00Z'));

    const made = await revise(supA, {
      kind: 'community',
      subjectId: 'rv-a',
      month: '2026-10',
      reason: '补录 10 月 28 日的报修',
    });
    expect(made.status, made.text).toBe(201);
    const second = made.json as MonthlyReport;
    expect(second).toMatchObject({
      revision: 2,
      reason: '补录 10 月 28 日的报修',
      frozenBy: 'supervisor',
    });
    expect(reportedOf(second)).toBe(6);
    expect(second.changes).toContainEqual(
      expect.objectContaining({ key: REPORTED, from: 5, to: 6 }),
    );
    expect(second.changes.find((c) => c.key === REPORTED)?.label?.['zh-CN']).toBeTruthy();

    // Revision 1 is kept as it was; the month reads as its newest revision.
    const old = await t.call('GET', '/api/v1/communities/rv-a/reports/2026-10?revision=1', {
      as: operatorA,
    });
    expect(old.json).toEqual(first);
    const newest = await t.call('GET', '/api/v1/communities/rv-a/reports/2026-10', {
      as: operatorA,
    });
    expect(newest.json).toEqual(second);
    const list = await t.call('GET', '/api/v1/communities/rv-a/reports', { as: operatorA });
    expect((list.json as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ month: '2026-10', revision: 2, frozenBy: 'supervisor' }),
    ]);
    expect(
      (await t.call('GET', '/api/v1/communities/rv-a/reports/2026-10?revision=3', { as: admin }))
        .status,
    ).toBe(404);

    // The month's roll-ups were computed again: the dashboard's October counts the late one.
    const board = await t.call(
      'GET',
      '/api/v1/communities/rv-a/dashboard?period=month&month=2026-10',
      { as: operatorA },
    );
    expect(board.status, board.text).toBe(200);
    const metrics = (board.json as { metrics: { key: string; total: number }[] }).metrics;
    expect(metrics.find((m) => m.key === REPORTED)?.total).toBe(6);

    // Audited, with the reason.
    const audit = await t.call('GET', '/api/v1/audit?action=report.revise', { as: admin });
    expect(audit.status, audit.text).toBe(200);
    expect((audit.json as { items: unknown[] }).items).toContainEqual(
      expect.objectContaining({
        action: 'report.revise',
        communityId: 'rv-a',
        summary: expect.objectContaining({ revision: 2, reason: '补录 10 月 28 日的报修' }),
      }),
    );
  });

  it('the export names its revision, the reason and what changed', async () => {
    const csv = await t.call('GET', '/api/v1/communities/rv-a/reports/2026-10/export?format=csv', {
      as: operatorA,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('2026-10-r2.csv');
    expect(csv.text).toContain('版本,第 2 版');
    expect(csv.text).toContain('修订原因,补录 10 月 28 日的报修');
    expect(csv.text).toMatch(/物业报修 · [^,]+,5,6/);
    const old = await t.call(
      'GET',
      '/api/v1/communities/rv-a/reports/2026-10/export?format=csv&revision=1&lang=en',
      { as: operatorA },
    );
    expect(old.text).toContain('Revision,Revision 1');
    expect(old.text).not.toContain('Reason for the revision');

    const xlsx = await fetch(
      `${t.base}/api/v1/communities/rv-a/reports/2026-10/export?format=xlsx`,
      { headers: { cookie: `scene_session=${supA}` } },
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const values = book
      .getWorksheet('月报')!
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined);
    expect(values).toContain('第 2 版');
    expect(values).toContain('补录 10 月 28 日的报修');
  });

  it('two concurrent re-freezes make one revision', async () => {
    const before = await stored();
    const body = { kind: 'community', subjectId: 'rv-a', month: '2026-10', reason: '复核' };
    const both = await Promise.all([revise(admin, body), revise(supA, body)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)!.json).toMatchObject({
      error: { code: 'report_revising' },
    });
    const made = both.find((r) => r.status === 201)!.json as MonthlyReport;
    expect(made.revision).toBe(3);
    // Nothing moved since revision 2.
    expect(made.changes).toEqual([]);
    expect(await stored()).toBe(before + 1);
  });

  it('a region node is revised over its communities’ recomputed roll-ups', async () => {
    const r1 = await t.call('GET', '/api/v1/regions/rv-hz-a/reports/2026-10', { as: supA });
    expect(reportedOf(r1.json as MonthlyReport)).toBe(5);
    const made = await revise(supA, {
      kind: 'region',
      subjectId: 'rv-hz-a',
      month: '2026-10',
      reason: '社区补录',
    });
    expect(made.status, made.text).toBe(201);
    const revised = made.json as MonthlyReport;
    expect(revised.changes).toContainEqual(
      expect.objectContaining({ key: REPORTED, from: 5, to: 6 }),
    );
    // The community the correction came from is named with its own figure, not only the total.
    expect(revised.rankingChanges).toEqual([
      expect.objectContaining({
        id: 'rv-a',
        name: '社区 rv-a',
        figures: expect.arrayContaining([{ key: REPORTED, from: 5, to: 6 }]),
      }),
    ]);
    const csv = await t.call(
      'GET',
      '/api/v1/regions/rv-hz-a/reports/2026-10/export?format=csv&revision=2',
      { as: supA },
    );
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toContain('排名、得分或数字有变化的社区');
    expect(csv.text).toMatch(/社区 rv-a,第 1 名，\d+ 分,第 1 名，\d+ 分,物业报修 · [^,]+ 5 → 6/);
  });

  it('names every community whose place or score moved, and those that joined or left', () => {
    const row = (id: string, score: number, reported: number | null) => ({
      id,
      name: id,
      score,
      figures: { [REPORTED]: reported },
    });
    const report = (ranking: MonthlyReport['ranking']) => ({ ranking }) as MonthlyReport;
    const before = report([row('a', 90, 9), row('b', 80, 8), row('c', 70, 7), row('gone', 10, 1)]);
    const after = report([row('b', 95, 12), row('a', 90, 9), row('c', 70, 7), row('new', 5, 1)]);
    expect(rankingChanges(before, after)).toEqual([
      {
        id: 'b',
        name: 'b',
        from: { rank: 2, score: 80 },
        to: { rank: 1, score: 95 },
        figures: [{ key: REPORTED, from: 8, to: 12 }],
      },
      { id: 'a', name: 'a', from: { rank: 1, score: 90 }, to: { rank: 2, score: 90 }, figures: [] },
      {
        id: 'new',
        name: 'new',
        from: null,
        to: { rank: 4, score: 5 },
        figures: [{ key: REPORTED, from: null, to: 1 }],
      },
      {
        id: 'gone',
        name: 'gone',
        from: { rank: 4, score: 10 },
        to: null,
        figures: [{ key: REPORTED, from: 1, to: null }],
      },
    ]);
  });

  it('refuses everyone else, and writes nothing when it does', async () => {
    const before = await stored();
    const body = { kind: 'community', subjectId: 'rv-a', month: '2026-10', reason: '复核' };
    // Another district's supervisor does not see the community at all.
    expect((await revise(supB, body)).status).toBe(404);
    expect((await revise(supB, { ...body, kind: 'region', subjectId: 'rv-hz-a' })).status).toBe(
      404,
    );
    // Read-only above the district, and for the community's own people.
    for (const as of [supCity, operatorA, residentA]) {
      const r = await revise(as, body);
      expect(r.status).toBe(403);
      expect((r.json as { error: { message: string } }).error.message).toBeTruthy();
    }
    for (const bad of [
      { ...body, reason: ' ' },
      { ...body, reason: undefined },
      { ...body, month: '2026-13' },
      { ...body, kind: 'shop' },
    ])
      expect((await revise(admin, bad)).status, JSON.stringify(bad)).toBe(400);
    // The list tells the studio who may.
    const may = async (as: string) =>
      (
        (await t.call('GET', '/api/v1/communities/rv-a/reports', { as })).json as {
          canRevise: boolean;
        }
      ).canRevise;
    expect([await may(admin), await may(supA), await may(supCity), await may(operatorA)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    // A month never frozen has nothing to revise.
    expect((await revise(admin, { ...body, month: '2026-09' })).status).toBe(404);
    expect((await revise(admin, { ...body, subjectId: 'rv-b' })).status).toBe(404);
    expect(await stored()).toBe(before);
  });
});
