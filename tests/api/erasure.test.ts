import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../server/src/testing/database';
import { TEST_PASSWORD } from '../../server/src/testing/server';
import { A, PNG, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

// "Delete my data" and "close my account" against the real server and database: no copy of the
// person's data is left anywhere, votes and signatures stay counted but anonymous, and the
// person can neither vote nor sign (nor be paid for it) again.
const db = useTestDatabase('api-erasure');
const repair = standardPlugin('property-repair');
const proposals = standardPlugin('proposals');
const convention = standardPlugin('convention');
let w: World;
const PHONE = '13900007777';
const NAME = '赵秘密';
const plugin = (id: string) => `/api/v1/communities/${A}/plugins/${id}`;

beforeAll(async () => {
  w = await startWorld(db.connection(), [repair, proposals, convention]);
});
afterAll(() => w?.t.close());

const call = (
  who: Who,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) =>
  w.t.call(method, path, {
    as: w.tokens[who],
    ...(body === undefined ? {} : { body }),
    ...(headers ? { headers } : {}),
  });
const act = (who: Who, pluginId: string, action: string, body: unknown, key?: string) =>
  call(who, 'POST', `${plugin(pluginId)}/actions/${action}`, body, {
    ...(key ? { 'idempotency-key': key } : {}),
  });
const balance = async (who: Who) =>
  (await call(who, 'GET', `/api/v1/communities/${A}/points/me`)).json.balance as number;

/** Every document of every collection in the database, as text. */
async function everything(): Promise<string> {
  const database = db.connection().db!;
  const out: string[] = [];
  for (const { name } of await database.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.endsWith('.chunks')) continue;
    out.push(JSON.stringify(await database.collection(name).find({}).toArray()));
  }
  return out.join('\n');
}

describe('delete my data', () => {
  let proposalId: string;

  it('leaves no copy, keeps the tally, and the person cannot vote or be paid again', async () => {
    // A ticket with a phone number, sent with an Idempotency-Key (its answer is cached).
    const up = await fetch(`${w.t.base}/api/v1/communities/${A}/uploads`, {
      method: 'POST',
      body: PNG,
      headers: { 'content-type': 'image/png', cookie: `scene_session=${w.tokens.residentA}` },
    });
    expect(up.status).toBe(201);
    const ticket = {
      input: {
        category: 'plumbing',
        locationType: 'room',
        room: '5栋1单元302',
        title: '卫生间漏水',
        contactName: NAME,
        contactPhone: PHONE,
        photos: [((await up.json()) as { id: string }).id],
      },
    };
    expect((await act('residentA', repair.id, 'report', ticket, 'erase-key-0001')).status).toBe(
      201,
    );

    // A proposal by someone else, put to the vote; the person votes and signs the convention.
    const made = await act('residentA2', proposals.id, 'propose', {
      input: { title: '增设充电桩', body: '地下车库增设电动车充电桩，解决飞线充电。' },
    });
    proposalId = made.json.record.id;
    expect(
      (await act('operatorA', proposals.id, 'evaluate', { recordId: proposalId })).status,
    ).toBe(200);
    const opened = await act('operatorA', proposals.id, 'openVote', {
      recordId: proposalId,
      input: { votingEndsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(opened.status).toBe(200);
    const vote = { input: { proposalId, choice: 'yes' } };
    expect((await act('residentA', proposals.id, 'vote', vote)).status).toBe(201);
    expect(
      (await act('residentA', convention.id, 'sign', { input: { agreed: true } })).status,
    ).toBe(201);
    const paid = await balance('residentA');
    expect(paid).toBeGreaterThan(0);
    const tally = async () =>
      (await call('residentA2', 'GET', `${plugin(proposals.id)}/queries/proposal?id=${proposalId}`))
        .json.item as { yesVotes: number; totalVotes: number };
    expect(await tally()).toMatchObject({ yesVotes: 1, totalVotes: 1 });
    const signed = async () =>
      (await call('residentA2', 'GET', `${plugin(convention.id)}/queries/signedCount`)).json
        .count as number;
    expect(await signed()).toBe(1);
    expect(await everything()).toContain(PHONE);

    const erased = await call('residentA', 'POST', '/api/v1/me/data-deletion', { confirm: true });
    expect(erased.status).toBe(200);
    expect(erased.json).toMatchObject({ records: 1, anonymised: 2, uploads: 1 });
    expect(erased.json.replayCopies).toBeGreaterThanOrEqual(1);

    // No copy anywhere: records, the replay cache, the audit log, files, everything.
    const left = await everything();
    expect(left).not.toContain(PHONE);
    expect(left).not.toContain(NAME);
    expect(left).not.toContain(`"createdBy":"${w.ids.residentA}"`);
    // A retried request is not answered from a copy of the deleted ticket.
    const retried = await act('residentA', repair.id, 'report', ticket, 'erase-key-0001');
    expect(retried.headers.get('idempotent-replayed')).toBeNull();

    // The tally and the count of signatures stand.
    expect(await tally()).toMatchObject({ yesVotes: 1, totalVotes: 1 });
    expect(await signed()).toBe(1);
    // The person can neither vote nor sign again, and is paid nothing more.
    const before = await balance('residentA');
    const again = await act('residentA', proposals.id, 'vote', {
      input: { proposalId, choice: 'no' },
    });
    expect(again.status).toBe(409);
    const resign = await act('residentA', convention.id, 'sign', { input: { agreed: true } });
    expect(resign.status).toBe(409);
    expect(await balance('residentA')).toBe(before);
    expect(await tally()).toMatchObject({ yesVotes: 1, noVotes: 0, totalVotes: 1 });
  });
});

describe('closing an account', () => {
  it('needs the password, then erases the data and the account; the username is free again', async () => {
    const me = await call('residentB', 'GET', '/api/v1/auth/me');
    const username = me.json.account.username as string;
    const wrong = await call('residentB', 'POST', '/api/v1/me/account-closure', {
      password: 'not-the-password',
    });
    expect(wrong.status).toBe(401);
    expect((await call('residentB', 'GET', '/api/v1/auth/me')).status).toBe(200);

    const closed = await call('residentB', 'POST', '/api/v1/me/account-closure', {
      password: TEST_PASSWORD,
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toHaveProperty('anonymised');
    expect((await call('residentB', 'GET', '/api/v1/auth/me')).status).toBe(401);
    const login = await w.t.call('POST', '/api/v1/auth/login', {
      body: { username, password: TEST_PASSWORD },
    });
    expect(login.status).toBe(401);
    expect(
      await w.t.services.models.Membership.countDocuments({ accountId: w.ids.residentB }),
    ).toBe(0);
    expect(await w.t.services.models.Account.countDocuments({ username })).toBe(0);

    // Accounts with platform roles are closed by an administrator, not by themselves.
    const vendor = await call('vendor', 'POST', '/api/v1/me/account-closure', {
      password: TEST_PASSWORD,
    });
    expect(vendor.status).toBe(409);
    expect((await call('vendor', 'GET', '/api/v1/auth/me')).status).toBe(200);
  });
});
