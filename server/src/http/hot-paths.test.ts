import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import { standardPluginEntries } from '@scene/plugins';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalWithAll } from '../seeds/portal';
import { ADMIN_ACTOR, publishApproved } from '../testing/control-plane';
import { sessionFor, startTestServer, type TestServer } from '../testing/server';
import { recordFilters, type SentFilter } from '../testing/command-log';

// The local database (FerretDB v1) answers a filter that names a string `_id` from its index and
// decodes every document of the collection, of every community, for any other filter. So what a
// resident's phone and the studio ask on every visit must name its documents by `_id`. This
// records every filter the driver sends while they do, and fails on any other filter on the
// control plane's collections, except those allowed below with their reason.
let conn: Connection;
let t: TestServer;
const C = 'hot-c';
const repair = standardPluginEntries.find((e) => e.dir === 'property-repair')!.manifest;
const sent: SentFilter[] = [];

/** Collections whose reads a hot path must make by `_id` (the control plane's, and sessions'). */
const CONTROL = [
  'accounts',
  'memberships',
  'sessions',
  'apitokens',
  'communities',
  'installations',
  'portalversions',
  'portaldraftrevisions',
  'pluginversions',
  // A person's communities (auth.me, the community list), one document per account.
  'account_communities',
  // Family links and what each side allows (the household page, `user.actsFor`).
  'familylinks',
  'familygrants',
  'family_link_lists',
];

/**
 * Filters allowed, with why they are not a per-visit scan of the province. Checked as
 * `collection` + the filter's field names.
 */
const ALLOWED: { collection: string; fields: string; why: string }[] = [
  // Plugin ids with an approved version (the installations list's candidates), read once per
  // process and kept until a review (registry/standard.ts). The registry, not the province.
  { collection: 'pluginversions', fields: 'status', why: 'kept until a review' },
  // The standard plugins a community gets: as above.
  { collection: 'pluginversions', fields: 'status,tier', why: 'kept until a review' },
  // The guarded write of a person's community list: a filter naming a string `_id` beside other
  // fields is narrowed by the `_id` (the patched local database, since d252cca).
  { collection: 'account_communities', fields: '_id,_rev', why: 'narrowed by its _id' },
  { collection: 'family_link_lists', fields: '_id,_rev', why: 'narrowed by its _id' },
];

const fieldsOf = (filter: unknown) =>
  Object.keys((filter ?? {}) as Record<string, unknown>)
    .sort()
    .join(',');

