import { injectMongoUri, testDatabaseName } from '@scene/devdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connection';
import { portalWithAll } from '../../seeds/portal';
import { ADMIN_ACTOR, manifest, publishApproved } from '../../testing/control-plane';
import { startTestServer, type TestServer } from '../../testing/server';
import { recordFilters, type SentFilter } from '../../testing/command-log';

// Publishing at province scale: the local database answers a filter of `_id` alone from its
// index and reads every document of the collection for any other filter, so each read and write
// of a publish must name its document by `_id` alone (or the publish grows with the province).
let conn: Awaited<ReturnType<typeof connect>>;
let t: TestServer;
const std = manifest('std.demo', { tier: 'standard' });
/** The filter of each command sent, by collection. */
const filters: SentFilter[] = [];

beforeAll(async () => {
  conn = await connect(injectMongoUri(), testDatabaseName('publish-pointer'), {
    timeoutMs: 30_000,
    monitorCommands: true,
  });
  recordFilters(conn.getClient(), filters);
  t = await startTestServer(conn);
  await publishApproved(t.services, std);
  for (const id of ['ptr-a', 'ptr-b'])
    await t.services.communities.create(
      { id, name: '指针社区', city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
  // A portal placing the standard plugin, as an operator would save it.
  for (const id of ['ptr-a', 'ptr-b']) {
    const draft = await t.services.portals.draft(id);
    const portal = portalWithAll([std], draft.portal.theme);
    await t.services.portals.saveDraft(ADMIN_ACTOR, id, portal, draft.etag);
  }
}, 120_000);
afterAll(async () => {
  await t.close();
  await conn.dropDatabase().catch(() => {});
  await conn.close();
});

const pointer = async (id: string) => {
  const c = await t.services.communities.get(id);
  const doc = await conn
    .collection<{ _id: string; highestPublished: number }>('communities')
    .findOne({ _id: id });
  return { live: c.publishedVersion, highest: doc?.highestPublished, at: c.publishedAt };
};

describe('publish at province scale', () => {
  it('names each community document, version and draft by `_id` alone, and the version goes live', async () => {
    filters.length = 0;
    const started = Date.now();
    const res = await t.services.portals.publish(ADMIN_ACTOR, 'ptr-a', {});
    expect(res).toMatchObject({ version: 1, live: true });
    const perCommunity = filters.filter((f) =>
      ['communities', 'portalversions', 'portaldraftrevisions', 'installations'].includes(
        f.collection,
      ),
    );
    // The pointer's move is among them: before, it carried `highestPublished: {$lt: n}`.
    expect(perCommunity.some((f) => f.collection === 'communities' && f.command !== 'find')).toBe(
      true,
    );
    for (const f of perCommunity) {
      expect(f.filter, `${f.command} ${f.collection}`).toEqual({ _id: expect.any(String) });
    }
    const p = await pointer('ptr-a');
    expect(p).toMatchObject({ live: 1, highest: 1 });
    expect(Date.parse(p.at!)).toBeGreaterThanOrEqual(started - 1000);
    expect((await t.call('GET', '/api/v1/runtime/ptr-a')).json.version).toBe(1);
  });

  it('after a rollback the next publish goes live; one whose number the pointer passed meanwhile does not', async () => {
    expect(await t.services.portals.publish(ADMIN_ACTOR, 'ptr-b', {})).toMatchObject({
      version: 1,
      live: true,
    });
    expect(await t.services.portals.publish(ADMIN_ACTOR, 'ptr-b', {})).toMatchObject({
      version: 2,
      live: true,
    });
    await t.services.portals.rollback(ADMIN_ACTOR, 'ptr-b', 1);
    expect(await pointer('ptr-b')).toMatchObject({ live: 1, highest: 2 });
    // The newest publish wins over the rollback: forwards past the highest number.
    expect(await t.services.portals.publish(ADMIN_ACTOR, 'ptr-b', {})).toMatchObject({
      version: 3,
      live: true,
    });
    expect(await pointer('ptr-b')).toMatchObject({ live: 3, highest: 3 });
    expect((await t.call('GET', '/api/v1/runtime/ptr-b')).json.version).toBe(3);

    // A racing publish took a higher number and moved the pointer to it between this publish's
    // read of the community and its move. Here the pointer names 9 while `highestPublished` still
    // says 3, as this publish read it: it stores version 4 and leaves the pointer alone.
    const liveAt = (await pointer('ptr-b')).at;
    await conn
      .collection<{ _id: string }>('communities')
      .updateOne({ _id: 'ptr-b' }, { $set: { publishedVersion: 9 } });
    const lost = await t.services.portals.publish(ADMIN_ACTOR, 'ptr-b', {});
    expect(lost).toMatchObject({ version: 4, live: false });
    const after = await pointer('ptr-b');
    expect(after).toMatchObject({ live: 9, highest: 4 });
    expect(Date.parse(after.at!)).toBeGreaterThanOrEqual(Date.parse(liveAt!));
    const audit = await conn
      .collection('auditentries')
      .findOne({ action: 'portal.publish', targetId: 'ptr-b:4' });
    expect(audit?.summary).toMatchObject({ version: 4, live: false });
  });

  it('lists the history by `_id`, newest first, including a version stored past `highestPublished`', async () => {
    // ptr-b: versions 1..4 stored, `highestPublished` 4. A publish that stopped between storing
    // version 5 and moving the community's numbers leaves 5 stored and the numbers at 4.
    const four = await conn
      .collection<{ _id: string; number: number }>('portalversions')
      .findOne({ _id: 'ptr-b:4' });
    await conn
      .collection<{ _id: string; number: number }>('portalversions')
      .insertOne({ ...four!, _id: 'ptr-b:5', number: 5 });
    filters.length = 0;
    const listed = await t.services.portals.versions('ptr-b', 3);
    expect(listed.map((v) => v.version)).toEqual([5, 4, 3]);
    const versionReads = filters.filter((f) => f.collection === 'portalversions');
    expect(versionReads.length).toBeGreaterThan(0);
    for (const f of versionReads) expect(f.filter).toEqual({ _id: expect.any(String) });
    expect((await t.services.portals.versions('ptr-b', 100)).map((v) => v.version)).toEqual([
      5, 4, 3, 2, 1,
    ]);
  });
});
