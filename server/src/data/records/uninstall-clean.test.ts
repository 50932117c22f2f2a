// Uninstalling a plugin that deletes its records (std.events' manifest: export-then-delete) takes with them
// what they held outside their collection: capacity places and waitlist tickets (keyed by record)
// and "answer once" claims (keyed by community and plugin). Reinstalled, the plugin starts clean:
// the volunteer who had opted in can choose again. Another community's claims stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ACTOR, publishApproved } from '../../testing/control-plane';
import { useTestDatabase } from '../../testing/database';
import { sessionFor, startTestServer, type TestServer } from '../../testing/server';
import { ONCE_CLAIMS, SEATS, WAITLIST } from './names';
import { loadStandardPlugin } from './test-kit';

const db = useTestDatabase('uninstall_clean');
// std.events under a vendor's id as an optional plugin: standard plugins cannot be uninstalled.
const std = loadStandardPlugin('events');
const plugin = {
  ...std,
  id: 'acme.events',
  tier: 'optional' as const,
  vendor: { ...std.vendor, id: 'acme' },
};
const [C, D] = ['c-clean', 'c-kept'];
type Person = { token: string; accountId: string };
let t: TestServer;
let admin: string;
const staff: Record<string, Person> = {};
const residents: Record<string, Person[]> = {};

const act = (community: string, who: Person, action: string, body: Record<string, unknown>) =>
  t.call('POST', `/api/v1/communities/${community}/plugins/${plugin.id}/actions/${action}`, {
    as: who.token,
    body,
  });
const install = (community: string) =>
  t.call('POST', `/api/v1/communities/${community}/installations`, {
    as: admin,
    body: { pluginId: plugin.id, acceptPermissions: ['notify:send', 'points:award', 'pii:read'] },
  });
const col = (name: string) => db.connection().db!.collection(name);

beforeAll(async () => {
  t = await startTestServer(db.connection());
  t.services.dataPlane.now = () => new Date('2026-03-10T01:00:00Z');
  admin = (await sessionFor(t.services, { username: 'uc-admin', platformRoles: ['admin'] })).token;
  await publishApproved(t.services, plugin);
  for (const id of [C, D]) {
    await t.call('POST', '/api/v1/communities', {
      as: admin,
      body: { id, name: id, city: '杭州', district: '上城区', type: 'renovation' },
    });
    expect((await install(id)).status).toBe(201);
    const join = async (username: string, role: 'resident' | 'staff') => {
      const p = await sessionFor(t.services, { username });
      await t.services.members.ensure(id, p.accountId, role);
      return p;
    };
    staff[id] = await join(`uc-staff-${id}`, 'staff');
    residents[id] = [await join(`uc-a-${id}`, 'resident'), await join(`uc-b-${id}`, 'resident')];
    // An event with one place: the first resident takes it, the second waits.
    const published = await act(id, staff[id]!, 'publish', {
      input: {
        title: '社区花园志愿',
        kind: 'volunteer',
        date: '2026-03-11',
        startTime: '10:00',
        endTime: '16:00',
        place: '中心花园',
        capacity: 1,
        recurrence: 'FREQ=DAILY;COUNT=1',
      },
    });
    expect(published.status, published.text).toBe(201);
    const eventId = published.json.record.id;
    for (const r of residents[id]!) {
      const s = await act(id, r, 'signUp', { input: { eventId } });
      expect(s.status, s.text).toBe(201);
    }
    expect(
      (await act(id, residents[id]![0]!, 'joinBoard', { input: { onBoard: true } })).status,
    ).toBe(201);
  }
});
afterAll(() => t.close());

describe('uninstalling a plugin whose records are deleted', () => {
  it('gives back the places, waitlist tickets and once-claims its records held, and no others', async () => {
    const before = {
      seats: await col(SEATS).countDocuments({ communityId: C }),
      tickets: await col(WAITLIST).countDocuments({ communityId: C }),
      once: await col(ONCE_CLAIMS).countDocuments({ communityId: C }),
    };
    // The set-up put something in each, or this test would prove nothing.
    expect(before.seats).toBeGreaterThan(0);
    expect(before.tickets).toBeGreaterThan(0);
    expect(before.once).toBeGreaterThan(0);
    const kept = {
      seats: await col(SEATS).countDocuments({ communityId: D }),
      tickets: await col(WAITLIST).countDocuments({ communityId: D }),
      once: await col(ONCE_CLAIMS).countDocuments({ communityId: D }),
    };

    await t.services.installations.uninstall(ADMIN_ACTOR, C, plugin.id);

    expect(await col(SEATS).countDocuments({ communityId: C })).toBe(0);
    expect(await col(WAITLIST).countDocuments({ communityId: C })).toBe(0);
    expect(await col(ONCE_CLAIMS).countDocuments({ communityId: C })).toBe(0);
    expect(await col(SEATS).countDocuments({ communityId: D })).toBe(kept.seats);
    expect(await col(WAITLIST).countDocuments({ communityId: D })).toBe(kept.tickets);
    expect(await col(ONCE_CLAIMS).countDocuments({ communityId: D })).toBe(kept.once);
  });

  it('starts clean when installed again: the volunteer may choose again, elsewhere not', async () => {
    expect((await install(C)).status).toBe(201);
    const again = await act(C, residents[C]![0]!, 'joinBoard', { input: { onBoard: true } });
    expect(again.status, again.text).toBe(201);
    const elsewhere = await act(D, residents[D]![0]!, 'joinBoard', { input: { onBoard: true } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.json.error.details.code).toBe('already_done');
  });
});
