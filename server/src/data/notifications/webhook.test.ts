import { peopleExampleManifest } from '@scene/schema';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { NOTIFY_DELIVERIES, NOTIFY_DUE } from '../records/names';
import { ensureDueList } from './webhook';

const db = useTestDatabase('webhook');
let t: TestServer;
const C = 'hook-c';
const base = `/api/v1/communities/${C}`;
const SECRET = 'gateway-secret-0123456789';
const care = peopleExampleManifest();
let op: { token: string; accountId: string };
let elder: { token: string; accountId: string };
let quiet: { token: string; accountId: string };

/** What the test gateway saw: each request, and whether its signature checked out. */
interface Seen {
  at: number;
  delivery: string;
  verified: boolean;
  body: { recipients: string[]; title: { en: string }; test?: boolean };
}

/**
 * A gateway as an operator would run one: it recomputes the HMAC over the timestamp and the raw
 * body with the shared secret, and answers with the next status of `script` (then 200).
 */
function gateway(script: number[]): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['x-scene-timestamp']);
      const expected = Buffer.from(
        `sha256=${createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex')}`,
      );
      const given = Buffer.from(String(req.headers['x-scene-signature']));
      const fresh = Math.abs(Date.now() / 1000 - Number(ts)) < 300;
      seen.push({
        at: Date.now(),
        delivery: String(req.headers['x-scene-delivery']),
        verified: fresh && given.length === expected.length && timingSafeEqual(given, expected),
        body: JSON.parse(raw) as Seen['body'],
      });
      res.statusCode = script.shift() ?? 200;
      res.end('ok');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
        seen,
        server,
      }),
    ),
  );
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await startTestServer(db.connection(), { WEBHOOK_RETRY_BASE_MS: '300' });
  const admin = await sessionFor(t.services, { username: 'hook-admin', platformRoles: ['admin'] });
  await t.call('POST', '/api/v1/communities', {
    as: admin.token,
    body: { id: C, name: '网关', city: '杭州', district: '西湖区', type: 'renovation' },
  });
  await publishApproved(t.services, care);
  await t.call('POST', `${base}/installations`, {
    as: admin.token,
    body: { pluginId: care.id, acceptPermissions: ['notify:send'] },
  });
  op = await sessionFor(t.services, { username: 'hook-op' });
  await t.services.members.ensure(C, op.accountId, 'operator');
  elder = await sessionFor(t.services, { username: 'hook-elder' });
  await t.services.members.ensure(C, elder.accountId, 'resident');
  quiet = await sessionFor(t.services, { username: 'hook-quiet' });
  await t.services.members.ensure(C, quiet.accountId, 'staff');
  await t.call('PATCH', `${base}/members/${elder.accountId}`, {
    as: op.token,
    body: { attributes: { ageBand: '70-79' } },
  });
});
afterAll(() => t.close());
const due = () => db.connection().db!.collection<{ _id: string }>(NOTIFY_DUE);

