import { standardPluginEntries } from '@scene/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipId } from '../../control/auth/model';
import { newId } from '../../control/auth/secrets';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { NOTIFY_JOBS, NOTIFY_RECIPIENTS, NOTIFY_STEPS } from '../records/names';
import { inboxHeads, newestFirst, unpack } from './inbox';
import type { NotifyJob } from './queue';
import { listInbox } from './service';

const db = useTestDatabase('fanout');
let t: TestServer;
const C = 'big-c';
const RESIDENTS = 10_000;
const notices = standardPluginEntries.find((e) => e.dir === 'notice-board')!.manifest;
const act = (name: string) => `/api/v1/communities/${C}/plugins/${notices.id}/actions/${name}`;
let editor: { token: string; accountId: string };
let residents: string[];
let quiet: { token: string; accountId: string };

beforeAll(async () => {
  // No background worker until the test says so: the fan-out is watched step by step.
  t = await startTestServer(db.connection(), { NOTIFY_POLL_MS: '86400000' });
  await t.services.dataPlane.notifications.stop();
  await publishApproved(t.services, notices);
  await t.services.communities.create(
    { id: C, name: '万人社区', city: '杭州', district: '西湖区', type: 'new-build' },
    ADMIN_ACTOR,
  );
  editor = await sessionFor(t.services, { username: 'big-editor' });
  await t.services.members.ensure(C, editor.accountId, 'staff');
  quiet = await sessionFor(t.services, { username: 'big-quiet' });
  await t.services.members.ensure(C, quiet.accountId, 'resident');
  // 10,000 residents (memberships are all a fan-out reads); one has muted the plugin.
  residents = Array.from({ length: RESIDENTS - 1 }, () => newId());
  const now = new Date();
  for (let i = 0; i < residents.length; i += 2000)
    await t.services.models.Membership.insertMany(
      residents.slice(i, i + 2000).map((accountId) => ({
        _id: membershipId(C, accountId),
        communityId: C,
        accountId,
        role: 'resident',
        pluginRoles: [],
        createdAt: now,
        updatedAt: now,
      })),
    );
  const muted = await t.call('PUT', `/api/v1/communities/${C}/me/notification-settings`, {
    as: quiet.token,
    body: { muted: [notices.id], channels: { inbox: true, webhook: true } },
  });
  expect(muted.json.muted).toEqual([notices.id]);
}, 300_000);
afterAll(() => t.close());

describe('a notice to every resident', () => {
  it('reaches all 10,000 in the background, in batches, once each, minding who muted it, then leaves the queue', async () => {
    const draft = await t.call('POST', act('draft'), {
      as: editor.token,
      body: {
        input: {
          title: '停水通知',
          type: 'property',
          body: '明天 9:00–12:00 停水。',
          audience: 'residents',
          startAt: new Date().toISOString(),
        },
      },
    });
    expect(draft.status).toBe(201);
    const recordId = draft.json.record.id;
    await t.call('POST', act('publish'), { as: editor.token, body: { recordId } });

    const started = performance.now();
    const pushed = await t.call('POST', act('push'), { as: editor.token, body: { recordId } });
    const answeredMs = performance.now() - started;
    expect(pushed.status).toBe(200);
    // The action answered without writing 10,000 messages: they are one queued job.
    const dbh = db.connection().db!;
    const reachedBy = async () =>
      (await inboxHeads(dbh).find({}).toArray()).flatMap((d) =>
        newestFirst(unpack(d.entries))
          .filter((e) => e.recordId === recordId)
          .map(() => d._id),
      );
    expect(await reachedBy()).toEqual([]);
    const [job] = await dbh
      .collection<NotifyJob>(NOTIFY_JOBS)
      .find({ recordId, roles: { $ne: [] } })
      .toArray();
    expect(job).toMatchObject({ state: 'queued', roles: ['resident'] });
    console.log(`push answered in ${answeredMs.toFixed(0)} ms`);

    // The worker fans out in bounded rounds (20 jobs, batches of 500 people).
    const worker = t.services.dataPlane.notifications;
    const fanStarted = performance.now();
    await worker.drain();
    console.log(
      `fan-out to ${RESIDENTS} took ${((performance.now() - fanStarted) / 1000).toFixed(1)} s`,
    );
    // Finished, the job left the queue with its steps and recipient list.
    expect(await dbh.collection<NotifyJob>(NOTIFY_JOBS).countDocuments({ _id: job!._id })).toBe(0);
    expect(await dbh.collection(NOTIFY_STEPS).countDocuments({})).toBe(0);
    expect(
      await dbh.collection<{ _id: string }>(NOTIFY_RECIPIENTS).countDocuments({ _id: job!._id }),
    ).toBe(0);

    const ids = await reachedBy();
    expect(ids).toHaveLength(RESIDENTS - 1);
    expect(new Set(ids)).toEqual(new Set(residents));
    expect(ids).not.toContain(quiet.accountId);

    // A process that listed the job before it finished runs it again from the start: every
    // resident still reads the notice once, unread, and nothing was written twice.
    await dbh.collection<NotifyJob>(NOTIFY_JOBS).insertOne(job!);
    await worker.drain();
    expect(await dbh.collection<NotifyJob>(NOTIFY_JOBS).countDocuments({ _id: job!._id })).toBe(0);
    const again = await reachedBy();
    expect(again).toHaveLength(RESIDENTS - 1);
    expect(new Set(again)).toEqual(new Set(residents));
    const stored = await inboxHeads(dbh).findOne({ _id: residents[42]! });
    expect(unpack(stored!.entries).filter((e) => e.recordId === recordId)).toHaveLength(1);
    const someone = await listInbox(dbh, residents[42]!, { communityId: C });
    expect(someone.items.filter((m) => m.recordId === recordId)).toHaveLength(1);
    expect(someone.unread).toBe(1);
  }, 600_000);
});
