import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, TEST_PASSWORD, type TestServer } from '../../testing/server';

const db = useTestDatabase('households');
let t: TestServer;
const C = 'hh-c';
const base = `/api/v1/communities/${C}`;
type Person = { token: string; accountId: string };
let op: Person;
let mother: Person;
let daughter: Person;
let son: Person;
let outsider: Person;

async function resident(username: string): Promise<Person> {
  const p = await sessionFor(t.services, { username });
  await t.services.members.ensure(C, p.accountId, 'resident');
  return p;
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  const admin = await sessionFor(t.services, { username: 'hh-admin', platformRoles: ['admin'] });
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: '家庭', city: '杭州', district: '西湖区', type: 'renovation' },
  });
  op = await sessionFor(t.services, { username: 'hh-op' });
  await t.services.members.ensure(C, op.accountId, 'operator');
  mother = await resident('hh-mother');
  daughter = await resident('hh-daughter');
  son = await resident('hh-son');
  outsider = await sessionFor(t.services, { username: 'hh-outsider' });
});
afterAll(() => t.close());

describe('households', () => {
  it('links two members by a one-time code, each choosing what the other may do', async () => {
    // The mother invites her daughter and lets her act and receive notices for her.
    const inv = await t.call('POST', `${base}/family/invitations`, {
      as: mother.token,
      body: { relation: 'child', grant: { act: true, notify: true } },
    });
    expect(inv.status).toBe(201);
    expect(inv.json.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // Nobody can enter their own code, and an unknown code says so.
    const own = await t.call('POST', `${base}/family/accept`, {
      as: mother.token,
      body: { code: inv.json.code, grant: { act: false, notify: false } },
    });
    expect(own.json.error.code).toBe('own_code');
    const wrong = await t.call('POST', `${base}/family/accept`, {
      as: daughter.token,
      body: { code: 'ZZZZ-ZZZZ', grant: { act: false, notify: false } },
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json.error.details.message['zh-CN']).toContain('邀请码');

    // The daughter enters it (lower case, without the dash) and allows nothing back.
    const linked = await t.call('POST', `${base}/family/accept`, {
      as: daughter.token,
      body: {
        code: inv.json.code.toLowerCase().replace('-', ''),
        grant: { act: false, notify: false },
      },
    });
    expect(linked.status).toBe(201);
    expect(linked.json).toMatchObject({
      other: { accountId: mother.accountId, displayName: 'hh-mother' },
      relation: 'parent',
      mine: { act: false, notify: false },
      theirs: { act: true, notify: true },
      consent: 'accepted',
    });
    const mine = await t.call('GET', `${base}/family`, { as: mother.token });
    expect(mine.json.items).toMatchObject([
      { relation: 'child', mine: { act: true, notify: true }, theirs: { act: false } },
    ]);
    // The daughter may act for her mother; the mother may not act for the daughter.
    const hh = t.services.households;
    expect(await hh.mayActFor(C, daughter.accountId, mother.accountId)).toBe(true);
    expect(await hh.mayActFor(C, mother.accountId, daughter.accountId)).toBe(false);
    expect(await hh.familyOf(C, [mother.accountId])).toEqual([daughter.accountId]);
    const me = await t.call('GET', `${base}/me`, { as: daughter.token });
    expect(me.json.actsFor).toEqual([
      { accountId: mother.accountId, displayName: 'hh-mother', relation: 'parent', attributes: {} },
    ]);

    // A code works once; the same two people cannot be linked twice.
    const again = await t.call('POST', `${base}/family/accept`, {
      as: son.token,
      body: { code: inv.json.code, grant: { act: false, notify: false } },
    });
    expect(again.status).toBe(404); // the invitation is gone once used
    const second = await t.call('POST', `${base}/family/invitations`, {
      as: mother.token,
      body: { relation: 'child', grant: { act: false, notify: false } },
    });
    const dup = await t.call('POST', `${base}/family/accept`, {
      as: daughter.token,
      body: { code: second.json.code, grant: { act: false, notify: false } },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('already_linked');

    // The mother takes back "act" but keeps notices; then the daughter ends the link.
    const linkId = linked.json.id;
    const changed = await t.call('PATCH', `${base}/family/${linkId}`, {
      as: mother.token,
      body: { grant: { act: false, notify: true } },
    });
    expect(changed.json.mine).toEqual({ act: false, notify: true });
    expect(await hh.mayActFor(C, daughter.accountId, mother.accountId)).toBe(false);
    expect((await t.call('GET', `${base}/me`, { as: daughter.token })).json.actsFor).toEqual([]);
    expect((await t.call('DELETE', `${base}/family/${linkId}`, { as: son.token })).status).toBe(
      404,
    ); // not his link
    expect(
      (await t.call('DELETE', `${base}/family/${linkId}`, { as: daughter.token })).status,
    ).toBe(204);
    expect(await hh.familyOf(C, [mother.accountId])).toEqual([]);
    expect((await t.call('GET', `${base}/family`, { as: mother.token })).json.items).toEqual([]);

    const log = await t.call('GET', `${base}/audit`, { as: op.token });
    const actions = log.json.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['family.invite', 'family.link', 'family.grant', 'family.revoke']),
    );
  });

  it('admits exactly one person per code when several enter it at once', async () => {
    const inv = await t.call('POST', `${base}/family/invitations`, {
      as: son.token,
      body: { relation: 'relative', grant: { act: false, notify: true } },
    });
    const people = await Promise.all(['hh-r1', 'hh-r2', 'hh-r3', 'hh-r4'].map(resident));
    const answers = await Promise.all(
      people.map((p) =>
        t.call('POST', `${base}/family/accept`, {
          as: p.token,
          body: { code: inv.json.code, grant: { act: false, notify: false } },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201))
      expect(['code_used', 'code_not_found']).toContain(a.json.error.code);
    expect((await t.call('GET', `${base}/family`, { as: son.token })).json.items).toHaveLength(1);
  });

  it('stops guessing codes after ten wrong tries', async () => {
    const guesser = await resident('hh-guesser');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await t.call('POST', `${base}/family/accept`, {
        as: guesser.token,
        body: {
          code: `ABCD-EF${String(10 + i)}`.replace(/[01]/g, '2'),
          grant: { act: false, notify: false },
        },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('lets the operator record a paper consent and keep member attributes', async () => {
    const recorded = await t.call('POST', `${base}/family-links`, {
      as: op.token,
      body: {
        a: mother.accountId,
        b: son.accountId,
        relation: 'child',
        aGrants: { act: true, notify: true },
        bGrants: { act: false, notify: false },
        consentNote: '纸质同意书存社区办公室 2 号柜',
      },
    });
    expect(recorded.status).toBe(201);
    expect(recorded.json.consent).toMatchObject({
      kind: 'paper',
      note: '纸质同意书存社区办公室 2 号柜',
    });
    expect(await t.services.households.mayActFor(C, son.accountId, mother.accountId)).toBe(true);
    // Residents cannot record links for others, and outsiders are not members at all.
    const byResident = await t.call('POST', `${base}/family-links`, {
      as: daughter.token,
      body: { ...recorded.json, a: daughter.accountId },
    });
    expect(byResident.status).toBe(403);
    expect(
      (
        await t.call('POST', `${base}/family-links`, {
          as: op.token,
          body: {
            a: mother.accountId,
            b: outsider.accountId,
            relation: 'carer',
            aGrants: { act: true, notify: true },
            bGrants: { act: false, notify: false },
            consentNote: 'x',
          },
        })
      ).json.error.code,
    ).toBe('member_not_found');
    const listed = await t.call('GET', `${base}/family-links?accountId=${son.accountId}`, {
      as: op.token,
    });
    expect(listed.json.items.map((l: { id: string }) => l.id)).toContain(recorded.json.id);

    // Attributes: an age band, never a birth date; bad values are refused with pointers.
    const bad = await t.call('PATCH', `${base}/members/${mother.accountId}`, {
      as: op.token,
      body: { attributes: { ageBand: '65', birthday: '1950-01-01' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { pointer: string }) => d.pointer)).toEqual(
      expect.arrayContaining(['/body/attributes/ageBand', '/body/attributes/birthday']),
    );
    const ok = await t.call('PATCH', `${base}/members/${mother.accountId}`, {
      as: op.token,
      body: { attributes: { ageBand: '80+', building: '5幢', tags: ['独居'] } },
    });
    expect(ok.json.attributes).toEqual({ ageBand: '80+', building: '5幢', tags: ['独居'] });
    const me = await t.call('GET', `${base}/me`, { as: mother.token });
    expect(me.json.attributes).toEqual({ ageBand: '80+', building: '5幢', tags: ['独居'] });
    // The son acts for her and sees her attributes (eligibility is hers, not his).
    const sons = await t.call('GET', `${base}/me`, { as: son.token });
    expect(sons.json.actsFor[0]).toMatchObject({
      accountId: mother.accountId,
      attributes: { ageBand: '80+' },
    });
    // The operator may also end a link.
    expect(
      (await t.call('DELETE', `${base}/family/${recorded.json.id}`, { as: op.token })).status,
    ).toBe(204);
    expect(await t.services.households.mayActFor(C, son.accountId, mother.accountId)).toBe(false);
  });

  it('leaves no family link behind when an account is closed', async () => {
    const uncle = await resident('hh-uncle');
    const niece = await resident('hh-niece');
    const inv = await t.call('POST', `${base}/family/invitations`, {
      as: uncle.token,
      body: { relation: 'relative', grant: { act: true, notify: true } },
    });
    const accepted = await t.call('POST', `${base}/family/accept`, {
      as: niece.token,
      body: { code: inv.json.code, grant: { act: false, notify: false } },
    });
    expect(accepted.status).toBe(201);
    await t.call('POST', `${base}/family/invitations`, {
      as: uncle.token,
      body: { relation: 'relative', grant: { act: false, notify: false } },
    });

    const closed = await t.call('POST', '/api/v1/me/account-closure', {
      as: uncle.token,
      body: { password: TEST_PASSWORD },
    });
    expect(closed.status).toBe(200);
    expect((await t.call('GET', `${base}/family`, { as: niece.token })).json.items).toEqual([]);
    const m = t.services.models as unknown as Record<
      string,
      { countDocuments(q: object): Promise<number> }
    >;
    expect(
      await m.FamilyGrant!.countDocuments({
        $or: [{ grantor: uncle.accountId }, { grantee: uncle.accountId }],
      }),
    ).toBe(0);
    expect(
      await m.FamilyLink!.countDocuments({ $or: [{ a: uncle.accountId }, { b: uncle.accountId }] }),
    ).toBe(0);
    expect(await m.FamilyInvite!.countDocuments({ inviter: uncle.accountId })).toBe(0);
  });
});
