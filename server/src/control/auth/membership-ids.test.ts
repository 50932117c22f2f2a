// Memberships are keyed by `<communityId>:<accountId>` so a request finds its caller's by `_id`.
// A database of an earlier release (random `_id`s, a unique {communityId, accountId} index) is
// migrated once at start, by two processes at once as safely as by one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { ensureControlIndexes } from '../models';
import { membershipId } from './model';
import { newId } from './secrets';

const db = useTestDatabase('membership-ids');
const C = 'c-rekey';
let t: TestServer;
let op: { token: string; accountId: string };
const members = `/api/v1/communities/${C}/members`;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  await t.services.communities.create(
    { id: C, name: '迁移社区', city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
  op = await sessionFor(t.services, { username: 'rekey-op' });
  await t.services.members.ensure(C, op.accountId, 'operator');
}, 120_000);
afterAll(() => t.close());

describe('membership ids', () => {
  it('are derived from community and account, by every writer', async () => {
    const added = await t.call('POST', members, {
      as: op.token,
      body: {
        username: 'rekey-new',
        displayName: '新住户',
        password: 'Harbour-lights-902',
        role: 'resident',
      },
    });
    expect(added.status).toBe(201);
    const ids = (await t.services.models.Membership.find({ communityId: C }).lean()).map(
      (m) => m._id,
    );
    expect(ids.sort()).toEqual(
      [membershipId(C, op.accountId), membershipId(C, added.json.accountId)].sort(),
    );
    // The same person twice in one community is the same `_id`.
    const admin = await sessionFor(t.services, {
      username: 'rekey-admin',
      platformRoles: ['admin'],
    });
    const twice = await t.call('POST', members, {
      as: admin.token,
      body: { username: 'rekey-new', role: 'staff' },
    });
    expect(twice.status).toBe(409);
    expect(twice.json.error.code).toBe('already_member');
  });

  it('refuse a membership stored under any other _id', async () => {
    const now = new Date();
    await expect(
      t.services.models.Membership.create({
        _id: newId(),
        communityId: C,
        accountId: op.accountId,
        role: 'resident',
        pluginRoles: [],
        createdAt: now,
        updatedAt: now,
      }),
    ).rejects.toThrow(/membershipId/);
  });

  it('of an earlier release are re-keyed once at start, by two processes at once', async () => {
    const connection = db.connection();
    const collection = t.services.models.Membership.collection;
    // The earlier layout: the unique compound index, random ids, no migration mark.
    await collection.dropIndex('community_accounts');
    await collection.createIndex({ communityId: 1, accountId: 1 }, { unique: true });
    await connection
      .db!.collection('schema_migrations')
      .deleteOne({ _id: 'membership-ids' as never });
    const legacy = await sessionFor(t.services, { username: 'rekey-legacy' });
    const now = new Date();
    await collection.insertOne({
      _id: 'legacy-membership-1',
      communityId: C,
      accountId: legacy.accountId,
      role: 'operator',
      pluginRoles: [],
      attributes: { building: '3' },
      createdAt: now,
      updatedAt: now,
    } as never);
    // Not found by its derived id yet: the operator may not list members.
    expect((await t.call('GET', members, { as: legacy.token })).status).toBe(403);

    await Promise.all([ensureControlIndexes(connection), ensureControlIndexes(connection)]);

    const docs = await t.services.models.Membership.find({ communityId: C }).lean();
    expect(docs.every((m) => m._id === membershipId(m.communityId, m.accountId))).toBe(true);
    const moved = docs.find((m) => m.accountId === legacy.accountId)!;
    expect(moved).toMatchObject({ role: 'operator', attributes: { building: '3' } });
    expect(docs).toHaveLength(3);
    const names = (await collection.indexes()).map((i) => i.name);
    expect(names).toContain('community_accounts');
    expect(names).not.toContain('communityId_1_accountId_1');
    expect((await t.call('GET', members, { as: legacy.token })).status).toBe(200);
    const patched = await t.call('PATCH', `${members}/${legacy.accountId}`, {
      as: op.token,
      body: { pluginRoles: [] },
    });
    expect(patched.status).toBe(403); // an operator manages no other operator: found, and refused

    // Marked done: a later start does not read the memberships again.
    await collection.insertOne({ ...moved, _id: 'left-alone' } as never);
    await ensureControlIndexes(connection);
    expect(await t.services.models.Membership.exists({ _id: 'left-alone' })).toBeTruthy();
    await collection.deleteOne({ _id: 'left-alone' } as never);
  });
});
