import { peopleExampleManifest } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('people');
let t: TestServer;
const C = 'people-c';
const care = peopleExampleManifest();
const base = `/api/v1/communities/${C}`;
const act = (name: string) => `${base}/plugins/${care.id}/actions/${name}`;
const query = (name: string) => `${base}/plugins/${care.id}/queries/${name}`;
type Person = { token: string; accountId: string };
let op: Person;
let mother: Person;
let son: Person;
let neighbour: Person;
let staff: Person;

async function join(username: string, role: 'resident' | 'staff' | 'operator'): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, role);
  return p;
}

const visit = { date: '2031-01-10', slot: 'morning', service: 'cleaning' };

beforeAll(async () => {
  t = await startTestServer(db.connection());
  const admin = await sessionFor(t.services, { username: 'p-admin', platformRoles: ['admin'] });
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: '助老', city: '杭州', district: '西湖区', type: 'renovation' },
  });
  await publishApproved(t.services, care);
  const installed = await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: care.id, acceptPermissions: ['notify:send'] },
  });
  expect(installed.status).toBe(201);
  op = await join('p-op', 'operator');
  mother = await join('p-mother', 'resident');
  son = await join('p-son', 'resident');
  neighbour = await join('p-neighbour', 'resident');
  staff = await join('p-staff', 'staff');
  for (const [p, ageBand] of [
    [mother, '80+'],
    [son, '18-59'],
    [neighbour, '70-79'],
  ] as const)
    await t.call('PATCH', `${base}/members/${p.accountId}`, {
      as: op.token,
      body: { attributes: { ageBand } },
    });
});
afterAll(() => t.close());

async function link(elder: Person, relative: Person, grant = { act: true, notify: true }) {
  const inv = await t.call('POST', `${base}/family/invitations`, {
    as: elder.token,
    body: { relation: 'child', grant },
  });
  const accepted = await t.call('POST', `${base}/family/accept`, {
    as: relative.token,
    body: { code: inv.json.code, grant: { act: false, notify: false } },
  });
  expect(accepted.status).toBe(201);
  return accepted.json.id as string;
}

