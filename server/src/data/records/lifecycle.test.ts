import type { PluginManifest } from '@scene/schema';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipId } from '../../control/auth/model';
import { newId } from '../../control/auth/secrets';
import { ADMIN_ACTOR, manifest, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { EXPORT_BUCKET } from './lifecycle';
import { recordCollectionName } from './names';

// The control plane's installations drive the data plane for real: no stand-in source here.
const db = useTestDatabase('records-lifecycle');
const C = 'lifecycle-a';
const ID = 'acme.lifecycle';
let t: TestServer;
let resident: string;
let v1: PluginManifest;

const scopes = (m: PluginManifest) => m.permissions.map((p) => p.scope);
const tickets = () => db.connection().db!.collection(recordCollectionName(ID, 'tickets'));
const report = (title: string, category: string) =>
  t.call('POST', `/api/v1/communities/${C}/plugins/${ID}/actions/report`, {
    as: resident,
    body: { input: { title, category, phone: '13800001234' } },
  });

/** v2 renames `category` to `kind` and maps its values, with the migration that says so. */
function v2Of(m: PluginManifest): PluginManifest {
  const next = structuredClone(m);
  next.version = '2.0.0';
  const renameIn = (props: Record<string, unknown>) => {
    props.kind = props.category;
    delete props.category;
  };
  const col = next.collections.tickets!;
  col.schemaVersion = 2;
  renameIn(col.schema.properties as Record<string, unknown>);
  renameIn(next.actions.report!.input!.properties as Record<string, unknown>);
  next.migrations = [
    {
      collection: 'tickets',
      from: 1,
      to: 2,
      steps: [
        { op: 'rename', from: 'category', to: 'kind' },
        { op: 'mapValues', field: 'kind', map: { 水电: 'plumbing', plumbing: 'other' } },
      ],
    },
  ];
  return next;
}

beforeAll(async () => {
  t = await startTestServer(db.connection());
  v1 = manifest(ID, { tier: 'optional' });
  await publishApproved(t.services, v1);
  await t.services.communities.create(
    { id: C, name: '生命周期社区', city: '杭州', district: '西湖区', type: 'renovation' },
    ADMIN_ACTOR,
  );
  const s = await sessionFor(t.services, { username: `res_${newId().slice(-6)}` });
  resident = s.token;
  const now = new Date();
  await t.services.models.Membership.create({
    _id: membershipId(C, s.accountId),
    communityId: C,
    accountId: s.accountId,
    role: 'resident',
    pluginRoles: [],
    createdAt: now,
    updatedAt: now,
  });
});
afterAll(() => t.close());

describe('installations drive the records', () => {
  it('accepts no writes before the plugin is installed', async () => {
    const res = await report('水管漏水', '水电');
    expect(res.status).toBe(404);
    expect(await tickets().countDocuments({ communityId: C })).toBe(0);
  });

  it('accepts writes once installed, and none while disabled', async () => {
    await t.services.installations.install(ADMIN_ACTOR, C, {
      pluginId: ID,
      acceptPermissions: scopes(v1),
    });
    expect((await report('水管漏水', '水电')).status).toBe(201);
    expect((await report('楼道灯坏了', '照明')).status).toBe(201);

    await t.services.installations.update(ADMIN_ACTOR, C, ID, { enabled: false });
    expect((await report('门禁失灵', '门禁')).status).toBeGreaterThanOrEqual(400);
    await t.services.installations.update(ADMIN_ACTOR, C, ID, { enabled: true });
    expect(await tickets().countDocuments({ communityId: C })).toBe(2);
  });

  it('runs the declared migrations on upgrade', async () => {
    const v2 = v2Of(v1);
    await publishApproved(t.services, v2);
    await t.services.installations.upgrade(ADMIN_ACTOR, C, ID, {
      version: '2.0.0',
      acceptBreaking: true,
      acceptPermissions: scopes(v2),
    });
    const docs = await tickets().find({ communityId: C }).sort({ title: 1 }).toArray();
    expect(docs.map((d) => [d.title, d.kind, d.category, d.schemaVersion])).toEqual([
      ['楼道灯坏了', '照明', undefined, 2],
      // 水电 → plumbing, and not on to `other`: values map once.
      ['水管漏水', 'plumbing', undefined, 2],
    ]);
  });

  it('exports then deletes the records on uninstall', async () => {
    await t.services.installations.uninstall(ADMIN_ACTOR, C, ID);
    expect(await tickets().countDocuments({ communityId: C })).toBe(0);

    const bucket = new mongo.GridFSBucket(db.connection().db!, { bucketName: EXPORT_BUCKET });
    const [file] = await bucket
      .find({ 'metadata.communityId': C, 'metadata.pluginId': ID })
      .toArray();
    expect(file).toBeDefined();
    const chunks: Buffer[] = [];
    for await (const c of bucket.openDownloadStream(file!._id)) chunks.push(c as Buffer);
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.record.title).sort()).toEqual(['楼道灯坏了', '水管漏水']);
    expect((await report('又漏水了', '水电')).status).toBe(404);
  });
});
