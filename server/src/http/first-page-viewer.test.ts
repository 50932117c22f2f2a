import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppWithServices } from '../app';
import { loadConfig } from '../config';
import { newId } from '../control/auth/secrets';
import { appendToInboxes } from '../data/notifications/inbox';
import { createLogger } from '../logger';
import { ensureIndexes, type Services } from '../services';
import { ADMIN_ACTOR } from '../testing/control-plane';
import { useTestDatabase } from '../testing/database';
import { sessionFor } from '../testing/server';

// The real server on the real database, with a built portal in miniature whose renderer writes
// down whom it was asked to draw for (the browser suite checks Vue's drawing on the real build):
// this checks who the server decides the page is for, and how the answer may be kept.
const root = mkdtempSync(join(tmpdir(), 'first-page-viewer-'));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });
mkdirSync(join(root, 'dist-server'));
writeFileSync(
  join(dist, 'index.html'),
  '<!doctype html>\n<html lang="zh-CN"><head><title>x</title></head><body><div id="app"></div></body></html>\n',
);
writeFileSync(
  join(root, 'dist-server', 'entry-server.js'),
  `export async function render(req) {
  const v = req.viewer;
  const who = v
    ? 'member:' + v.me.account.displayName + ' unread:' + v.unread + ' age:' + (v.here?.attributes?.ageBand ?? '-')
    : 'visitor';
  return { html: '<p>' + who + '</p>', title: 't', lang: 'zh-CN', rootClass: '', rootStyle: {}, state: { who } };
}
`,
);

const db = useTestDatabase('first-page-viewer');
let services: Services;
let server: Server;
let base: string;
const A = 'fp-a';
const B = 'fp-b';
const who: Record<string, { token: string; accountId: string }> = {};

async function member(
  name: string,
  communityId: string,
  role: 'resident' | 'staff',
  age?: '70-79',
) {
  const s = await sessionFor(services, { username: `${name}_${newId().slice(-6)}` });
  await services.models.Account.updateOne({ _id: s.accountId }, { displayName: name });
  // Through the service, which also lists the community under the person (auth.me).
  await services.members.ensure(
    communityId,
    s.accountId,
    role,
    [],
    age ? { ageBand: age } : undefined,
  );
  who[name] = s;
}

beforeAll(async () => {
  const connection = db.connection();
  await ensureIndexes(connection);
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(32) });
  const made = createAppWithServices({
    config,
    connection,
    logger: createLogger(config),
    staticDirs: { studioDist: '/nonexistent/studio', portalDist: dist },
  });
  services = made.services;
  for (const id of [A, B])
    await services.communities.create(
      { id, name: id, city: '杭州', district: '西湖区', type: 'new-build' },
      ADMIN_ACTOR,
    );
  // Something published, so the community has a runtime bundle to draw from.
  for (const id of [A, B]) await services.portals.publish(ADMIN_ACTOR, id, {});
  await member('王阿姨', A, 'resident', '70-79');
  await member('小李', A, 'staff');
  await member('老张', B, 'resident');
  await appendToInboxes(connection.db!, [
    {
      accountId: who['王阿姨']!.accountId,
      entry: {
        id: `${newId()}-1`,
        communityId: A,
        pluginId: 'std.repairs',
        recordId: null,
        view: null,
        title: { 'zh-CN': '通知', en: 'Notice' },
        body: null,
        read: false,
        createdAt: new Date(),
      },
    },
  ]);
  server = made.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  services.feed.stop();
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(root, { recursive: true, force: true });
});

const page = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(base + path, { headers });
  return {
    text: await res.text(),
    cache: res.headers.get('cache-control'),
    vary: res.headers.get('vary'),
  };
};
const as = (name: string) => ({ cookie: `scene_session=${who[name]!.token}; scene.prefs=zh-CN.0` });

describe('the first page of a signed-in member', () => {
  it('is drawn for them — name, unread count, recorded age — and kept by no cache', async () => {
    const got = await page(`/c/${A}/`, as('王阿姨'));
    expect(got.text).toContain('<p>member:王阿姨 unread:1 age:70-79</p>');
    expect(got.cache).toBe('private, no-store');
    expect(got.vary).toMatch(/Cookie/);
    const staff = await page(`/c/${A}/`, as('小李'));
    expect(staff.text).toContain('<p>member:小李 unread:0 age:-</p>');
    expect(staff.cache).toBe('private, no-store');
  });

  it('is a visitor page for another community, a bad or unknown session, an API token', async () => {
    const bad: Record<string, string>[] = [
      as('老张'),
      { cookie: 'scene_session=not-a-session-token-at-all' },
      { cookie: 'scene_session=<script>' },
      { authorization: `Bearer ${who['王阿姨']!.token}` },
      {},
    ];
    for (const headers of bad) {
      const got = await page(`/c/${A}/`, headers);
      expect(got.text).toContain('<p>visitor</p>');
      expect(got.text).not.toContain('member:');
      expect(got.cache).toBe('no-cache');
    }
  });

  it('ends with the session: after logout the same cookie gets the visitor page', async () => {
    await services.auth.logout(who['小李']!.token);
    const got = await page(`/c/${A}/`, as('小李'));
    expect(got.text).toContain('<p>visitor</p>');
    expect(got.cache).toBe('no-cache');
  });
});