describe('acting for a family member, eligibility and assignment', () => {
  it('refuses an ineligible person with the plugin’s reason, and accepts an eligible one', async () => {
    const refused = await t.call('POST', act('request'), { as: son.token, body: { input: visit } });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('not_eligible');
    expect(refused.json.error.details.message['zh-CN']).toContain('60 岁及以上');
    const ok = await t.call('POST', act('request'), {
      as: neighbour.token,
      body: { input: visit },
    });
    expect(ok.status).toBe(201);
    expect(ok.json.record).toMatchObject({ createdBy: neighbour.accountId, status: 'booked' });
    expect(ok.json.record.actedBy).toBeUndefined();
  });

  it('checks consent on every action: no link, a link, a revoked grant, an ended link', async () => {
    const forMother = (path: string, body: Record<string, unknown>) =>
      t.call('POST', path, { as: son.token, body: { ...body, forAccountId: mother.accountId } });

    // No link yet: refused, and nothing written.
    const before = await forMother(act('request'), { input: visit });
    expect(before.status).toBe(403);
    expect(before.json.error.code).toBe('not_allowed_to_act');
    expect((await t.call('GET', query('mine'), { as: mother.token })).json.items).toEqual([]);

    // The mother links her son and lets him act for her: he books as her (her eligibility).
    const linkId = await link(mother, son);
    const booked = await forMother(act('request'), { input: visit });
    expect(booked.status).toBe(201);
    expect(booked.json.record).toMatchObject({
      createdBy: mother.accountId,
      actedBy: son.accountId,
    });
    const recordId = booked.json.record.id;
    // Both see it: hers by `createdBy`, his through `user.actsFor`.
    for (const p of [mother, son]) {
      const mine = await t.call('GET', query('mine'), { as: p.token });
      expect(mine.json.items.map((r: { id: string }) => r.id)).toContain(recordId);
    }
    // An action that does not allow acting for someone refuses it.
    const noProxy = await t.call('POST', act('assign'), {
      as: staff.token,
      body: { recordId, input: { assigneeId: staff.accountId }, forAccountId: mother.accountId },
    });
    expect(noProxy.json.error.code).toBe('no_on_behalf');

    // She withdraws "act" (keeping notices): his next action for her is refused at once.
    await t.call('PATCH', `${base}/family/${linkId}`, {
      as: mother.token,
      body: { grant: { act: false, notify: true } },
    });
    const afterRevoke = await forMother(act('cancel'), { recordId });
    expect(afterRevoke.status).toBe(403);
    expect(afterRevoke.json.error.code).toBe('not_allowed_to_act');
    const hisView = await t.call('GET', query('mine'), { as: son.token });
    expect(hisView.json.items.map((r: { id: string }) => r.id)).not.toContain(recordId);

    // She allows it again; he cancels for her; the history keeps who did it.
    await t.call('PATCH', `${base}/family/${linkId}`, {
      as: mother.token,
      body: { grant: { act: true, notify: true } },
    });
    const cancelled = await forMother(act('cancel'), { recordId });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.record.history.at(-1)).toMatchObject({
      transition: 'cancel',
      by: mother.accountId,
      actedBy: son.accountId,
    });

    // The link ends: nothing more for her.
    expect((await t.call('DELETE', `${base}/family/${linkId}`, { as: mother.token })).status).toBe(
      204,
    );
    const ended = await forMother(act('request'), { input: { ...visit, slot: 'afternoon' } });
    expect(ended.json.error.code).toBe('not_allowed_to_act');
    // Someone not linked at all cannot act for her either.
    const stranger = await t.call('POST', act('request'), {
      as: neighbour.token,
      body: { input: visit, forAccountId: mother.accountId },
    });
    expect(stranger.json.error.code).toBe('not_allowed_to_act');
  });

  it('tells the family who allowed notices, not those who did not', async () => {
    const linkId = await link(neighbour, son, { act: false, notify: true });
    await t.call('POST', act('request'), {
      as: neighbour.token,
      body: { input: { ...visit, date: '2031-01-11' } },
    });
    // The notice also goes to the coordinators (a role), so the worker sends it: wait for it.
    await t.services.dataPlane.notifications.drain();
    const inbox = await t.call('GET', `/api/v1/me/inbox?communityId=${C}`, { as: son.token });
    expect(inbox.json.items.map((m: { title: { en: string } }) => m.title.en)).toContain(
      'A visit was requested for your relative',
    );
    const mothers = await t.call('GET', `/api/v1/me/inbox?communityId=${C}`, { as: mother.token });
    expect(mothers.json.items.map((m: { title: { en: string } }) => m.title.en)).not.toContain(
      'A visit was requested for your relative',
    );
    await t.call('DELETE', `${base}/family/${linkId}`, { as: son.token });
  });

  it('assigns only to holders of the role, offered by a picker only to coordinators', async () => {
    const booked = await t.call('POST', act('request'), {
      as: neighbour.token,
      body: { input: { ...visit, date: '2031-01-12' } },
    });
    const recordId = booked.json.record.id;
    const picker = await t.call(
      'GET',
      `${base}/plugins/${care.id}/assignees?role=plugin:caregiver`,
      {
        as: staff.token,
      },
    );
    expect(picker.status).toBe(200);
    expect(picker.json.items).toEqual([{ accountId: staff.accountId, displayName: 'p-staff' }]);
    // Residents do not get the staff list; a role nobody assigns to is not listed.
    const asResident = await t.call(
      'GET',
      `${base}/plugins/${care.id}/assignees?role=plugin:caregiver`,
      { as: neighbour.token },
    );
    expect(asResident.status).toBe(403);
    expect(
      (
        await t.call('GET', `${base}/plugins/${care.id}/assignees?role=plugin:coordinator`, {
          as: staff.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.call('GET', `${base}/plugins/${care.id}/assignees?role=$where`, {
          as: staff.token,
        })
      ).status,
    ).toBe(400);

    const wrong = await t.call('POST', act('assign'), {
      as: staff.token,
      body: { recordId, input: { assigneeId: neighbour.accountId } },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.code).toBe('not_assignable');
    const right = await t.call('POST', act('assign'), {
      as: staff.token,
      body: { recordId, input: { assigneeId: staff.accountId } },
    });
    expect(right.status).toBe(200);
    expect(right.json.record).toMatchObject({ status: 'assigned', assigneeId: staff.accountId });
    const inbox = await t.call('GET', `/api/v1/me/inbox?communityId=${C}`, { as: staff.token });
    expect(inbox.json.items.map((m: { title: { en: string } }) => m.title.en)).toContain(
      'A visit for you',
    );
  });
});
