// Journeys of std.home-care (居家养老上门服务) against the real database through the HTTP API, the
// plugin installed from the registry like any vendor's: eligibility with its reason, a daughter
// booking for her father (price and subsidy copied from the operator's catalogue, never the
// caller's), places per service and half-day, assignment by a coordinator, the caregiver's start
// and finish with a photo, the family told, one rating, cancellation before the cut-off freeing
// the place, another community's ids, and the operator's figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { TINY_PNG } from '../../testing/images';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { loadStandardPlugin } from '../records/test-kit';
import { DEFAULT_UPLOAD_LIMITS } from '../uploads/limits';
import { saveUpload } from '../uploads/service';

const db = useTestDatabase('home_care');
const C = 'c-home-care';
const OTHER = 'c-home-care-2';
const plugin = loadStandardPlugin('home-care');
const base = (c = C) => `/api/v1/communities/${c}`;
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // 09:00 in Shanghai
const DAY = '2026-03-12';
type Person = { token: string; accountId: string };
type Attributes = { ageBand: '18-59' | '70-79' | '80+' };
let t: TestServer;
let admin: Person;
let coordinator: Person; // staff: holds coordinator and caregiver (grantedTo staff)
let caregiver: Person;
let otherCaregiver: Person;
let op: Person;
let father: Person; // 80+
let daughter: Person; // he lets her act for him and receive his notices
let son: Person; // he lets him receive his notices, not act for him
let young: Person; // not eligible
let neighbour: Person; // 70-79, not linked
let outsider: Person; // an elder of another community
let fatherVisit: string;
let neighbourVisit: string;

