// std.elderly-checkin with family (v2-people's acting for) against the real database, through
// the HTTP API, installed from the registry like any vendor's plugin: a daughter the elder
// allowed to act for her enrols and pauses her; a son without that consent and a neighbour are
// refused; the missed check-in reaches the family who receive the elder's notices, once; the
// grid worker's resolution tells them too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { listInbox } from '../notifications/service';
import { recordCollectionName } from '../records/names';
import { loadStandardPlugin } from '../records/test-kit';

const db = useTestDatabase('elderly_checkin_family');
const C = 'c-care-family';
const care = loadStandardPlugin('elderly-checkin');
const base = `/api/v1/communities/${C}`;
const clock = { now: new Date('2026-03-10T00:30:00Z') }; // 08:30 in Shanghai
type Person = { token: string; accountId: string };
let t: TestServer;
let worker: Person;
let grandma: Person;
let daughter: Person; // linked: grandma lets her act for her and receive her notices
let son: Person; // linked: grandma lets him receive her notices, not act for her
let neighbour: Person; // not linked
let enrolmentId: string;

async function join(username: string, role: 'resident' | 'staff' | 'operator'): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, role);
  return p;
}
async function link(elder: Person, relative: Person, grant: { act: boolean; notify: boolean }) {
  const inv = await t.call('POST', `${base}/family/invitations`, {
    as: elder.token,
    body: { relation: 'child', grant },
  });
  const accepted = await t.call('POST', `${base}/family/accept`, {
    as: relative.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
}
const act = (who: Person, action: string, body: Record<string, unknown>) =>
  t.call('POST', `${base}/plugins/${care.id}/actions/${action}`, { as: who.token, body });
const query = (who: Person, name: string) =>
  t.call('GET', `${base}/plugins/${care.id}/queries/${name}`, { as: who.token });
const alerts = () =>
  db
    .connection()
    .db!.collection<Record<string, unknown>>(recordCollectionName(care.id, 'alerts'))
    .find({ communityId: C })
    .toArray();
const careInbox = async (who: Person) =>
  (await listInbox(db.connection().db!, who.accountId, { communityId: C })).items.filter(
    (m) => m.pluginId === care.id,
  );
const enrolInput = {
  elderName: '周桂芳',
  phone: '13800005555',
  address: '5幢2单元401',
  emergencyContact: '周丽',
  emergencyPhone: '13900006666',
  consent: true,
};

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  const admin = await sessionFor(t.services, { username: 'cf-admin', platformRoles: ['admin'] });
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: '翠苑', city: '杭州', district: '西湖区', type: 'renovation' },
  });
  await publishApproved(t.services, care);
  const installed = await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: care.id, acceptPermissions: ['notify:send', 'pii:read'] },
  });
  expect(installed.status).toBe(201);
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${care.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
  worker = await join('cf-grid', 'staff');
  grandma = await join('cf-grandma', 'resident');
  daughter = await join('cf-daughter', 'resident');
  son = await join('cf-son', 'resident');
  neighbour = await join('cf-neighbour', 'resident');
  await link(grandma, daughter, { act: true, notify: true });
  await link(grandma, son, { act: false, notify: true });
});
afterAll(() => t.close());

