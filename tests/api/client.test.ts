// The client package against the real server: every resource the studio, the resident portal
// and the CLI use, typed by the generated contract, answering what the contract says.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, createApi, DraftConflictError, type Api } from '@scene/client';
import { exampleManifest } from '@scene/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../server/src/testing/database';
import { TEST_PASSWORD } from '../../server/src/testing/server';
import { A, B, PNG, standardPlugin, startWorld, type Who, type World } from './dataplane-kit';

const db = useTestDatabase('api-client');
const repair = standardPlugin('property-repair');
let w: World;
const as = (who: Who): Api =>
  createApi({ baseUrl: w.t.base, headers: { cookie: `scene_session=${w.tokens[who]}` } });

beforeAll(async () => {
  w = await startWorld(db.connection(), [repair]);
});
afterAll(() => w?.t.close());

describe('the API client', () => {
  it('signs in and out, and says who is signed in', async () => {
    const me = await as('residentA').session.me();
    expect(me?.memberships.map((m) => m.communityId)).toEqual([A]);
    const anonymous = createApi({ baseUrl: w.t.base });
    expect(await anonymous.session.me()).toBeNull();
    const logged = await anonymous.session.login(me!.account.username, TEST_PASSWORD);
    expect(logged.account.id).toBe(me!.account.id);
    await expect(anonymous.session.login(me!.account.username, 'wrong-one')).rejects.toMatchObject({
      status: 401,
      code: 'invalid_credentials',
    });
    await anonymous.session.logout();
  });

  it('lists communities and installations, with manifests when asked', async () => {
    const admin = as('admin');
    expect((await admin.communities.list()).map((c) => c.id).sort()).toEqual([A, B]);
    expect((await admin.communities.get(A)).status).toBe('active');
    const installed = await as('operatorA').installations.list(A, { withManifest: true });
    expect(installed.find((i) => i.pluginId === repair.id)?.manifest?.id).toBe(repair.id);
    await expect(as('residentA').installations.list(A)).rejects.toBeInstanceOf(ApiError);
  });

  it('saves, publishes and serves a portal, revalidating the bundle by ETag', async () => {
    const { portals, runtime } = as('operatorA');
    const draft = await portals.draft(A);
    const saved = await portals.saveDraft(A, draft.portal, draft.etag);
    expect(saved.rev).toBe(draft.rev + 1);
    await expect(portals.saveDraft(A, draft.portal, draft.etag)).rejects.toBeInstanceOf(
      DraftConflictError,
    );
    const published = await portals.publish(A, { etag: saved.etag, note: 'client test' });
    expect(published.live).toBe(true);
    const versions = await portals.versions(A);
    expect(versions[0]).toMatchObject({ version: published.version, note: 'client test' });
    const first = await runtime.bundle(A);
    expect(first.notModified).toBe(false);
    if (first.notModified) return;
    expect(first.bundle.version).toBe(published.version);
    expect(await runtime.bundle(A, first.etag)).toMatchObject({ notModified: true });
  });

  it('runs actions and queries, stores uploads, and reads points and the inbox', async () => {
    const resident = as('residentA');
    const photo = await resident.uploads.upload(A, new Blob([PNG], { type: 'image/png' }));
    expect(photo.contentType).toBe('image/png');
    const created = await resident.records.action(A, repair.id, 'report', {
      input: {
        category: 'plumbing',
        locationType: 'room',
        room: '5栋1单元302',
        title: '卫生间漏水',
        contactName: '李四',
        contactPhone: '13900001111',
        photos: [photo.id],
      },
    });
    expect(created.record?.id).toMatch(/^[a-f0-9]{24}$/);
    const mine = await resident.records.query(A, repair.id, 'myTickets');
    expect(mine.kind === 'list' && mine.items.map((r) => r.id)).toEqual([created.record!.id]);
    expect((await resident.points.mine(A)).balance).toBe(0);
    expect(await resident.inbox.unreadCount(A)).toBeGreaterThanOrEqual(0);
    expect((await resident.inbox.list({ communityId: A })).items).toEqual(expect.any(Array));
  });

  it('links family members, records attributes, and keeps notification settings', async () => {
    const a = as('residentA');
    const b = as('residentA2');
    const op = as('operatorA');
    await op.members.update(A, w.ids.residentA, { attributes: { ageBand: '80+', tags: ['独居'] } });
    const code = await a.family.invite(A, {
      relation: 'child',
      grant: { act: true, notify: true },
    });
    const link = await b.family.accept(A, code.code, { act: false, notify: false });
    expect(link).toMatchObject({ relation: 'parent', theirs: { act: true, notify: true } });
    expect((await b.family.me(A)).actsFor).toEqual([
      expect.objectContaining({
        accountId: w.ids.residentA,
        attributes: { ageBand: '80+', tags: ['独居'] },
      }),
    ]);
    expect((await a.family.setGrant(A, link.id, { act: false, notify: true })).mine).toEqual({
      act: false,
      notify: true,
    });
    expect((await op.family.communityLinks(A, w.ids.residentA)).map((l) => l.id)).toEqual([
      link.id,
    ]);
    await a.family.revoke(A, link.id);
    expect(await b.family.links(A)).toEqual([]);
    await expect(
      op.family.record(A, {
        a: w.ids.residentA,
        b: w.ids.residentA,
        relation: 'spouse',
        aGrants: { act: false, notify: false },
        bGrants: { act: false, notify: false },
        consentNote: '同一人',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'same_person' });

    const settings = await a.notifications.saveSettings(A, {
      muted: [repair.id],
      channels: { inbox: true, webhook: false },
    });
    expect(settings).toMatchObject({ muted: [repair.id], webhook: false });
    expect((await a.notifications.settings(A)).plugins.map((p) => p.pluginId)).toContain(repair.id);
    await expect(
      op.notifications.saveWebhook(A, { url: 'not a url', secret: 'x'.repeat(16), enabled: true }),
    ).rejects.toMatchObject({ status: 400 });
    const hook = await op.notifications.saveWebhook(A, {
      url: 'https://gateway.example/hook',
      secret: 'a-secret-of-16-chars',
      enabled: false,
    });
    expect(await op.notifications.webhook(A)).toEqual(hook);
    await expect(op.notifications.testWebhook(A)).rejects.toMatchObject({ status: 409 });
    expect((await op.notifications.deliveries(A)).items).toEqual([]);
    // Nobody holds a role this plugin assigns to: the picker endpoint says so.
    await expect(op.records.assignees(A, repair.id, 'plugin:repairStaff')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('reads the audit log of a community for its operator', async () => {
    const page = await as('operatorA').audit.ofCommunity(A, { limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((e) => e.communityId === A)).toBe(true);
  });
});

const exampleFixtures = {
  config: { title: '小区报修' },
  records: {
    tickets: [
      {
        _id: 't1',
        createdBy: 'u1',
        title: '楼道灯不亮',
        phone: '13800000000',
        status: 'submitted',
      },
    ],
  },
};

describe('plugin example data through the client', () => {
  it('publishes a version with its fixtures, refuses bad ones with pointers, and reads them back', async () => {
    const vendor = as('vendor');
    await vendor.registry.publish(exampleManifest('std.fixtures-demo'));
    const bad = await vendor.registry
      .publishFixtures('std.fixtures-demo', '1.0.0', {
        config: {},
        records: { tickets: [{ _id: 't1', createdBy: 'u1', title: 'x', phone: '1', status: 'x' }] },
      })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ApiError);
    expect((bad as ApiError).status).toBe(400);
    expect((bad as ApiError).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/config' })]),
    );
    const none = await vendor.registry.fixtures('std.fixtures-demo', '1.0.0').catch((e) => e);
    expect((none as ApiError).code).toBe('no_fixtures');

    const stored = await vendor.registry.publishFixtures(
      'std.fixtures-demo',
      '1.0.0',
      exampleFixtures,
    );
    expect(stored).toMatchObject({ pluginId: 'std.fixtures-demo', ...exampleFixtures });
    expect(await vendor.registry.fixtures('std.fixtures-demo', '1.0.0')).toEqual(stored);
  });
});

describe('the scene CLI over the client', () => {
  const BIN = fileURLToPath(new URL('../../packages/cli/bin/scene.mjs', import.meta.url));
  const run = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('publishes with an API token, fixtures/ with it, and names a wrong server address as such', async () => {
    const token = await as('vendor').tokens.create({ name: 'cli', scopes: ['plugins:publish'] });
    const dir = await mkdtemp(join(tmpdir(), 'scene-cli-'));
    const file = join(dir, 'plugin.json');
    await writeFile(file, JSON.stringify(exampleManifest('std.cli-demo')));
    await mkdir(join(dir, 'fixtures'));
    await writeFile(join(dir, 'fixtures', 'config.json'), JSON.stringify(exampleFixtures.config));
    await writeFile(join(dir, 'fixtures', 'records.json'), JSON.stringify(exampleFixtures.records));

    const ok = await run(['plugin', 'publish', file, '--server', w.t.base, '--token', token.token]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const queue = await as('admin').registry.reviewQueue();
    expect(queue.map((v) => `${v.pluginId}@${v.version}`)).toContain('std.cli-demo@1.0.0');
    expect(await as('admin').registry.fixtures('std.cli-demo', '1.0.0')).toMatchObject(
      exampleFixtures,
    );

    const again = await run([
      'plugin',
      'publish',
      file,
      '--server',
      w.t.base,
      '--token',
      token.token,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('HTTP 409 version_exists');

    const wrong = await run([
      'plugin',
      'publish',
      file,
      '--server',
      `${w.t.base}/studio`,
      '--token',
      token.token,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`There is no Scene Platform registry at ${w.t.base}/studio`);

    // A read-only token is told which permission it lacks.
    const reader = await as('vendor').tokens.create({ name: 'ro', scopes: ['read'] });
    const refused = await run([
      'plugin',
      'publish',
      file,
      '--server',
      w.t.base,
      '--token',
      reader.token,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('plugins:publish');
  }, 60_000);
});