async function join(
  username: string,
  role: 'resident' | 'staff' | 'operator',
  attributes?: Attributes,
  community = C,
): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(community, p.accountId, role, [], attributes);
  return p;
}
async function link(elder: Person, relative: Person, grant: { act: boolean; notify: boolean }) {
  const inv = await t.call('POST', `${base()}/family/invitations`, {
    as: elder.token,
    body: { relation: 'parent', grant },
  });
  const accepted = await t.call('POST', `${base()}/family/accept`, {
    as: relative.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
}
const act = (who: Person, action: string, body: Record<string, unknown>, c = C) =>
  t.call('POST', `${base(c)}/plugins/${plugin.id}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string, qs = '') =>
  t.call('GET', `${base()}/plugins/${plugin.id}/queries/${name}${qs}`, { as: who.token });
const inboxTitles = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items
    .filter((m) => m.pluginId === plugin.id)
    .map((m) => m.title['zh-CN']);
const visit = (input: Record<string, unknown> = {}) => ({
  date: DAY,
  slot: 'morning',
  service: 'bathing',
  address: '5幢2单元401',
  phone: '13800005555',
  ...input,
});

async function install(community: string): Promise<void> {
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: community, name: community, city: '杭州', district: '西湖区', type: 'renovation' },
  });
  const installed = await t.call('POST', `${base(community)}/installations`, {
    as: admin.token,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'pii:read', 'uploads:write'] },
  });
  expect(installed.status).toBe(201);
  // One bathing visit per half-day, so a second booking finds the slot full.
  const current = await t.services.installations.get(community, plugin.id);
  const services = (current.config.services as Record<string, unknown>[]).map((s) =>
    s.id === 'bathing' ? { ...s, perSlot: 1 } : s,
  );
  await t.services.installations.update(ADMIN_ACTOR, community, plugin.id, {
    config: { ...current.config, services },
  });
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  admin = await sessionFor(t.services, { username: 'hc-admin', platformRoles: ['admin'] });
  await publishApproved(t.services, plugin);
  await install(C);
  await install(OTHER);
  coordinator = await join('hc-coordinator', 'staff');
  caregiver = await join('hc-caregiver', 'staff');
  otherCaregiver = await join('hc-caregiver-2', 'staff');
  op = await join('hc-op', 'operator');
  father = await join('hc-father', 'resident', { ageBand: '80+' });
  daughter = await join('hc-daughter', 'resident', { ageBand: '18-59' });
  son = await join('hc-son', 'resident', { ageBand: '18-59' });
  young = await join('hc-young', 'resident', { ageBand: '18-59' });
  neighbour = await join('hc-neighbour', 'resident', { ageBand: '70-79' });
  outsider = await join('hc-outsider', 'resident', { ageBand: '80+' }, OTHER);
  await link(father, daughter, { act: true, notify: true });
  await link(father, son, { act: false, notify: true });
});
afterAll(() => t.close());

describe('std.home-care', () => {
  it('refuses those it is not for, with the reason, and writes nothing', async () => {
    for (const who of [young, daughter]) {
      const r = await act(who, 'book', { input: visit() });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('not_eligible');
      expect(r.json.error.details.message['zh-CN']).toContain('60 岁及以上');
    }
    const son4father = await act(son, 'book', { input: visit(), forAccountId: father.accountId });
    expect(son4father.status).toBe(403);
    expect(son4father.json.error.code).toBe('not_allowed_to_act');
    // A price or subsidy is not the caller's to say.
    const priced = await act(father, 'book', { input: visit({ subsidy: 500 }) });
    expect(priced.status).toBe(400);
    const unknown = await act(father, 'book', { input: visit({ service: 'massage' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details.issues[0].pointer).toBe('/service');
    const late = await act(father, 'book', { input: visit({ date: '2026-03-10' }) });
    expect(late.status).toBe(409);
    expect(late.json.error.details.code).toBe('deadline_passed');
    expect((await query(coordinator, 'queue')).json.items).toEqual([]);
  });

  it('the daughter books for her father: his record, the catalogue’s price and subsidy', async () => {
    const r = await act(daughter, 'book', {
      input: visit(),
      forAccountId: father.accountId,
    });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({
      createdBy: father.accountId,
      actedBy: daughter.accountId,
      bookedBy: 'hc-daughter',
      serviceName: '助浴',
      minutes: 60,
      price: 80,
      subsidy: 50,
      status: 'booked',
    });
    fatherVisit = r.json.record.id;
    // A notice to a role is a job the background worker fans out.
    await t.services.dataPlane.notifications.drain();
    expect(await inboxTitles(coordinator)).toContain('新的上门服务预约');
    expect(await inboxTitles(son)).toContain('家人预约了上门服务');
    // Father and daughter read it with the address in clear; the neighbour reads nothing.
    for (const who of [father, daughter])
      expect((await query(who, 'mine')).json.items).toEqual([
        expect.objectContaining({ id: fatherVisit, address: '5幢2单元401' }),
      ]);
    expect((await query(neighbour, 'mine')).json.items).toEqual([]);
  });

  it('counts places per service and half-day: a full slot is refused, another service is not', async () => {
    const full = await act(neighbour, 'book', { input: visit() });
    expect(full.status).toBe(409);
    expect(full.json.error.details.code).toBe('capacity_full');
    const cleaning = await act(neighbour, 'book', {
      input: visit({ service: 'cleaning', address: '6幢1单元102' }),
    });
    expect(cleaning.status).toBe(201);
    expect(cleaning.json.record).toMatchObject({ serviceName: '打扫卫生', subsidy: 30 });
    neighbourVisit = cleaning.json.record.id;
    const places = (await query(neighbour, 'places')).json.slots as {
      key: Record<string, unknown>;
      used: number;
      limit: number;
    }[];
    expect(places).toContainEqual(
      expect.objectContaining({
        key: { date: DAY, slot: 'morning', service: 'bathing' },
        used: 1,
        limit: 1,
      }),
    );
    // An untouched service reports its places from the catalogue.
    expect(places).toContainEqual(
      expect.objectContaining({ key: { service: 'escort' }, used: 0, limit: 1 }),
    );
  });

  it('a coordinator assigns a caregiver by name; the family is told', async () => {
    const names = await t.call(
      'GET',
      `${base()}/plugins/${plugin.id}/assignees?role=plugin:caregiver`,
      { as: coordinator.token },
    );
    expect(names.json.items).toContainEqual({
      accountId: caregiver.accountId,
      displayName: 'hc-caregiver',
    });
    const wrong = await act(coordinator, 'assign', {
      recordId: fatherVisit,
      input: { assigneeId: neighbour.accountId },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.code).toBe('not_assignable');
    expect((await act(daughter, 'assign', { recordId: fatherVisit, input: {} })).status).toBe(403);
    const assigned = await act(coordinator, 'assign', {
      recordId: fatherVisit,
      input: { assigneeId: caregiver.accountId },
    });
    expect(assigned.json.record).toMatchObject({
      status: 'assigned',
      assigneeId: caregiver.accountId,
    });
    for (const who of [father, daughter, son])
      expect((await inboxTitles(who)).some((x) => x.includes('已派单'))).toBe(true);
    expect(await inboxTitles(caregiver)).toContain('您有新的上门服务');
    // The caregiver's list holds their visit with the address in clear, and nobody else's.
    const work = (await query(caregiver, 'work')).json.items;
    expect(work).toEqual([expect.objectContaining({ id: fatherVisit, address: '5幢2单元401' })]);
    expect((await query(otherCaregiver, 'work')).json.items).toEqual([]);
  });

  it('only the assigned caregiver starts and finishes, with their own photo', async () => {
    const notMine = await act(otherCaregiver, 'start', { recordId: fatherVisit });
    expect(notMine.status).toBe(403);
    const started = await act(caregiver, 'start', { recordId: fatherVisit });
    expect(started.json.record).toMatchObject({
      status: 'inProgress',
      caregiverName: 'hc-caregiver',
    });
    expect(started.json.record.startedAt).toEqual(expect.any(String));
    const photo = await saveUpload(
      db.connection().db!,
      { communityId: C, accountId: caregiver.accountId },
      TINY_PNG,
      DEFAULT_UPLOAD_LIMITS,
    );
    const foreign = await saveUpload(
      db.connection().db!,
      { communityId: C, accountId: otherCaregiver.accountId },
      TINY_PNG,
      DEFAULT_UPLOAD_LIMITS,
    );
    const notes = '协助洗澡、修剪指甲，老人精神很好。';
    expect(
      (await act(otherCaregiver, 'finish', { recordId: fatherVisit, input: { notes } })).status,
    ).toBe(403);
    const withForeign = await act(caregiver, 'finish', {
      recordId: fatherVisit,
      input: { notes, photos: [foreign.id] },
    });
    expect(withForeign.status).toBe(400);
    const done = await act(caregiver, 'finish', {
      recordId: fatherVisit,
      input: { notes, photos: [photo.id] },
    });
    expect(done.json.record).toMatchObject({ status: 'done', notes, photos: [photo.id] });
    for (const who of [father, daughter, son])
      expect((await inboxTitles(who)).some((x) => x.includes('上门服务已完成'))).toBe(true);
  });

  it('the visit is rated once, by the elder or the daughter for him', async () => {
    expect(
      (await act(neighbour, 'rate', { recordId: fatherVisit, input: { rating: 1 } })).status,
    ).toBe(404);
    const bad = await act(father, 'rate', { recordId: fatherVisit, input: { rating: 6 } });
    expect(bad.status).toBe(400);
    const rated = await act(daughter, 'rate', {
      recordId: fatherVisit,
      forAccountId: father.accountId,
      input: { rating: 5, ratingComment: '很细心' },
    });
    expect(rated.json.record).toMatchObject({ status: 'rated', rating: 5 });
    const again = await act(father, 'rate', { recordId: fatherVisit, input: { rating: 1 } });
    expect(again.status).toBe(409);
    expect((await query(father, 'mine')).json.items[0]).toMatchObject({ rating: 5 });
  });

  it('cancelling before the cut-off frees the place; after it, cancelling is refused', async () => {
    const afternoon = { slot: 'afternoon' };
    const first = await act(neighbour, 'book', { input: visit(afternoon) });
    expect(first.status).toBe(201);
    expect((await act(father, 'book', { input: visit(afternoon) })).status).toBe(409);
    expect((await act(father, 'cancel', { recordId: first.json.record.id })).status).toBe(404);
    const cancelled = await act(neighbour, 'cancel', { recordId: first.json.record.id });
    expect(cancelled.json.record.status).toBe('cancelled');
    const second = await act(father, 'book', { input: visit(afternoon) });
    expect(second.status).toBe(201);
    clock.now = new Date('2026-03-11T10:30:00Z'); // 18:30 the day before
    try {
      const late = await act(father, 'cancel', { recordId: second.json.record.id });
      expect(late.status).toBe(409);
      expect(late.json.error.details.code).toBe('deadline_passed');
      expect((await query(father, 'mine')).json.items).toContainEqual(
        expect.objectContaining({ id: second.json.record.id, status: 'booked' }),
      );
    } finally {
      clock.now = new Date('2026-03-10T01:00:00Z');
    }
  });

  it('another community’s people cannot touch these ids', async () => {
    const coordinatorThere = await join('hc-coordinator-2', 'staff', undefined, OTHER);
    for (const [who, action, input] of [
      [outsider, 'cancel', undefined],
      [outsider, 'rate', { rating: 1 }],
      [coordinatorThere, 'assign', { assigneeId: coordinatorThere.accountId }],
    ] as const) {
      const r = await act(who, action, { recordId: neighbourVisit, input }, OTHER);
      expect(r.status).toBe(404);
    }
    const mine = (await query(neighbour, 'mine')).json.items as Record<string, unknown>[];
    expect(mine.find((v) => v.id === neighbourVisit)).toMatchObject({ status: 'booked' });
  });

  it('operators read visits per day, the subsidy spent and the average rating; residents cannot', async () => {
    // A second visit done and rated, so the day's group is large enough to show.
    await act(coordinator, 'assign', {
      recordId: neighbourVisit,
      input: { assigneeId: otherCaregiver.accountId },
    });
    await act(otherCaregiver, 'start', { recordId: neighbourVisit });
    await act(otherCaregiver, 'finish', { recordId: neighbourVisit, input: { notes: '已打扫' } });
    await act(neighbour, 'rate', { recordId: neighbourVisit, input: { rating: 3 } });
    const metric = (id: string) =>
      t.call('GET', `${base()}/plugins/${plugin.id}/metrics/${id}?from=${DAY}&to=2026-03-13`, {
        as: op.token,
      });
    expect((await metric('visits')).json.total).toMatchObject({ count: 2, values: { visits: 2 } });
    expect((await metric('subsidy')).json.total.values.subsidy).toBe(80);
    expect((await metric('rating')).json.total.values.rating).toBe(4);
    expect((await query(father, 'visitsByDay')).status).toBe(403);
  });
});
