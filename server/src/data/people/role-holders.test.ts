import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommunityActor } from '../../control';
import { useTestDatabase } from '../../testing/database';
import { startTestServer, type TestServer } from '../../testing/server';
import { RoleHolders, type Holder } from './role-holders';

describe('role holders kept per community (pure)', () => {
  const source = (members: Record<string, Holder[]>, listed: Record<string, string[]> = {}) => {
    const reads: string[] = [];
    return {
      reads,
      members: async (c: string) => {
        reads.push(c);
        return members[c]!.map((h) => ({ ...h }));
      },
      communitiesOf: async (a: string) => listed[a] ?? [],
    };
  };

  it('pages the holders of any of the roles in account order, from one read per community', async () => {
    const s = source({
      c1: [
        { accountId: 'd', roles: ['staff'] },
        { accountId: 'a', roles: ['resident', 'plugin:std.care.caregiver'] },
        { accountId: 'b', roles: ['staff'] },
        { accountId: 'c', roles: ['resident'] },
      ],
    });
    const h = new RoleHolders(s);
    const roles = ['staff', 'plugin:std.care.caregiver'];
    expect(await h.page('c1', roles, { limit: 2 })).toEqual(['a', 'b']);
    expect(await h.page('c1', roles, { after: 'b', limit: 2 })).toEqual(['d']);
    expect(await h.page('c1', ['resident'], { limit: 10 })).toEqual(['a', 'c']);
    expect(s.reads).toEqual(['c1']);
  });

  it('reads a community again after a change to one of its members or to one who just joined', async () => {
    const s = source(
      { c1: [{ accountId: 'a', roles: ['staff'] }], c2: [{ accountId: 'x', roles: ['staff'] }] },
      { newcomer: ['c2'] },
    );
    const h = new RoleHolders(s);
    await h.page('c1', ['staff'], { limit: 9 });
    await h.page('c2', ['staff'], { limit: 9 });
    h.forget('a');
    await h.page('c1', ['staff'], { limit: 9 });
    await h.page('c2', ['staff'], { limit: 9 });
    expect(s.reads).toEqual(['c1', 'c2', 'c1']);
    // Not kept anywhere yet: found through the communities she is listed in.
    h.forget('newcomer');
    await vi.waitFor(async () => {
      await h.page('c2', ['staff'], { limit: 9 });
      expect(s.reads).toEqual(['c1', 'c2', 'c1', 'c2']);
    });
  });

  it('does not keep a read that a change overtook', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reads: string[] = [];
    const h = new RoleHolders({
      members: async (c) => {
        reads.push(c);
        if (reads.length === 1) await gate;
        return [{ accountId: 'a', roles: ['staff'] }];
      },
      communitiesOf: async () => [],
    });
    const first = h.page('c1', ['staff'], { limit: 9 });
    h.forget('someone');
    release();
    await first;
    await h.page('c1', ['staff'], { limit: 9 });
    expect(reads).toEqual(['c1', 'c1']);
  });
});

// Two app instances on one database stand for two server processes.
const db = useTestDatabase('role-holders');
let a: TestServer;
let b: TestServer;
const C = 'holders-c';
const operator: CommunityActor = {
  accountId: 'holders-op',
  username: 'op',
  displayName: 'op',
  platformRoles: [],
  communityId: C,
  communityRoles: ['operator'],
  attributes: {},
};

beforeAll(async () => {
  a = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
  b = await startTestServer(db.connection(), { CHANGE_FEED_POLL_MS: '100' });
});
afterAll(async () => {
  await a.close();
  await b.close();
});

describe('role holders across processes, on the database', () => {
  const staffOn = (t: TestServer) =>
    t.services.dataPlane.members.accountsWithRoles(C, ['staff'], {});

  it('follows joins, role changes and leaving, here at once and in another process within a poll', async () => {
    await a.services.members.ensure(C, 'h-1', 'staff');
    await a.services.members.ensure(C, 'h-2', 'resident');
    expect(await staffOn(a)).toEqual(['h-1']);
    expect(await staffOn(b)).toEqual(['h-1']);

    // Kept: asking again reads no membership.
    const reads = vi.spyOn(a.services.models.Membership, 'find');
    expect(await staffOn(a)).toEqual(['h-1']);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();

    // A new member, who was in no list kept before.
    await a.services.members.ensure(C, 'h-3', 'staff');
    expect(await staffOn(a)).toEqual(['h-1', 'h-3']);
    await expect.poll(() => staffOn(b)).toEqual(['h-1', 'h-3']);

    // A resident made staff, and staff made a resident.
    await b.services.members.ensure(C, 'h-2', 'staff');
    await b.services.members.ensure(C, 'h-1', 'resident');
    expect(await staffOn(b)).toEqual(['h-2', 'h-3']);
    await expect.poll(() => staffOn(a)).toEqual(['h-2', 'h-3']);

    // One who leaves (the list of her communities no longer names this one).
    await a.services.members.remove(operator, 'h-3');
    expect(await staffOn(a)).toEqual(['h-2']);
    await expect.poll(() => staffOn(b)).toEqual(['h-2']);
  });
});
