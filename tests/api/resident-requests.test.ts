// std.resident-requests (issue 15) over HTTP against the real database, on a test clock: a
// request raised and numbered, public ones read by neighbours without who, private ones out of
// their reach; the escalation schedule fires once for an unaccepted request and never for an
// accepted one; accept, answer, one rating, reopen within 7 days and not after; the figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInbox } from '../../server/src/data/notifications/service';
import { useTestDatabase } from '../../server/src/testing/database';
import { A, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-resident-requests');
const plugin = standardPlugin('resident-requests');
const HOUR = 3_600_000;
const clock = { now: new Date(Date.now() + HOUR) };
const later = (hours: number) => (clock.now = new Date(clock.now.getTime() + hours * HOUR));
let w: World;

const call = (who: Who, method: string, path: string, body?: unknown) =>
  w.t.call(method, path, { as: w.tokens[who], ...(body === undefined ? {} : { body }) });
const base = `/api/v1/communities/${A}/plugins/${plugin.id}`;
const act = (who: Who, action: string, body: Record<string, unknown>) =>
  call(who, 'POST', `${base}/actions/${action}`, body);
const query = (who: Who, name: string, params = '') =>
  call(who, 'GET', `${base}/queries/${name}${params}`);
const raise = (who: Who, input: Record<string, unknown> = {}) =>
  act(who, 'raise', {
    input: {
      category: 'environment',
      place: '中心花园',
      text: '中心花园的路灯坏了三盏，晚上散步看不清路。',
      visibility: 'public',
      contactPhone: '13812345678',
      ...input,
    },
  });
const statusOf = async (id: string) =>
  (await query('operatorA', 'queue', `?id=${id}`)).json.item.status as string;
const titlesFor = async (who: Who) => {
  await w.t.services.dataPlane.notifications.drain();
  return (await listInbox(db.connection().db!, w.ids[who], { communityId: A })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
};

beforeAll(async () => {
  w = await startWorld(db.connection(), [plugin], { [plugin.id]: { acceptWithinHours: 24 } });
  w.t.services.dataPlane.now = () => clock.now;
});
afterAll(() => w?.t.close());

describe('std.resident-requests', () => {
  let publicId: string;
  let privateId: string;
  let acceptedId: string;

  it('raises numbered requests and refuses bad input in words, changing nothing', async () => {
    const a = await raise('residentA');
    expect(a.status).toBe(201);
    expect(a.json.record).toMatchObject({ no: 1, status: 'submitted', visibility: 'public' });
    publicId = a.json.record.id;
    const b = await raise('residentA', { visibility: 'private', category: 'neighbours' });
    expect(b.json.record.no).toBe(2);
    privateId = b.json.record.id;
    const c = await raise('residentA2', { visibility: 'private', text: '南门门禁经常刷不开。' });
    acceptedId = c.json.record.id;

    const badCategory = await raise('residentA', { category: 'weather' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.json.error.code).toBeTruthy();
    expect((await raise('residentA', { text: '太吵' })).status).toBe(400);
    expect((await raise('residentA', { visibility: 'everyone' })).status).toBe(400);
    expect((await raise('staffA')).status).toBe(403);
    expect((await query('residentA', 'myRequests')).json.items).toHaveLength(2);
  });

  it('shows a public request to neighbours without who sent it; a private one not at all', async () => {
    const list = await query('residentA2', 'publicRequests');
    expect(list.status).toBe(200);
    expect(list.json.items.map((r: { id: string }) => r.id)).toEqual([publicId]);
    const row = list.json.items[0];
    expect(row.text).toContain('路灯');
    for (const hidden of ['createdBy', 'actedBy', 'contactPhone', 'assigneeId'])
      expect(row).not.toHaveProperty(hidden);
    expect((await query('residentA2', 'publicRequests', `?id=${privateId}`)).status).toBe(404);
    expect((await query('residentA2', 'myRequests', `?id=${publicId}`)).status).toBe(404);
    // The raiser reads their own in full; the operator reads the phone masked.
    const own = await query('residentA', 'myRequests', `?id=${publicId}`);
    expect(own.json.item).toMatchObject({
      contactPhone: '13812345678',
      createdBy: w.ids.residentA,
    });
    const staffView = await query('operatorA', 'queue', `?id=${publicId}`);
    expect(staffView.json.item.contactPhone).not.toBe('13812345678');
    // Nobody else may act on it.
    expect((await act('residentA2', 'withdraw', { recordId: publicId })).status).toBe(403);
  });

  it('escalates a request not accepted in time once, to the community head, never an accepted one', async () => {
    later(2);
    expect((await act('staffA', 'accept', { recordId: acceptedId })).status).toBe(200);
    later(21); // 23 hours after raising: not yet due
    await w.t.services.scheduleRunner.drain();
    expect(await statusOf(publicId)).toBe('submitted');
    later(2); // 25 hours
    await w.t.services.scheduleRunner.drain();
    expect(await statusOf(publicId)).toBe('escalated');
    expect(await statusOf(privateId)).toBe('escalated');
    expect(await statusOf(acceptedId)).toBe('accepted');
    later(3);
    await w.t.services.scheduleRunner.drain();
    const head = await titlesFor('operatorA');
    expect(head.filter((x) => x === '有诉求超时未受理')).toHaveLength(2);
    expect(await titlesFor('residentA')).toContain('您的诉求已转交社区负责人');
    expect(await titlesFor('residentA2')).not.toContain('您的诉求已转交社区负责人');
    const history = (await query('residentA', 'myRequests', `?id=${publicId}`)).json.item.history;
    expect(history.filter((h: { to: string }) => h.to === 'escalated')).toHaveLength(1);
  });

  it('is accepted, answered and rated once', async () => {
    const accepted = await act('operatorA', 'accept', { recordId: publicId });
    expect(accepted.status).toBe(200);
    expect(accepted.json.record.status).toBe('accepted');
    expect((await act('staffA', 'answer', { recordId: publicId, input: {} })).status).toBe(400);
    later(4);
    const answered = await act('operatorA', 'answer', {
      recordId: publicId,
      input: { answer: '已报修，路灯今晚修好。' },
    });
    expect(answered.status).toBe(200);
    expect(await titlesFor('residentA')).toContain('您的诉求已答复，请评价');
    // A neighbour sees the answer and the steps, still without who.
    const seen = (await query('residentA2', 'publicRequests', `?id=${publicId}`)).json.item;
    expect(seen.answer).toBe('已报修，路灯今晚修好。');
    expect(seen.history.every((h: Record<string, unknown>) => !('by' in h))).toBe(true);
    expect(
      (await act('residentA2', 'rate', { recordId: publicId, input: { rating: 1 } })).status,
    ).toBe(403);
    const rated = await act('residentA', 'rate', { recordId: publicId, input: { rating: 5 } });
    expect(rated.status).toBe(200);
    expect(rated.json.record).toMatchObject({ status: 'rated', rating: 5 });
    const again = await act('residentA', 'rate', { recordId: publicId, input: { rating: 1 } });
    expect(again.status).toBe(409);
    expect(again.json.error.details.code).toBe('invalid_state');
    expect((await query('residentA', 'myRequests', `?id=${publicId}`)).json.item.rating).toBe(5);
  });

  it('reopens within 7 days of the answer and refuses it after, in words', async () => {
    await act('staffA', 'accept', { recordId: privateId });
    await act('staffA', 'answer', { recordId: privateId, input: { answer: '已和楼上住户沟通。' } });
    later(6 * 24);
    const reopened = await act('residentA', 'reopen', {
      recordId: privateId,
      input: { reopenReason: '还是每天早上七点开始电钻。' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json.record.status).toBe('accepted');
    expect(await titlesFor('staffA')).toContain('居民重新打开了诉求');
    await act('staffA', 'answer', { recordId: privateId, input: { answer: '物业已上门提醒。' } });
    later(9 * 24);
    const late = await act('residentA', 'reopen', {
      recordId: privateId,
      input: { reopenReason: '还是很吵。' },
    });
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
    expect(late.json.error.details.message['zh-CN']).toContain('超过 7 天');
    expect(await statusOf(privateId)).toBe('answered');
  });

  it('counts the figures: median time to answer and satisfaction, community-wide', async () => {
    const from = new Date(clock.now.getTime() - 40 * 24 * HOUR).toISOString();
    const params = `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(clock.now.toISOString())}`;
    const toAnswer = await query('operatorA', 'answerTimeByDay', params);
    expect(toAnswer.status).toBe(200);
    // The public request: answered 29 h after raising; the private one: last answered 6 days
    // and some hours later. The median of two is their mean.
    const v = toAnswer.json.total.values.toAnswer as number;
    expect(v).toBeGreaterThan(29);
    expect(v).toBeLessThan(6 * 24 + 40);
    const byCategory = await query('operatorA', 'byCategoryMonth', params);
    expect(byCategory.status).toBe(200);
    expect(byCategory.json.total.count).toBe(3);
    expect((await query('residentA', 'answerTimeByDay', params)).status).toBe(403);
  });
});
