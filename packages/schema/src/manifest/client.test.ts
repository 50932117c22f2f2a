import { describe, expect, it } from 'vitest';
import { effectiveRoles, mayOpenView, mayRunQuery, type MemberRoles } from '../access';
import { clientManifest } from './client';
import { exampleManifest } from './example';
import type { PluginManifest } from './types';

/** The example with a capacity collection whose named rule keeps a waitlist. */
function withBookings(): PluginManifest {
  const m = exampleManifest();
  m.collections.bookings = {
    schemaVersion: 1,
    schema: { type: 'object', properties: { slot: { type: 'string', maxLength: 20 } } },
    access: { read: [{ roles: ['operator'] }] },
    capacity: [
      {
        id: 'perSlot',
        key: ['slot'],
        limit: 10,
        where: { field: 'slot', op: 'ne', value: 'x' },
        waitlist: { state: 'waiting', promoteTo: 'booked' },
      },
      { key: ['slot'], limit: 99 },
    ],
  };
  return m;
}

const MEMBERS: MemberRoles[] = [
  null,
  ['resident'],
  ['staff'],
  ['operator'],
  ['resident', 'plugin:acme.repairs/technician'],
];

describe('clientManifest', () => {
  it('answers every role question as the full manifest does', () => {
    const full = withBookings();
    const client = clientManifest(full);
    for (const member of MEMBERS) {
      const roles = effectiveRoles(member, full);
      expect([...effectiveRoles(member, client)].sort()).toEqual([...roles].sort());
      for (const q of Object.keys(full.queries))
        expect(mayRunQuery(roles, client, q), `${String(member)} ${q}`).toBe(
          mayRunQuery(roles, full, q),
        );
      for (const v of full.views) expect(mayOpenView(roles, v)).toBe(mayOpenView(roles, v));
    }
    // The questions have different answers, so the equalities above compare something.
    const resident = effectiveRoles(['resident'], client);
    expect(mayRunQuery(resident, client, 'mine')).toBe(true);
    expect(mayRunQuery(resident, client, 'queue')).toBe(false);
    expect(effectiveRoles(['staff'], client).has('plugin:technician')).toBe(true);
  });

  it('keeps the roles of access, unmask and waitlists, and drops what only the server acts on', () => {
    const client = clientManifest(withBookings());
    const tickets = client.collections.tickets!;
    expect(tickets.access.read).toEqual([
      { roles: ['resident'] },
      { roles: ['plugin:technician', 'operator'] },
    ]);
    expect(tickets.privacy).toEqual({ unmask: ['operator'] });
    expect(client.roles).toEqual([{ id: 'technician', grantedTo: ['staff'] }]);
    expect(client.collections.bookings!.capacity).toEqual([
      { id: 'perSlot', waitlist: { state: 'waiting', promoteTo: 'booked' } },
    ]);
    // Queries and views keep their own filters (the phone names them); collections keep none.
    const text = JSON.stringify([client.collections, client.roles]);
    for (const serverOnly of ['"where"', '"indexes"', '"clear"', '"limit"', '"retention"'])
      expect(text).not.toContain(serverOnly);
    for (const key of ['migrations', 'lifecycle', 'permissions', 'changelog'])
      expect(Object.keys(client)).not.toContain(key);
  });
});
