// std.survey "everyone with the link" (issue 15) over HTTP against the real database: a visitor
// (no account) answers once per browser, keyed by the signed participation cookie; a second
// answer, a forged cookie, a residents-only survey, the per-address limit; results count visitor
// answers; nothing joins an anonymous answer to a browser.
import { localDate } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VisitorWriteLimit } from '../../server/src/data/actions/visitors';
import { ONCE_CLAIMS, recordCollectionName } from '../../server/src/data/records/names';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, B, standardPlugin, startWorld, type World } from './dataplane-kit';

const db = useTestDatabase('api-survey-visitors');
const survey = standardPlugin('survey');
let w: World;

const day = (offset: number) =>
  localDate(new Date(Date.now() + offset * 86_400_000), 'Asia/Shanghai');
const base = (c: string) => `/api/v1/communities/${c}/plugins/${survey.id}`;
const stored = () => db.connection().db!.collection(recordCollectionName(survey.id, 'answers'));

/** A complete sheet of the satisfaction template. */
const sheet = (stars: number, ideas?: string) => ({
  overall: stars,
  environment: stars,
  services: 4,
  facilities: 4,
  governance: 5,
  best: ['邻里氛围'],
  recommend: '愿意',
  ...(ideas ? { ideas } : {}),
});

/** Answers as a visitor, sending `cookie` if given; returns the answer and the cookie set. */
async function visit(c: string, answers: Record<string, unknown>, cookie?: string) {
  const r = await w.t.call('POST', `${base(c)}/actions/answer`, {
    body: { input: { answers } },
    headers: cookie ? { cookie } : {},
  });
  const set = r.headers.get('set-cookie') ?? undefined;
  return { ...r, cookie: set?.split(';')[0], setCookie: set };
}

