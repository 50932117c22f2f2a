// Issue 13, plugin roles and personal data, over HTTP against the real database: one regression
// test per finding of the outside probe (each failed before the fix).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteChange } from '../../server/src/data/records/changes';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-roles-privacy');
const repair = standardPlugin('property-repair');
const notices = standardPlugin('notice-board');
const proposals = standardPlugin('proposals');
const canteen = standardPlugin('elderly-canteen');
let w: World;

const call = (who: Who | null, method: string, path: string, body?: unknown) =>
  w.t.call(method, path, {
    ...(who ? { as: w.tokens[who] } : {}),
    ...(body === undefined ? {} : { body }),
  });
const plugin = (id: string) => `/api/v1/communities/${A}/plugins/${id}`;
const act = (who: Who, id: string, action: string, body: Record<string, unknown>) =>
  call(who, 'POST', `${plugin(id)}/actions/${action}`, body);
const query = (who: Who | null, id: string, name: string, params = '') =>
  call(who, 'GET', `${plugin(id)}/queries/${name}${params}`);
const audits = (action: string) => w.t.services.models.AuditEntry.find({ action }).lean();
/** A day in the community's zone (Shanghai), as the server's "today" is: not the UTC date. */
const isoDay = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

beforeAll(async () => {
  w = await startWorld(db.connection(), [repair, notices, proposals, canteen]);
});
afterAll(() => w?.t.close());

describe('grantedTo has one meaning: the roles that hold a plugin role by default', () => {
  it('lets staff work a repair without an explicit grant, and not the operator', async () => {
    const t = await act('residentA', repair.id, 'report', {
      input: {
        category: 'plumbing',
        locationType: 'public',
        title: '楼道灯坏了',
        contactPhone: '13900002222',
      },
    });
    expect(t.status).toBe(201);
    const id = t.json.record.id as string;
    // Operators are not staff: the technician's role is not theirs unless grantedTo says so.
    const byOperator = await act('operatorA', repair.id, 'accept', { recordId: id });
    expect(byOperator.status).toBe(403);
    const byStaff = await act('staffA', repair.id, 'accept', { recordId: id });
    expect(byStaff.status).toBe(200);
    expect(byStaff.json.record.status).toBe('accepted');
  });
});

describe('std.proposals: the committee is not every resident', () => {
  let mine: string;

  beforeAll(async () => {
    const p = await act('residentA', proposals.id, 'propose', {
      input: { title: '加装电梯议题', body: '三幢老人上下楼不便，建议加装电梯。' },
    });
    expect(p.status).toBe(201);
    mine = p.json.record.id;
  });

  it('refuses a resident every committee step, the manage query and unmasking', async () => {
    const steps: [string, Record<string, unknown>][] = [
      ['evaluate', {}],
      ['decline', { answer: '不符合议事范围' }],
      ['openVote', { votingEndsAt: '2000-01-01T00:00:00.000Z' }],
      ['accept', { answer: '通过' }],
      ['answer', { answer: '已收到' }],
    ];
    for (const [step, input] of steps) {
      const r = await act('residentA2', proposals.id, step, { recordId: mine, input });
      expect(r.status, step).toBe(403);
    }
    expect((await query('residentA2', proposals.id, 'manage')).status).toBe(403);
    const unmask = await call(
      'residentA2',
      'POST',
      `${plugin(proposals.id)}/records/proposals/${mine}/unmask`,
      { reason: '想知道是谁' },
    );
    expect(unmask.status).toBe(403);
    const p = await query('residentA', proposals.id, 'mine', `?id=${mine}`);
    expect(p.json.item.status).toBe('published');
  });

  it('keeps a committee member from deciding their own proposal and being paid for it', async () => {
    // The operator makes the author a committee member (an owners' committee seat).
    const grant = await call(
      'operatorA',
      'PATCH',
      `/api/v1/communities/${A}/members/${w.ids.residentA}`,
      {
        pluginRoles: [`plugin:${proposals.id}/committee`],
      },
    );
    expect(grant.status).toBe(200);
    expect((await act('residentA', proposals.id, 'evaluate', { recordId: mine })).status).toBe(200);
    const open = await act('residentA', proposals.id, 'openVote', {
      recordId: mine,
      input: { votingEndsAt: '2099-01-01T00:00:00.000Z' },
    });
    expect(open.status).toBe(403);
    expect((await query('residentA', proposals.id, 'mine', `?id=${mine}`)).json.item.status).toBe(
      'evaluating',
    );
    const points = await call('residentA', 'GET', `/api/v1/communities/${A}/points/me`);
    expect(points.json.balance).toBe(0);
    // The operator, who is committee by default, cannot open a vote that has already ended
    // (`x-notPast` on its closing time), and nothing changes …
    const ended = await act('operatorA', proposals.id, 'openVote', {
      recordId: mine,
      input: { votingEndsAt: '2000-01-01T00:00:00.000Z' },
    });
    expect(ended.status).toBe(400);
    expect(ended.json.error.details.issues).toEqual([
      expect.objectContaining({
        pointer: '/votingEndsAt',
        code: 'input.past',
        message: { 'zh-CN': '须晚于当前时间。', en: 'Must be later than now.' },
      }),
    ]);
    expect((await query('residentA', proposals.id, 'mine', `?id=${mine}`)).json.item.status).toBe(
      'evaluating',
    );
    // … but one that closes later.
    const byOperator = await act('operatorA', proposals.id, 'openVote', {
      recordId: mine,
      input: { votingEndsAt: '2099-01-01T00:00:00.000Z' },
    });
    expect(byOperator.status).toBe(200);
  });
});

