// "Who am I" (auth.me's memberships) and "whom may I act for here" (households.me's grants) are
// kept per account by the caller cache: a signed-in page's first HTML waits for both, and on the
// local database their queries decode every document of their collections. Two server processes
// on one database: the one that made a change answers with it at once, the other within a poll
// of the change feed; an unchanged answer is not read again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN_ACTOR } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';

const db = useTestDatabase('me-cache');
const C1 = 'c-me-one';
const C2 = 'c-me-two';
let a: TestServer;
let b: TestServer;
let admin: { token: string; accountId: string };

beforeAll(async () => {
  a = await startTestServer(db.connection());
  b = await startTestServer(db.connection());
  for (const id of [C1, C2])
    await a.services.communities.create(
      { id, name: `社区${id}`, city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
  admin = await sessionFor(a.services, { username: 'me-admin', platformRoles: ['admin'] });
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** Asks until `done(answer)` holds (the other process reads the feed once a second). */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const communitiesOf = async (t: TestServer, token: string) => {
  const res = await t.call('GET', '/api/v1/auth/me', { as: token });
  expect(res.status).toBe(200);
  return (res.json.memberships as { communityId: string }[]).map((m) => m.communityId).sort();
};

const actsFor = async (t: TestServer, token: string) => {
  const res = await t.call('GET', `/api/v1/communities/${C1}/me`, { as: token });
  expect(res.status).toBe(200);
  return (res.json.actsFor as { accountId: string }[]).map((p) => p.accountId);
};

describe('auth.me, kept per account', () => {
  it('is read once, and follows a join and a removal in both processes', async () => {
    const someone = await sessionFor(a.services, { username: 'me-someone' });
    await a.services.members.ensure(C1, someone.accountId, 'resident');
    expect(await communitiesOf(a, someone.token)).toEqual([C1]);
    expect(await communitiesOf(b, someone.token)).toEqual([C1]);

    // Asked again, unchanged: answered without reading the memberships.
    const find = vi.spyOn(a.services.models.Membership, 'find');
    try {
      expect(await communitiesOf(a, someone.token)).toEqual([C1]);
      expect(find).not.toHaveBeenCalled();
    } finally {
      find.mockRestore();
    }

    // She joins the second community with its code (through a).
    const inv = await a.call('POST', `/api/v1/communities/${C2}/invitations`, {
      as: admin.token,
      body: { maxUses: 1, label: '缓存' },
    });
    expect(inv.status).toBe(201);
    const joined = await a.call('POST', '/api/v1/me/memberships', {
      as: someone.token,
      body: { invitationCode: inv.json.code },
    });
    expect(joined.status).toBe(201);
    expect(await communitiesOf(a, someone.token)).toEqual([C1, C2]);
    expect(
      await eventually(
        () => communitiesOf(b, someone.token),
        (cs) => cs.length === 2,
      ),
    ).toEqual([C1, C2]);

    // An operator removes her from the first (through b).
    const removed = await b.call(
      'DELETE',
      `/api/v1/communities/${C1}/members/${someone.accountId}`,
      { as: admin.token },
    );
    expect(removed.status).toBe(204);
    expect(await communitiesOf(b, someone.token)).toEqual([C2]);
    expect(
      await eventually(
        () => communitiesOf(a, someone.token),
        (cs) => cs.length === 1,
      ),
    ).toEqual([C2]);
  });

  it('lists a membership an administrator adds', async () => {
    const someone = await sessionFor(a.services, { username: 'me-added' });
    expect(await communitiesOf(a, someone.token)).toEqual([]);
    const added = await a.call('POST', `/api/v1/communities/${C1}/members`, {
      as: admin.token,
      body: { username: 'me-added', role: 'resident' },
    });
    expect(added.status).toBe(201);
    expect(await communitiesOf(a, someone.token)).toEqual([C1]);
  });
});

describe('households.me, kept per member', () => {
  it('follows a grant, its withdrawal and the end of the link in both processes', async () => {
    const mother = await sessionFor(a.services, { username: 'me-mother' });
    const son = await sessionFor(a.services, { username: 'me-son' });
    await a.services.members.ensure(C1, mother.accountId, 'resident');
    await a.services.members.ensure(C1, son.accountId, 'resident');
    expect(await actsFor(a, son.token)).toEqual([]);
    expect(await actsFor(b, son.token)).toEqual([]);

    // She invites him and lets him act for her; he accepts (through a).
    const inv = await a.call('POST', `/api/v1/communities/${C1}/family/invitations`, {
      as: mother.token,
      body: { relation: 'child', grant: { act: true, notify: false } },
    });
    expect(inv.status).toBe(201);
    const linked = await a.call('POST', `/api/v1/communities/${C1}/family/accept`, {
      as: son.token,
      body: { code: inv.json.code, grant: { act: false, notify: false } },
    });
    expect(linked.status).toBe(201);
    const linkId = linked.json.id as string;
    expect(await actsFor(a, son.token)).toEqual([mother.accountId]);
    expect(
      await eventually(
        () => actsFor(b, son.token),
        (ids) => ids.length === 1,
      ),
    ).toEqual([mother.accountId]);

    // Asked again, unchanged: answered without reading the grants or her membership.
    const grants = vi.spyOn(a.services.models.FamilyGrant, 'find');
    const memberships = vi.spyOn(a.services.models.Membership, 'find');
    try {
      expect(await actsFor(a, son.token)).toEqual([mother.accountId]);
      expect(grants).not.toHaveBeenCalled();
      expect(memberships).not.toHaveBeenCalled();
    } finally {
      grants.mockRestore();
      memberships.mockRestore();
    }

    // She withdraws it (through b): he may no longer act for her, in either process.
    const withdrawn = await b.call('PATCH', `/api/v1/communities/${C1}/family/${linkId}`, {
      as: mother.token,
      body: { grant: { act: false, notify: false } },
    });
    expect(withdrawn.status).toBe(200);
    expect(await actsFor(b, son.token)).toEqual([]);
    expect(
      await eventually(
        () => actsFor(a, son.token),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);

    // She allows it again (through a), then he ends the link (through a).
    const again = await a.call('PATCH', `/api/v1/communities/${C1}/family/${linkId}`, {
      as: mother.token,
      body: { grant: { act: true, notify: false } },
    });
    expect(again.status).toBe(200);
    expect(await actsFor(a, son.token)).toEqual([mother.accountId]);
    const ended = await a.call('DELETE', `/api/v1/communities/${C1}/family/${linkId}`, {
      as: son.token,
    });
    expect(ended.status).toBe(204);
    expect(await actsFor(a, son.token)).toEqual([]);
  });
});