describe('family enrol and pause for an elder who consented', () => {
  it('refuses a relative without the elder’s consent to act, and a stranger; writes nothing', async () => {
    for (const who of [son, neighbour]) {
      const r = await act(who, 'enrolSelf', { input: enrolInput, forAccountId: grandma.accountId });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('not_allowed_to_act');
    }
    expect((await query(worker, 'roster')).json.items).toEqual([]);
  });

  it('the daughter enrols her mother: the record is the elder’s, with who did it', async () => {
    const r = await act(daughter, 'enrolSelf', {
      input: enrolInput,
      forAccountId: grandma.accountId,
    });
    expect(r.status).toBe(201);
    expect(r.json.record).toMatchObject({
      elderUserId: grandma.accountId,
      createdBy: grandma.accountId,
      actedBy: daughter.accountId,
      consentMethod: 'app',
      consentRecordedBy: daughter.accountId,
      status: 'active',
    });
    enrolmentId = r.json.record.id;
    const again = await act(daughter, 'enrolSelf', {
      input: enrolInput,
      forAccountId: grandma.accountId,
    });
    expect(again.status).toBe(409);
    // The elder and the daughter read it in clear; the son (no consent to act) reads nothing.
    for (const who of [grandma, daughter]) {
      const mine = await query(who, 'myEnrolment');
      expect(mine.json.items).toEqual([expect.objectContaining({ phone: '13800005555' })]);
    }
    expect((await query(son, 'myEnrolment')).json.items).toEqual([]);
    // The daughter cannot check in for her mother: checking in is the elder's own sign of life.
    const proxy = await act(daughter, 'checkIn', {
      input: { enrolmentId },
      forAccountId: grandma.accountId,
    });
    expect(proxy.json.error.code).toBe('no_on_behalf');
  });

  it('the daughter pauses and resumes for her mother; a stranger cannot', async () => {
    const pause = { pausedFrom: '2026-03-10', pausedUntil: '2026-03-15', pauseReason: '住院观察' };
    const refused = await act(neighbour, 'pause', {
      recordId: enrolmentId,
      input: pause,
      forAccountId: grandma.accountId,
    });
    expect(refused.json.error.code).toBe('not_allowed_to_act');
    const paused = await act(daughter, 'pause', {
      recordId: enrolmentId,
      input: pause,
      forAccountId: grandma.accountId,
    });
    expect(paused.status).toBe(200);
    expect(paused.json.record).toMatchObject({ pausedUntil: '2026-03-15' });
    const resumed = await act(daughter, 'resume', {
      recordId: enrolmentId,
      forAccountId: grandma.accountId,
    });
    expect(resumed.json.record).toMatchObject({ pausedUntil: '2026-03-09' });
  });
});

describe('the missed check-in reaches the family', () => {
  it('once, to each relative who receives her notices, and the alert names the elder', async () => {
    clock.now = new Date('2026-03-10T02:05:00Z'); // 10:05 local
    await t.services.scheduleRunner.drain();
    await t.services.scheduleRunner.drain();
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    // The family's notices rode in the grid workers' job (one write): the worker delivers them.
    await t.services.dataPlane.notifications.drain();
    expect(raised[0]).toMatchObject({
      enrolmentId,
      elderUserId: grandma.accountId,
      status: 'open',
    });
    for (const who of [daughter, son]) {
      const inbox = await careInbox(who);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({
        title: { 'zh-CN': '家人今天还没有签到' },
        view: 'mine',
      });
    }
    expect(await careInbox(neighbour)).toEqual([]);
  });

  it('the grid worker’s resolution tells the family; a day she checks in raises nothing', async () => {
    const id = String((await alerts())[0]!._id);
    await act(worker, 'call', { recordId: id, input: { callNote: '电话无人接听' } });
    const done = await act(worker, 'resolve', {
      recordId: id,
      input: { resolution: '上门看过，老人在家休息' },
    });
    expect(done.json.record).toMatchObject({ status: 'resolved' });
    const titles = (await careInbox(daughter)).map((m) => m.title['zh-CN']);
    expect(titles).toContain('网格员已确认家人情况');

    clock.now = new Date('2026-03-11T01:00:00Z');
    const checked = await act(grandma, 'checkIn', { input: { enrolmentId } });
    expect(checked.status).toBe(201);
    clock.now = new Date('2026-03-11T02:05:00Z');
    await t.services.scheduleRunner.drain();
    await t.services.dataPlane.notifications.drain();
    expect(await alerts()).toHaveLength(1);
    expect(await careInbox(daughter)).toHaveLength(2);
  });
});
