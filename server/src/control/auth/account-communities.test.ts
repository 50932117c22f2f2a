// "My communities" is one document per account, kept a superset of the person's memberships
// through claims (FerretDB v1 loses one of two racing `$addToSet`s on a document). These
// check it against the real local database: racing changes keep every community, readers see
// exactly the memberships, and the one-off build from existing memberships is complete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import {
  forgetAccount,
  forgetMembership,
  indexAccountCommunities,
  membershipsOf,
  noteMembership,
} from './account-communities';
import { IdLists } from '../id-lists';
import { membershipId } from './model';

const db = useTestDatabase('account-communities');
let t: TestServer;
const lists = () =>
  db.connection().db!.collection<{ _id: string; ids: string[] }>('account_communities');

beforeAll(async () => {
  t = await startTestServer(db.connection());
  for (const id of ['ac-a', 'ac-b'])
    await t.services.communities.create(
      { id, name: `社区${id}`, city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
}, 120_000);
afterAll(() => t.close());

describe("an account's communities", () => {
  it('keep every community when twenty are noted at once, and drop only the removed', async () => {
    const M = t.services.models.Membership;
    const ids = Array.from({ length: 20 }, (_, i) => `race-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((c) => noteMembership(M, 'acct-race', c)));
    expect((await lists().findOne({ _id: 'acct-race' }))?.ids).toEqual(ids);
    // A removal racing additions: none of the additions is lost, the removal holds.
    const more = ['race-20', 'race-21', 'race-22'];
    await Promise.all([
      forgetMembership(M, 'acct-race', 'race-05'),
      ...more.map((c) => noteMembership(M, 'acct-race', c)),
    ]);
    const now = (await lists().findOne({ _id: 'acct-race' }))?.ids;
    expect(now).toEqual([...ids.filter((c) => c !== 'race-05'), ...more]);
    await forgetAccount(M, 'acct-race');
    expect((await lists().findOne({ _id: 'acct-race' }))?.ids).toEqual([]);
  });

  it('are what auth.me and the community list show, through every writer', async () => {
    const admin = await sessionFor(t.services, { username: 'ac-admin', platformRoles: ['admin'] });
    const p = await sessionFor(t.services, { username: 'ac-person' });
    await t.services.members.ensure('ac-a', p.accountId, 'resident');
    const added = await t.call('POST', '/api/v1/communities/ac-b/members', {
      as: admin.token,
      body: { username: 'ac-person', role: 'staff' },
    });
    expect(added.status).toBe(201);
    const me = async () =>
      (await t.call('GET', '/api/v1/auth/me', { as: p.token })).json.memberships.map(
        (m: { communityId: string; role: string }) => `${m.communityId}/${m.role}`,
      );
    const listed = async () =>
      (await t.call('GET', '/api/v1/communities', { as: p.token })).json.items.map(
        (c: { id: string }) => c.id,
      );
    expect(await me()).toEqual(['ac-a/resident', 'ac-b/staff']);
    expect(await listed()).toEqual(['ac-a', 'ac-b']);
    const removed = await t.call('DELETE', `/api/v1/communities/ac-a/members/${p.accountId}`, {
      as: admin.token,
    });
    expect(removed.status).toBe(204);
    expect(await me()).toEqual(['ac-b/staff']);
    expect(await listed()).toEqual(['ac-b']);
    // An entry left by a write that stopped before its membership was stored shows nowhere.
    await noteMembership(t.services.models.Membership, p.accountId, 'ac-a');
    expect(await me()).toEqual(['ac-b/staff']);
    expect(await listed()).toEqual(['ac-b']);
  });

  it('roll forward a change whose writer stopped after its claim, and only then', async () => {
    const lists = new IdLists(db.connection(), 'stopped_lists');
    await lists.add('k', 'x');
    const claims = db
      .connection()
      .db!.collection<{ _id: string; ids: string[]; at: Date }>('stopped_lists_claims');
    // A writer took revision 1 a minute ago and never wrote it.
    await claims.insertOne({
      _id: 'k|1',
      ids: ['x', 'stopped'],
      at: new Date(Date.now() - 60_000),
    });
    await lists.add('k', 'y');
    expect(await lists.get('k')).toEqual(['stopped', 'x', 'y']);
  });

  it('are built once from the memberships a database already has', async () => {
    const M = t.services.models.Membership;
    const now = new Date();
    for (const c of ['ac-a', 'ac-b'])
      await M.collection.insertOne({
        _id: membershipId(c, 'acct-old'),
        communityId: c,
        accountId: 'acct-old',
        role: 'resident',
        pluginRoles: [],
        createdAt: now,
        updatedAt: now,
      } as never);
    expect(await membershipsOf(M, 'acct-old')).toEqual([]);
    await indexAccountCommunities(M);
    await indexAccountCommunities(M); // idempotent
    expect((await membershipsOf(M, 'acct-old')).map((m) => m.communityId)).toEqual([
      'ac-a',
      'ac-b',
    ]);
  });
});