beforeAll(async () => {
  w = await startWorld(db.connection(), [survey], {
    [survey.id]: { opensOn: day(-1), closesOn: day(1) },
  });
  for (const [c, audience, anonymous] of [
    [A, 'everyone', true],
    [B, 'residents', false],
  ] as const) {
    const config = (await w.t.services.installations.get(c, survey.id, false)).config;
    const r = await w.t.call('PATCH', `/api/v1/communities/${c}/installations/${survey.id}`, {
      as: w.tokens.admin,
      body: { config: { ...config, audience, anonymous } },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
  }
});
afterAll(() => w?.t.close());

describe('std.survey open to everyone with the link', () => {
  let first: string;

  it('takes a visitor answer without an account and sets a signed, HttpOnly, SameSite=Lax cookie', async () => {
    const r = await visit(A, sheet(5, '欢迎更多邻里活动'));
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.setCookie).toMatch(/^scene_visitor=[A-Za-z0-9_-]{65};/);
    expect(r.setCookie).toMatch(/HttpOnly/i);
    expect(r.setCookie).toMatch(/SameSite=Lax/i);
    first = r.cookie!;
    const docs = await stored().find({ communityId: A }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.createdBy).toBe('anonymous');
  });

  it('refuses a second answer from the same browser in words, and writes nothing', async () => {
    const again = await visit(A, sheet(1), first);
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('already_done');
    expect(again.json.error.details.message['zh-CN']).toContain('已经填写过');
    expect(again.setCookie).toBeUndefined();
    expect(await stored().countDocuments({ communityId: A })).toBe(1);
  });

  it('says on opening whether this browser or this resident answered already', async () => {
    const status = (headers: Record<string, string>, c = A) =>
      w.t.call('GET', `${base(c)}/actions/answer/once`, { headers });
    const mine = await status({ cookie: first });
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({ done: true });
    const fresh = await status({});
    expect(fresh.json).toEqual({ done: false });
    expect(fresh.headers.get('set-cookie')).toBeNull();
    expect((await status({ cookie: 'scene_visitor=forged-value-0000000000' })).json).toEqual({
      done: false,
    });
    const resident = await w.t.call('GET', `${base(A)}/actions/answer/once`, {
      as: w.tokens.residentA2,
    });
    expect(resident.json).toEqual({ done: false });
    expect((await w.t.call('GET', `${base(A)}/actions/nothing/once`)).status).toBe(404);
  });

  it('treats a forged or malformed cookie as a new browser, never as an error', async () => {
    const id = first.slice('scene_visitor='.length, 'scene_visitor='.length + 22);
    const forged = `scene_visitor=${id}${'A'.repeat(43)}`;
    const r = await visit(A, sheet(3), forged);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.cookie).not.toBe(first);
    for (const bad of [
      'scene_visitor=%00%ff',
      'scene_visitor=short',
      'scene_visitor=' + 'x'.repeat(300),
    ]) {
      const b = await visit(A, sheet(4), bad);
      expect(b.status, bad).toBe(201);
      expect(b.setCookie).toMatch(/^scene_visitor=/);
    }
    expect(await stored().countDocuments({ communityId: A })).toBe(5);
  });

  it('keeps nothing that joins an anonymous answer to a browser', async () => {
    const cookieId = first.slice('scene_visitor='.length);
    const docs = await stored().find({ communityId: A }).toArray();
    const claims = await db
      .connection()
      .db!.collection(ONCE_CLAIMS)
      .find({ communityId: A })
      .toArray();
    expect(claims).toHaveLength(5);
    for (const c of claims)
      expect(Object.keys(c).sort()).toEqual(['_id', 'communityId', 'pluginId']);
    const all = JSON.stringify([docs, claims]);
    expect(all).not.toContain(cookieId.slice(0, 22));
    expect(all).not.toContain(cookieId.slice(22));
    for (const d of docs) {
      expect(d.createdBy).toBe('anonymous');
      expect(d.actedBy).toBeUndefined();
      // No time finer than the local day: the answers cannot be lined up against claims.
      expect(d.createdAt).toBe(docs[0]!.createdAt);
    }
  });

  it('counts visitor answers in the results the operator reads', async () => {
    const op = await w.t.call('GET', `${base(A)}/results/answer`, { as: w.tokens.operatorA });
    expect(op.status).toBe(200);
    expect(op.json.total).toBe(5);
    const overall = op.json.questions.find((q: { id: string }) => q.id === 'overall');
    expect(overall, JSON.stringify(overall)).toMatchObject({ answered: 5, average: 4 });
    const count = await w.t.call('GET', `${base(A)}/queries/answered`, { as: w.tokens.operatorA });
    expect(count.json.count).toBe(5);
  });

  it('still takes one answer per resident, by account, beside the visitors', async () => {
    const call = () =>
      w.t.call('POST', `${base(A)}/actions/answer`, {
        as: w.tokens.residentA,
        body: { input: { answers: sheet(4) } },
      });
    expect((await call()).status).toBe(201);
    expect((await call()).status).toBe(409);
    const status = await w.t.call('GET', `${base(A)}/actions/answer/once`, {
      as: w.tokens.residentA,
    });
    expect(status.json).toEqual({ done: true });
  });

  it('refuses visitors on a residents-only survey with a 401 in words, and stores nothing', async () => {
    const r = await visit(B, sheet(4));
    expect(r.status).toBe(401);
    expect(r.json.error.details.code).toBe('members_only');
    expect(r.json.error.details.message['zh-CN']).toContain('请先登录');
    expect(r.setCookie).toBeUndefined();
    expect(await stored().countDocuments({ communityId: B })).toBe(0);
    // A signed-in member of another community is no member here either.
    const other = await w.t.call('POST', `${base(B)}/actions/answer`, {
      as: w.tokens.residentA,
      body: { input: { answers: sheet(4) } },
    });
    expect(other.status).toBe(403);
    const resident = await w.t.call('POST', `${base(B)}/actions/answer`, {
      as: w.tokens.residentB,
      body: { input: { answers: sheet(4) } },
    });
    expect(resident.status).toBe(201);
  });

  it('refuses a visitor sheet with a required answer missing (400); an action that does not exist is refused like one not open to visitors', async () => {
    const { overall: _skip, ...partial } = sheet(3);
    const r = await visit(A, partial);
    expect(r.status).toBe(400);
    // A visitor learns nothing of what is installed: "not there" reads as "members only".
    const other = await w.t.call('POST', `${base(A)}/actions/nothing`, { body: { input: {} } });
    expect(other.status).toBe(401);
    expect(other.json.error.details.code).toBe('members_only');
    const noPlugin = await w.t.call(
      'POST',
      `/api/v1/communities/${A}/plugins/acme.none/actions/x`,
      {
        body: { input: {} },
      },
    );
    expect(noPlugin.status).toBe(401);
  });

  it('limits visitor answers per address with a 429 and Retry-After', async () => {
    const dp = w.t.services.dataPlane;
    const saved = dp.visitorWrites;
    dp.visitorWrites = new VisitorWriteLimit({ max: 2, windowMs: 60_000 });
    try {
      expect((await visit(A, sheet(2))).status).toBe(201);
      expect((await visit(A, sheet(2))).status).toBe(201);
      const before = await stored().countDocuments({ communityId: A });
      const r = await visit(A, sheet(2));
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await stored().countDocuments({ communityId: A })).toBe(before);
    } finally {
      dp.visitorWrites = saved;
    }
  });
});