beforeAll(async () => {
  conn = mongoose.createConnection(injectMongoUri(), {
    dbName: testDatabaseName('hot-paths'),
    monitorCommands: true,
    autoIndex: false,
    bufferCommands: false,
  });
  await conn.asPromise();
  recordFilters(conn.getClient(), sent);
  t = await startTestServer(conn);
  await publishApproved(t.services, repair);
  await t.services.communities.create(
    { id: C, name: '热路径社区', city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
  const draft = await t.services.portals.draft(C);
  await t.services.portals.saveDraft(
    ADMIN_ACTOR,
    C,
    portalWithAll([repair], draft.portal.theme),
    draft.etag,
  );
  await t.services.portals.publish(ADMIN_ACTOR, C, {});
  await t.services.portals.publish(ADMIN_ACTOR, C, { note: '第二版' });
}, 180_000);
afterAll(async () => {
  await t.close();
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

/** As a process that has not served this community yet: its caches empty, the log too. */
function cold() {
  t.services.runtime.invalidate(C);
  t.services.installations.invalidate(C);
  sent.length = 0;
}

/** What was sent to the control plane's collections with a filter other than `{_id}`. */
function scans() {
  return sent
    .filter((s) => CONTROL.includes(s.collection))
    .filter((s) => fieldsOf(s.filter) !== '_id')
    .filter(
      (s) => !ALLOWED.some((a) => a.collection === s.collection && a.fields === fieldsOf(s.filter)),
    )
    .map((s) => `${s.command} ${s.collection} ${JSON.stringify(s.filter)}`);
}

describe('hot paths on the local database', () => {
  it("a resident's first visit (runtime, caller, a query) names every control-plane document by _id", async () => {
    // A new person: nothing about them is cached in this process yet.
    const resident = await sessionFor(t.services, { username: 'hot-resident' });
    await t.services.members.ensure(C, resident.accountId, 'resident');
    cold();
    const as = { as: resident.token };
    expect((await t.call('GET', `/api/v1/runtime/${C}`, as)).status).toBe(200);
    const me = await t.call('GET', '/api/v1/auth/me', as);
    expect(me.status).toBe(200);
    expect(me.json.memberships.map((m: { communityId: string }) => m.communityId)).toEqual([C]);
    const mine = await t.call('GET', '/api/v1/communities', as);
    expect(mine.status).toBe(200);
    expect(mine.json.items.map((c: { id: string }) => c.id)).toEqual([C]);
    const query = `/api/v1/communities/${C}/plugins/${repair.id}/queries/myTickets`;
    expect((await t.call('GET', query, as)).status).toBe(200);
    expect(sent.some((s) => s.collection === 'memberships')).toBe(true);
    expect(sent.some((s) => s.collection === 'account_communities')).toBe(true);
    expect(scans()).toEqual([]);
  });

  it('the studio opening installations, portal history and members changes names them by _id', async () => {
    const op = await sessionFor(t.services, { username: 'hot-operator' });
    await t.services.members.ensure(C, op.accountId, 'operator');
    const worker = await sessionFor(t.services, { username: 'hot-worker' });
    await t.services.members.ensure(C, worker.accountId, 'staff');
    cold();
    const as = { as: op.token };
    const installed = await t.call('GET', `/api/v1/communities/${C}/installations`, as);
    expect(installed.status).toBe(200);
    expect(installed.json.items.map((i: { pluginId: string }) => i.pluginId)).toContain(repair.id);
    const history = await t.call('GET', `/api/v1/communities/${C}/portal/versions`, as);
    expect(history.status).toBe(200);
    expect(history.json.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(history.json.items[0]).toMatchObject({ live: true, note: '第二版' });
    const members = `/api/v1/communities/${C}/members/${worker.accountId}`;
    expect((await t.call('PATCH', members, { ...as, body: { role: 'resident' } })).status).toBe(
      200,
    );
    expect((await t.call('DELETE', members, as)).status).toBe(204);
    expect(sent.some((s) => s.collection === 'installations')).toBe(true);
    expect(sent.some((s) => s.collection === 'portalversions')).toBe(true);
    expect(scans()).toEqual([]);
  });

  it("a family's pages (household, me, a relative's links) name links and grants by _id", async () => {
    const op = await sessionFor(t.services, { username: 'hot-family-op' });
    await t.services.members.ensure(C, op.accountId, 'operator');
    const mother = await sessionFor(t.services, { username: 'hot-mother' });
    const son = await sessionFor(t.services, { username: 'hot-son' });
    await t.services.members.ensure(C, mother.accountId, 'resident');
    await t.services.members.ensure(C, son.accountId, 'resident');
    const recorded = await t.call('POST', `/api/v1/communities/${C}/family-links`, {
      as: op.token,
      body: {
        a: mother.accountId,
        b: son.accountId,
        relation: 'child',
        aGrants: { act: true, notify: true },
        bGrants: { act: false, notify: false },
        consentNote: '纸质同意书存社区办公室',
      },
    });
    expect(recorded.status).toBe(201);
    cold();
    const family = await t.call('GET', `/api/v1/communities/${C}/family`, { as: son.token });
    expect(family.status).toBe(200);
    expect(family.json.items.map((l: { id: string }) => l.id)).toEqual([recorded.json.id]);
    const me = await t.call('GET', `/api/v1/communities/${C}/me`, { as: son.token });
    expect(me.status).toBe(200);
    expect(me.json.actsFor.map((p: { accountId: string }) => p.accountId)).toEqual([
      mother.accountId,
    ]);
    const links = `/api/v1/communities/${C}/family-links?accountId=${mother.accountId}`;
    const listed = await t.call('GET', links, { as: op.token });
    expect(listed.json.items.map((l: { id: string }) => l.id)).toEqual([recorded.json.id]);
    expect(await t.services.households.actsFor(C, son.accountId)).toEqual([mother.accountId]);
    expect(await t.services.households.familyOf(C, [mother.accountId])).toEqual([son.accountId]);
    expect(sent.some((s) => s.collection === 'familylinks')).toBe(true);
    expect(sent.some((s) => s.collection === 'familygrants')).toBe(true);
    expect(scans()).toEqual([]);
    // Revoked: gone from every page, with no scan either.
    const revoked = await t.call('DELETE', `/api/v1/communities/${C}/family/${recorded.json.id}`, {
      as: son.token,
    });
    expect(revoked.status).toBe(204);
    expect(
      (await t.call('GET', `/api/v1/communities/${C}/family`, { as: son.token })).json.items,
    ).toEqual([]);
    expect(await t.services.households.actsFor(C, son.accountId)).toEqual([]);
    expect(scans()).toEqual([]);
  });
});