describe('pages and blocks ask for what their viewers may read', () => {
  beforeAll(async () => {
    const input = (title: string, audience: string) => ({
      title,
      type: 'community',
      body: '内容',
      audience,
      startAt: '2020-01-01T00:00:00.000Z',
    });
    for (const [title, audience] of [
      ['所有人都能看的公告', 'everyone'],
      ['只给居民的公告', 'residents'],
    ] as const) {
      const d = await act('operatorA', notices.id, 'draft', { input: input(title, audience) });
      expect(d.status).toBe(201);
      const pub = await act('operatorA', notices.id, 'publish', { recordId: d.json.record.id });
      expect(pub.status).toBe(200);
    }
  });

  const titles = (r: { json: { items: { title: string }[] } }) =>
    r.json.items.map((i) => i.title).sort();

  it('answers the public notice block to a signed-in resident, not 403', async () => {
    const r = await query('residentA', notices.id, 'publicLatest');
    expect(r.status).toBe(200);
    expect(titles(r)).toEqual(['所有人都能看的公告']);
  });

  it('shows anonymous visitors the notices for everyone without asking them to log in', async () => {
    const r = await query(null, notices.id, 'latest');
    expect(r.status).toBe(200);
    expect(titles(r)).toEqual(['所有人都能看的公告']);
    const resident = await query('residentA', notices.id, 'latest');
    expect(titles(resident)).toEqual(['只给居民的公告', '所有人都能看的公告']);
  });

  it('answers every query of the canteen bookings page to canteen staff', async () => {
    for (const q of ['byStatus', 'byMode', 'all'])
      expect((await query('staffA', canteen.id, q)).status, q).toBe(200);
  });
});

