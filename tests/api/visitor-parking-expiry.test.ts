// std.visitor-parking's nightly schedule against the real database, on a test clock: passes of
// earlier days still expected expire once; today's passes and cars that came are left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../server/src/data/actions/service';
import { member } from '../../server/src/data/records/test-kit';
import { recordCollectionName } from '../../server/src/data/records/names';
import { ADMIN_ACTOR, publishApproved } from '../../server/src/testing/control-plane';
import { useTestDatabase } from '../../server/src/testing/database';
import { startTestServer, type TestServer } from '../../server/src/testing/server';
import { standardPlugin } from './dataplane-kit';

const db = useTestDatabase('api-visitor-parking-expiry');
const C = 'c-parking';
const parking = standardPlugin('visitor-parking');
const clock = { now: new Date('2026-03-10T01:00:00Z') }; // 09:00 on 10 March in Shanghai
const resident = member(C, ['resident'], 'res');
const guard = member(C, ['staff'], 'guard');
let t: TestServer;

const act = (caller: typeof resident, action: string, body: Record<string, unknown>) =>
  runAction(t.services.dataPlane, {
    communityId: C,
    pluginId: parking.id,
    action,
    caller,
    ...body,
  });
const register = async (plate: string, date: string) =>
  (
    (await act(resident, 'register', { input: { plate, hostRoom: '3幢501', date } })).body
      .record as { id: string }
  ).id;
const statusOf = async (id: string) =>
  (
    await db
      .connection()
      .db!.collection<{ _id: string; status: string }>(recordCollectionName(parking.id, 'visits'))
      .findOne({ _id: id })
  )?.status;

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => clock.now;
  await t.services.communities.create(
    { id: C, name: '翠苑', city: '杭州', district: '西湖区', type: 'renovation' },
    ADMIN_ACTOR,
  );
  await publishApproved(t.services, parking);
  const installed = (await t.services.installations.list(C, false)).map((i) => i.pluginId);
  if (!installed.includes(parking.id))
    await t.services.installations.install(ADMIN_ACTOR, C, {
      pluginId: parking.id,
      acceptPermissions: parking.permissions.map((p) => p.scope),
    });
  await t.services.models.Installation.updateOne(
    { _id: `${C}:${parking.id}` },
    { $set: { installedAt: new Date('2026-03-09T00:00:00Z') } },
  );
});
afterAll(() => t?.close());

describe('std.visitor-parking expireUnused', () => {
  it('expires the passes of earlier days that were never used, once', async () => {
    const unused = await register('浙A11111', '2026-03-10');
    const came = await register('浙A22222', '2026-03-10');
    const tomorrow = await register('浙A33333', '2026-03-11');
    expect((await act(guard, 'checkIn', { recordId: came })).status).toBe(200);
    // 00:15 on 11 March in Shanghai: the 00:10 occurrence is due.
    clock.now = new Date('2026-03-10T16:15:00Z');
    await t.services.scheduleRunner.drain();
    expect(await statusOf(unused)).toBe('expired');
    expect(await statusOf(came)).toBe('arrived');
    expect(await statusOf(tomorrow)).toBe('expected');
    // Yesterday's pass is out of the guard's reach (not even found); a second run changes nothing.
    await expect(act(guard, 'checkIn', { recordId: unused })).rejects.toThrow('No such record');
    clock.now = new Date('2026-03-10T16:40:00Z');
    await t.services.scheduleRunner.drain();
    expect(await statusOf(came)).toBe('arrived');
    expect(await statusOf(tomorrow)).toBe('expected');
    // The next night, tomorrow's unused pass goes the same way.
    clock.now = new Date('2026-03-11T16:15:00Z');
    await t.services.scheduleRunner.drain();
    expect(await statusOf(tomorrow)).toBe('expired');
  });
});