describe('the signed webhook', () => {
  it('refuses bad settings with a clear 4xx and lets only operators see or change it', async () => {
    const put = (body: unknown, as = op.token) =>
      t.call('PUT', `${base}/notifications/webhook`, { as, body });
    expect(
      (await put({ url: 'ftp://gateway.example/x', secret: SECRET, enabled: true })).json.error
        .details,
    ).toEqual({ code: 'webhook_url' });
    expect(
      (await put({ url: 'https://gateway.example/x', secret: 'short', enabled: true })).status,
    ).toBe(400);
    expect(
      (await put({ url: 'https://gateway.example/x', enabled: true })).json.error.details,
    ).toEqual({ code: 'webhook_secret' });
    expect(
      (await put({ url: 'https://gateway.example/x', secret: SECRET, enabled: true }, elder.token))
        .status,
    ).toBe(403);
    expect(
      (await t.call('GET', `${base}/notifications/deliveries`, { as: elder.token })).status,
    ).toBe(403);
    const view = await t.call('GET', `${base}/notifications/webhook`, { as: op.token });
    expect(view.json).toEqual({ url: null, enabled: false, secretHint: null, updatedAt: null });
  });

  it('signs every delivery, retries with growing waits, and logs each attempt', async () => {
    const gw = await gateway([500, 503]);
    try {
      const saved = await t.call('PUT', `${base}/notifications/webhook`, {
        as: op.token,
        body: { url: gw.url, secret: SECRET, enabled: true },
      });
      expect(saved.json).toMatchObject({
        url: gw.url,
        enabled: true,
        secretHint: SECRET.slice(-4),
      });
      expect(saved.text).not.toContain(SECRET);
      // The staff member opted out of the gateway channel (inbox only).
      await t.call('PUT', `${base}/me/notification-settings`, {
        as: quiet.token,
        body: { muted: [], channels: { inbox: true, webhook: false } },
      });

      // A booking notifies the coordinators (a role: the worker's job) → one delivery.
      const booked = await t.call(
        'POST',
        `/api/v1/communities/${C}/plugins/${care.id}/actions/request`,
        {
          as: elder.token,
          body: { input: { date: '2031-02-01', slot: 'morning', service: 'company' } },
        },
      );
      expect(booked.status).toBe(201);
      const log = await until(
        () => t.call('GET', `${base}/notifications/deliveries`, { as: op.token }),
        (r) => r.json.items[0]?.status === 'delivered',
      );
      const [d] = log.json.items;
      expect(d).toMatchObject({ pluginId: care.id, status: 'delivered', recipients: 1 });
      expect(d.title.en).toBe('A new visit request');
      expect(d.attempts.map((a: { status: number }) => a.status)).toEqual([500, 503, 200]);
      // All three requests were the same signed delivery, and the gateway could verify each.
      expect(gw.seen).toHaveLength(3);
      expect(gw.seen.every((s) => s.verified && s.delivery === d.id)).toBe(true);
      // Backoff: the wait before the 3rd attempt is about twice the wait before the 2nd.
      const gap1 = gw.seen[1]!.at - gw.seen[0]!.at;
      const gap2 = gw.seen[2]!.at - gw.seen[1]!.at;
      expect(gap1).toBeGreaterThanOrEqual(300);
      expect(gap2).toBeGreaterThanOrEqual(600);
      // The opted-out coordinator is not among the gateway's recipients; nobody else was one.
      expect(gw.seen[0]!.body.recipients).toEqual([op.accountId]);
      // Delivered: off the list the worker polls (the log keeps it).
      expect(await due().findOne({ _id: d.id })).toBeNull();
    } finally {
      gw.server.close();
    }
  });

  it('gives up after the last attempt and says so in the log', async () => {
    const gw = await gateway(Array(10).fill(500));
    try {
      await t.call('PUT', `${base}/notifications/webhook`, {
        as: op.token,
        body: { url: gw.url, enabled: true },
      });
      const test = await t.call('POST', `${base}/notifications/webhook/test`, { as: op.token });
      expect(test.status).toBe(202);
      const log = await until(
        () => t.call('GET', `${base}/notifications/deliveries?status=failed`, { as: op.token }),
        (r) => r.json.items.some((x: { id: string }) => x.id === test.json.id),
        60_000,
      );
      const failed = log.json.items.find((x: { id: string }) => x.id === test.json.id);
      expect(failed.attempts).toHaveLength(6);
      expect(failed.nextAttemptAt).toBeNull();
      expect(gw.seen).toHaveLength(6);
      expect(gw.seen[0]!.body.test).toBe(true);
      expect(await due().findOne({ _id: test.json.id })).toBeNull();
    } finally {
      gw.server.close();
    }
  }, 90_000);

  it('lists as due, once, the pending deliveries an earlier release logged, and delivers them', async () => {
    const gw = await gateway([]);
    try {
      await t.call('PUT', `${base}/notifications/webhook`, {
        as: op.token,
        body: { url: gw.url, enabled: true },
      });
      // An earlier release's pending delivery: in the log only; the worker polls the due list.
      const createdAt = new Date();
      const payload = JSON.stringify({ id: 'old-1', communityId: C, test: true, recipients: [] });
      const log = db.connection().db!.collection<{ _id: string }>(NOTIFY_DELIVERIES);
      await log.insertOne({
        _id: 'old-1',
        communityId: C,
        pluginId: 'platform',
        title: { 'zh-CN': '旧通知', en: 'Old notice' },
        recipients: 0,
        payload,
        status: 'pending',
        attempts: [],
        nextAttemptAt: createdAt,
        createdAt,
      } as never);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(gw.seen).toHaveLength(0);
      await db.connection().db!.collection<{ _id: string }>('schema_migrations').deleteOne({
        _id: 'notify-deliveries-due',
      });
      await ensureDueList(db.connection());
      await ensureDueList(db.connection());
      await until(
        () => log.findOne({ _id: 'old-1' }) as Promise<{ status?: string } | null>,
        (d) => d?.status === 'delivered',
      );
      expect(gw.seen.map((x) => x.delivery)).toEqual(['old-1']);
      expect(await due().findOne({ _id: 'old-1' })).toBeNull();
    } finally {
      gw.server.close();
    }
  });
});