describe('personal data on a need-to-know basis', () => {
  const phone = '13812345678';
  let ticket: string;

  beforeAll(async () => {
    const r = await act('residentA', repair.id, 'report', {
      input: {
        category: 'plumbing',
        locationType: 'room',
        room: '3幢2单元1201',
        title: '厨房水管漏水',
        contactName: '王小明',
        contactPhone: phone,
      },
    });
    ticket = r.json.record.id;
  });

  it('masks the operator’s view and lets the assigned technician see the contact details', async () => {
    const before = (await audits('records.read-clear')).length;
    const asOperator = await query('operatorA', repair.id, 'queue', `?id=${ticket}`);
    expect(asOperator.json.item).toMatchObject({ contactPhone: '138****5678', room: '3幢****' });
    const unassigned = await query('staffA', repair.id, 'queue', `?id=${ticket}`);
    expect(unassigned.json.item.contactPhone).toBe('138****5678');
    // Masked answers are not disclosures.
    expect((await audits('records.read-clear')).length).toBe(before);

    expect((await act('staffA', repair.id, 'accept', { recordId: ticket })).status).toBe(200);
    const assigned = await query('staffA', repair.id, 'queue', `?id=${ticket}`);
    expect(assigned.json.item).toMatchObject({ contactPhone: phone, contactName: '王小明' });
    expect(
      (await query('operatorA', repair.id, 'queue', `?id=${ticket}`)).json.item.contactPhone,
    ).toBe('138****5678');
  });

  it('audits a list read in clear once per request, naming fields and counts, never values', async () => {
    // A second ticket assigned to the same technician: the list now shows two in clear.
    const second = await act('residentA2', repair.id, 'report', {
      input: {
        category: 'plumbing',
        locationType: 'room',
        room: '5幢101',
        title: '马桶堵了',
        contactPhone: '13700001111',
      },
    });
    await act('staffA', repair.id, 'accept', { recordId: second.json.record.id });
    const before = (await audits('records.read-clear')).length;
    const list = await query('staffA', repair.id, 'queue');
    expect(list.status).toBe(200);
    const clear = list.json.items.filter(
      (i: { contactPhone?: string }) => !i.contactPhone?.includes('*'),
    );
    expect(clear.length).toBeGreaterThanOrEqual(2);
    const entries = await audits('records.read-clear');
    expect(entries.length).toBe(before + 1);
    const last = entries.at(-1)!;
    expect(last).toMatchObject({
      actorId: w.ids.staffA,
      communityId: A,
      targetType: 'query',
      targetId: `${repair.id}/queue`,
      summary: { collection: 'tickets', records: clear.length },
    });
    expect((last.summary as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['contactPhone', 'room']),
    );
    expect(JSON.stringify(entries)).not.toContain(phone);
    // The resident's own list is their own data: nothing to audit.
    await query('residentA', repair.id, 'myTickets');
    expect((await audits('records.read-clear')).length).toBe(before + 1);
  });

  it('unmasks only with a reason, only for the roles the plugin names, and audits it', async () => {
    const url = `${plugin(repair.id)}/records/tickets/${ticket}/unmask`;
    expect((await call('operatorA', 'POST', url, {})).status).toBe(400);
    const blank = await call('operatorA', 'POST', url, { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.json.error.details.code).toBe('reason_required');
    expect((await call('staffA', 'POST', url, { reason: '联系报修人' })).status).toBe(403);
    const ok = await call('operatorA', 'POST', url, { reason: '住户投诉回访' });
    expect(ok.status).toBe(200);
    expect(ok.json.contactPhone).toBe(phone);
    const [entry] = (await audits('records.unmask')).slice(-1);
    expect(entry).toMatchObject({
      actorId: w.ids.operatorA,
      targetId: `${repair.id}/tickets/${ticket}`,
      summary: { fields: ['room', 'contactName', 'contactPhone'], withReason: true },
    });
    expect(JSON.stringify(entry)).not.toContain('住户投诉回访');
  });

  it('keeps an elder’s health data from the operator and from staff on other days', async () => {
    const booked = await act('residentA', canteen.id, 'book', {
      input: {
        date: isoDay(1),
        slot: 'lunch',
        mode: 'dine_in',
        dietaryNotes: '糖尿病，少糖',
      },
    });
    expect(booked.status).toBe(201);
    const id = booked.json.record.id as string;
    // Canteen 2.0.0: the diner's name is the booked-for person's display name, set by the server.
    const name = booked.json.record.elderName as string;
    expect(name.length).toBeGreaterThan(1);
    const find = async (who: Who) =>
      ((await query(who, canteen.id, 'all')).json.items as { id: string }[]).find(
        (b) => b.id === id,
      ) as Record<string, unknown> | undefined;
    for (const who of ['operatorA', 'staffA'] as const) {
      const b = await find(who);
      expect(b, who).toMatchObject({ dietaryNotes: '******' });
      expect(b?.elderName, who).not.toBe(name);
    }
    // On the meal day the canteen needs them: staff see them, the operator still does not. The
    // booking is moved to today behind the API's back, so the move is noted as every writer of
    // records notes its change (list reads answer from a cache kept current by those notes).
    const raw = db.connection().db!;
    await raw
      .collection(`rec.${canteen.id}.bookings`)
      .updateOne({ _id: id as never }, { $set: { date: isoDay(0) } });
    await noteChange(raw, { communityId: A, pluginId: canteen.id, collection: 'bookings' }, [id]);
    expect(await find('staffA')).toMatchObject({ elderName: name, dietaryNotes: '糖尿病，少糖' });
    const operator = await find('operatorA');
    expect(operator).toMatchObject({ dietaryNotes: '******' });
    expect(operator?.elderName).not.toBe(name);
  });
});
