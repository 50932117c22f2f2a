// std.survey (issue 15) over HTTP against the real database: installed from the registry, the
// questions from config, one answer per resident per round (anonymous answers too), the open
// and close dates, results per question hidden under 5 answers, written answers for the
// operator only, the CSV and XLSX downloads (the operator's only).
import ExcelJS from 'exceljs';
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipId } from '../../server/src/control/auth/model';
import { newId } from '../../server/src/control/auth/secrets';
import { recordCollectionName } from '../../server/src/data/records/names';
import { useTestDatabase } from '../../server/src/testing/database';
import { sessionFor } from '../../server/src/testing/server';
import { A, B, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-survey');
const survey = standardPlugin('survey');
let w: World;

const day = (offset: number) =>
  localDate(new Date(Date.now() + offset * 86_400_000), 'Asia/Shanghai');
const base = (c: string) => `/api/v1/communities/${c}/plugins/${survey.id}`;
const as = (token: string, method: string, path: string, body?: unknown) =>
  w.t.call(method, path, { as: token, ...(body === undefined ? {} : { body }) });
const answer = (token: string, answers: Record<string, unknown>, c = A) =>
  as(token, 'POST', `${base(c)}/actions/answer`, { input: { answers } });
const results = (token: string, c = A) => as(token, 'GET', `${base(c)}/results/answer`);
const stored = () => db.connection().db!.collection(recordCollectionName(survey.id, 'answers'));

/** A complete sheet of the satisfaction template. */
const sheet = (stars: number, ideas?: string) => ({
  overall: stars,
  environment: stars,
  services: 4,
  facilities: 4,
  governance: 5,
  best: ['邻里氛围', '便民服务'],
  recommend: '愿意',
  ...(ideas ? { ideas } : {}),
});

async function setConfig(c: string, patch: Record<string, unknown>): Promise<void> {
  const path = `/api/v1/communities/${c}/installations/${survey.id}`;
  const current = (await as(w.tokens.operatorA, 'GET', path)).json?.config;
  const r = await w.t.call('PATCH', path, {
    as: c === A ? w.tokens.operatorA : operatorB,
    body: { config: { ...(current ?? (await configOf(c))), ...patch } },
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
}
async function configOf(c: string): Promise<Record<string, unknown>> {
  return (await w.t.services.installations.get(c, survey.id, false)).config;
}

/** More residents of a community than the world brings (results need at least 5 answers). */
async function residents(c: string, n: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await sessionFor(w.t.services, { username: `r${i}_${newId().slice(-8)}` });
    const now = new Date();
    await w.t.services.models.Membership.create({
      _id: membershipId(c, s.accountId),
      communityId: c,
      accountId: s.accountId,
      role: 'resident',
      pluginRoles: [],
      createdAt: now,
      updatedAt: now,
    });
    tokens.push(s.token);
  }
  return tokens;
}

let operatorB: string;

beforeAll(async () => {
  w = await startWorld(db.connection(), [survey], {
    [survey.id]: { opensOn: day(-1), closesOn: day(1) },
  });
  const s = await sessionFor(w.t.services, { username: `opb_${newId().slice(-8)}` });
  const now = new Date();
  await w.t.services.models.Membership.create({
    _id: membershipId(B, s.accountId),
    communityId: B,
    accountId: s.accountId,
    role: 'operator',
    pluginRoles: [],
    createdAt: now,
    updatedAt: now,
  });
  operatorB = s.token;
});
afterAll(() => w?.t.close());

describe('std.survey', () => {
  it('is installed from the registry with the satisfaction template as its questions', async () => {
    const config = await configOf(A);
    expect(config.title).toBe('验收前居民满意度调研');
    expect((config.questions as { id: string }[]).map((q) => q.id)).toEqual([
      'overall',
      'environment',
      'services',
      'facilities',
      'governance',
      'digital',
      'best',
      'recommend',
      'ideas',
    ]);
    expect(config.anonymous).toBe(true);
  });

  it('takes an anonymous answer once: the second one is refused, and the sheet names nobody', async () => {
    const first = await answer(w.tokens.residentA, sheet(5, '希望增加儿童游乐设施'));
    expect(first.status, JSON.stringify(first.json)).toBe(201);
    const again = await answer(w.tokens.residentA, sheet(1));
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('already_done');
    expect(again.json.error.details.message['zh-CN']).toContain('已经填写过');
    const docs = await stored().find({ communityId: A }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.createdBy).toBe('anonymous');
    expect(JSON.stringify(docs[0])).not.toContain(w.ids.residentA);
    expect(docs[0]!.score).toBe(4.6);
  });

  it('takes a named answer once too, and keeps its author', async () => {
    await setConfig(B, { anonymous: false, opensOn: day(-1), closesOn: day(1) });
    expect((await answer(w.tokens.residentB, sheet(4), B)).status).toBe(201);
    const again = await answer(w.tokens.residentB, sheet(4), B);
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('already_done');
    const docs = await stored().find({ communityId: B }).toArray();
    expect(docs.map((d) => d.createdBy)).toEqual([w.ids.residentB]);
  });

  it('refuses a sheet with a required question unanswered, or an option not offered, and stores nothing', async () => {
    const before = await stored().countDocuments({ communityId: A });
    const { overall: _skip, ...noOverall } = sheet(3);
    const r = await answer(w.tokens.residentA2, noOverall);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(JSON.stringify(r.json.error.details)).toContain('/answers/overall');
    const odd = await answer(w.tokens.residentA2, { ...sheet(3), recommend: '看情况' });
    expect(odd.status).toBe(400);
    expect(JSON.stringify(odd.json.error.details)).toContain('/answers/recommend');
    expect(await stored().countDocuments({ communityId: A })).toBe(before);
  });

  it('lets only residents answer', async () => {
    for (const who of ['staffA', 'operatorA'] as Who[]) {
      const r = await answer(w.tokens[who], sheet(3));
      expect(r.status, who).toBe(403);
    }
  });

  it('hides the results while fewer than 5 have answered', async () => {
    const r = await results(w.tokens.operatorA);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ total: 0, suppressed: true, minGroupSize: 5 });
    expect(JSON.stringify(r.json)).not.toContain('儿童游乐');
  });

  it('shows results per question with counts and percentages; written answers to the operator only', async () => {
    const more = await residents(A, 5);
    const ideas = [
      '地下车库照明再亮一些',
      undefined,
      '食堂延长营业时间',
      '多组织邻里活动',
      '增加充电桩',
    ];
    for (const [i, token] of more.entries()) {
      const r = await answer(token, sheet(i < 3 ? 4 : 3, ideas[i]));
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    }
    const op = await results(w.tokens.operatorA);
    expect(op.status).toBe(200);
    expect(op.json.total).toBe(6);
    const overall = op.json.questions.find((q: { id: string }) => q.id === 'overall');
    expect(overall).toMatchObject({ kind: 'rating', answered: 6, average: 3.83 });
    expect(overall.counts).toEqual([
      { value: '1', count: 0, percent: 0 },
      { value: '2', count: 0, percent: 0 },
      { value: '3', count: 2, percent: 33.3 },
      { value: '4', count: 3, percent: 50 },
      { value: '5', count: 1, percent: 16.7 },
    ]);
    const recommend = op.json.questions.find((q: { id: string }) => q.id === 'recommend');
    expect(recommend.counts[0]).toEqual({ value: '愿意', count: 6, percent: 100 });
    // Nobody answered the optional online-services question: too few to show.
    const digital = op.json.questions.find((q: { id: string }) => q.id === 'digital');
    expect(digital).toMatchObject({ answered: 0, suppressed: true });
    const written = op.json.questions.find((q: { id: string }) => q.id === 'ideas');
    expect(written.texts).toContain('希望增加儿童游乐设施');
    expect(written.texts).toHaveLength(5);

    const resident = await results(w.tokens.residentA2);
    expect(resident.status).toBe(200);
    expect(resident.json.total).toBe(6);
    expect(JSON.stringify(resident.json)).not.toContain('儿童游乐');
    expect(resident.json.questions.find((q: { id: string }) => q.id === 'ideas').texts).toBe(
      undefined,
    );
    // The rows themselves stay the operator's.
    expect((await as(w.tokens.residentA2, 'GET', `${base(A)}/queries/answered`)).status).toBe(403);
    expect((await as(w.tokens.operatorA, 'GET', `${base(A)}/queries/answered`)).json.count).toBe(6);
  });

  it('downloads the results as CSV, written answers only for the operator', async () => {
    const op = await as(w.tokens.operatorA, 'GET', `${base(A)}/results/answer/csv`);
    expect(op.status).toBe(200);
    expect(op.headers.get('content-type')).toContain('text/csv');
    expect(op.headers.get('content-disposition')).toContain('attachment');
    const lines = op.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('题目,类型,选项,人数,百分比,作答人数');
    expect(lines).toContain('您对本社区建设的总体满意度,评分,4 星,3,50%,6');
    expect(op.text).toContain('希望增加儿童游乐设施');
    const en = await as(w.tokens.operatorA, 'GET', `${base(A)}/results/answer/csv?lang=en`);
    expect(en.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Question,Kind,Option,Count,Percent,Answered',
    );
    // Residents read the tally on screen, but the files are the operator's (exportRoles).
    const resident = await as(w.tokens.residentA2, 'GET', `${base(A)}/results/answer/csv`);
    expect(resident.status).toBe(403);
    expect(resident.json.error.code).toBe('forbidden');
    expect(resident.text).not.toContain('儿童游乐');
    expect((await as(w.tokens.staffA, 'GET', `${base(A)}/results/answer`)).status).toBe(403);
  });

  it('downloads the results as an XLSX workbook in words, hidden figures hidden, for the operator only', async () => {
    const download = async (token: string, c = A, lang = 'zh-CN') => {
      const r = await fetch(`${w.t.base}${base(c)}/results/answer/xlsx?lang=${lang}`, {
        headers: { cookie: `scene_session=${token}` },
      });
      return { status: r.status, type: r.headers.get('content-type'), body: r };
    };
    const op = await download(w.tokens.operatorA);
    expect(op.status).toBe(200);
    expect(op.type).toContain('spreadsheetml');
    expect(op.body.headers.get('content-disposition')).toContain('answer-results.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await op.body.arrayBuffer());
    const ws = book.getWorksheet('结果')!;
    // exceljs counts rows and cells from 1; a row without cells is a hole.
    const rows: unknown[][] = ws.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1) : []));
    expect(rows[1]).toEqual(['问卷调查 · 结果']);
    // The export time in words, in the community's zone (no ISO timestamp).
    const exportedAt = String(rows[2]?.[1]);
    expect(rows[2]?.[0]).toBe('导出时间');
    expect(exportedAt).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    expect(exportedAt).toContain(
      new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(
        new Date(),
      ),
    );
    expect(rows[3]).toEqual(['答卷总数', 6]);
    expect(rows[6]).toEqual(['题目', '类型', '选项', '人数', '百分比', '作答人数']);
    const star4 = rows.find(
      (r) => Array.isArray(r) && r[0] === '您对本社区建设的总体满意度' && r[2] === '4 星',
    );
    expect(star4).toEqual(['您对本社区建设的总体满意度', '评分', '4 星', 3, 0.5, 6]);
    const percentCell = ws.getRow(rows.indexOf(star4!)).getCell(5);
    expect(percentCell.numFmt).toBe('0.0%');
    // Option labels, never codes; a question too few answered says so in words.
    expect(
      rows.some(
        (r) => Array.isArray(r) && String(r[0]).startsWith('您是否愿意推荐') && r[2] === '愿意',
      ),
    ).toBe(true);
    expect(rows.find((r) => Array.isArray(r) && r[0] === '您对线上办事与社区平台的满意度')).toEqual(
      ['您对线上办事与社区平台的满意度', '评分', '人数太少，不显示', '', '', ''],
    );
    // The operator reads the written answers, sorted.
    expect(rows.some((r) => Array.isArray(r) && r[2] === '希望增加儿童游乐设施')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/overall|rating|"recommend"/);

    const en = await download(w.tokens.operatorA, A, 'en');
    const enBook = new ExcelJS.Workbook();
    await enBook.xlsx.load(await en.body.arrayBuffer());
    const enRows = enBook.getWorksheet('Results')!.getSheetValues();
    expect((enRows[6] as unknown[]).slice(1)).toEqual([
      'Question',
      'Kind',
      'Option',
      'Count',
      'Percent',
      'Answered',
    ]);

    for (const token of [w.tokens.residentA2, w.tokens.staffA]) {
      const r = await download(token);
      expect(r.status).toBe(403);
      expect(((await r.body.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    // Another community's operator cannot reach this one's results.
    expect((await download(operatorB)).status).toBe(403);
    // A visitor without a session is asked to sign in.
    const visitor = await fetch(`${w.t.base}${base(A)}/results/answer/xlsx`);
    expect(visitor.status).toBe(401);
  });

  it('writes a workbook that hides everything while fewer than 5 have answered', async () => {
    const r = await fetch(`${w.t.base}${base(B)}/results/answer/xlsx`, {
      headers: { cookie: `scene_session=${operatorB}` },
    });
    expect(r.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await r.arrayBuffer());
    const rows = book.getWorksheet('结果')!.getSheetValues();
    expect((rows[3] as unknown[]).slice(1)).toEqual(['答卷总数', '不足 5 份，不显示结果']);
    expect(JSON.stringify(rows)).not.toMatch(/\d 星/);
  });

  it('refuses answers before the open date and after the close date', async () => {
    await setConfig(A, { opensOn: day(1), closesOn: day(3) });
    const early = await answer(w.tokens.residentA2, sheet(4));
    expect(early.status).toBe(409);
    expect(early.json.error.details.code).toBe('not_open_yet');
    await setConfig(A, { opensOn: day(-5), closesOn: day(-1) });
    const late = await answer(w.tokens.residentA2, sheet(4));
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
  });

  it('starts a new round with a new open date: everyone may answer once more, results show only it', async () => {
    await setConfig(A, { opensOn: day(0), closesOn: day(7) });
    expect((await answer(w.tokens.residentA, sheet(2))).status).toBe(201);
    expect((await answer(w.tokens.residentA, sheet(2))).status).toBe(409);
    const r = await results(w.tokens.operatorA);
    expect(r.json).toMatchObject({ total: 0, suppressed: true });
  });
});
