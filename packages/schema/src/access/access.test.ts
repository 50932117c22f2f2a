import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../manifest/example';
import type { PluginManifest } from '../manifest/types';
import { primitiveCatalog } from '../primitives/catalog';
import { coversField, personalFields } from './privacy';
import {
  effectiveRoles,
  holdsRole,
  membershipRolesHolding,
  pluginRoleGrant,
  rolesOfHolder,
} from './roles';
import { mayOpenView, mayRunQuery, QUERY_PROPS, viewQueries, viewRoles } from './views';

/** The example with a staff role and a committee role granted to residents by default. */
function manifest(): PluginManifest {
  const m = exampleManifest('acme.repairs');
  m.roles = [
    { id: 'technician', name: { 'zh-CN': '维修', en: 'Technician' }, grantedTo: ['staff'] },
    { id: 'helper', name: { 'zh-CN': '帮手', en: 'Helper' }, grantedTo: ['resident'] },
    { id: 'auditor', name: { 'zh-CN': '审计', en: 'Auditor' }, grantedTo: ['admin'] },
  ];
  return m;
}

describe('effectiveRoles: the one reading of grantedTo', () => {
  const m = manifest();

  it('gives an anonymous visitor public only', () => {
    expect([...effectiveRoles(null, m)]).toEqual(['public']);
  });

  it('gives every member public, their platform roles and the plugin roles granted to them', () => {
    expect([...effectiveRoles(['staff'], m)].sort()).toEqual(
      ['plugin:technician', 'public', 'staff'].sort(),
    );
    expect([...effectiveRoles(['resident'], m)].sort()).toEqual(
      ['plugin:helper', 'public', 'resident'].sort(),
    );
  });

  it('does not make an operator staff: grantedTo must name operator', () => {
    expect(holdsRole(['operator'], m, 'plugin:technician')).toBe(false);
    expect(holdsRole(['admin'], m, 'plugin:technician')).toBe(false);
    expect(holdsRole(['admin'], m, 'plugin:auditor')).toBe(true);
  });

  it('honours an explicit grant for this plugin only', () => {
    const grant = pluginRoleGrant('acme.repairs', 'technician');
    expect(holdsRole(['resident', grant], m, 'plugin:technician')).toBe(true);
    expect(holdsRole(['resident', 'plugin:other.plugin/technician'], m, 'plugin:technician')).toBe(
      false,
    );
    // The manifest's own spelling in a membership grants nothing: it names no plugin.
    expect(holdsRole(['resident', 'plugin:technician'], m, 'plugin:technician')).toBe(false);
    // An undeclared role cannot be granted.
    expect(holdsRole([pluginRoleGrant('acme.repairs', 'ghost')], m, 'plugin:ghost')).toBe(false);
  });

  it('ignores roles that are not platform roles', () => {
    expect([...effectiveRoles(['superuser', 'public'], m)]).toEqual(['public']);
  });

  it('names the membership roles that hold a role, for reaching them', () => {
    expect(membershipRolesHolding(m, 'plugin:technician')).toEqual([
      'staff',
      'plugin:acme.repairs/technician',
    ]);
    expect(membershipRolesHolding(m, 'resident')).toEqual(['resident']);
    expect(membershipRolesHolding(m, 'plugin:ghost')).toEqual([]);
  });

  it('knows the least a holder of a role holds', () => {
    expect([...rolesOfHolder('plugin:technician', m)].sort()).toEqual([
      'plugin:technician',
      'public',
    ]);
    expect(rolesOfHolder('resident', m).has('plugin:helper')).toBe(true);
    expect([...rolesOfHolder('public', m)]).toEqual(['public']);
  });
});

describe('views and queries', () => {
  const m = manifest();
  const view = (id: string) => m.views.find((v) => v.id === id)!;

  it('opens a view to its roles, else to its surface default', () => {
    expect(viewRoles(view('queue'))).toEqual(['plugin:technician', 'operator']);
    expect(viewRoles(view('mine'))).toEqual(['resident']);
    expect(viewRoles({ surface: 'staff' })).toEqual(['staff', 'operator']);
    expect(viewRoles({ surface: 'public' })).toEqual(['public']);
    expect(mayOpenView(effectiveRoles(['staff'], m), view('queue'))).toBe(true);
    expect(mayOpenView(effectiveRoles(['staff'], m), view('mine'))).toBe(false);
    expect(mayOpenView(effectiveRoles(null, m), { surface: 'resident', roles: ['public'] })).toBe(
      true,
    );
  });

  it('runs a query only with its roles and a read rule of its collection', () => {
    expect(mayRunQuery(effectiveRoles(['staff'], m), m, 'queue')).toBe(true);
    expect(mayRunQuery(effectiveRoles(['resident'], m), m, 'queue')).toBe(false);
    // No query roles: the collection's read rules decide.
    expect(mayRunQuery(effectiveRoles(['resident'], m), m, 'open')).toBe(true);
    expect(mayRunQuery(effectiveRoles(null, m), m, 'open')).toBe(false);
    expect(mayRunQuery(effectiveRoles(['resident'], m), m, 'nope')).toBe(false);
    expect(mayRunQuery(effectiveRoles(['resident'], m), m, 'constructor')).toBe(false);
    // Capacity queries return no records: the query's roles alone decide.
    m.queries.free = { collection: 'tickets', kind: 'capacity', capacity: 'x' };
    expect(mayRunQuery(effectiveRoles(null, m), m, 'free')).toBe(true);
  });

  it('lists the queries a view names, with their pointers', () => {
    expect(viewQueries(view('home-card'))).toEqual([
      { query: 'open', pointer: '/root/children/0/props/query' },
    ]);
    expect(viewQueries(view('queue'))).toEqual([{ query: 'queue', pointer: '/root/props/query' }]);
  });

  it('keeps its list of query props equal to the catalog', () => {
    const fromCatalog = Object.fromEntries(
      Object.values(primitiveCatalog)
        .filter((s) => s.queryProps?.length)
        .map((s) => [s.type, s.queryProps]),
    );
    expect(QUERY_PROPS).toEqual(fromCatalog);
  });
});

describe('personal fields', () => {
  const schema = {
    type: 'object',
    $defs: { person: { type: 'object', properties: { phone: { 'x-pii': 'phone' } } } },
    properties: {
      name: { type: 'string', 'x-pii': 'name' },
      contacts: { type: 'array', items: { $ref: '#/$defs/person' } },
      note: { type: 'string' },
    },
  };

  it('are found through objects, arrays and local refs', () => {
    expect(personalFields(schema)).toEqual([
      { path: ['name'], kind: 'name' },
      { path: ['contacts', '*', 'phone'], kind: 'phone' },
    ]);
  });

  it('are covered by their own name or a field above them', () => {
    expect(coversField('name', ['name'])).toBe(true);
    expect(coversField('contacts', ['contacts', '*', 'phone'])).toBe(true);
    expect(coversField('contacts.phone', ['contacts', '*', 'phone'])).toBe(true);
    expect(coversField('contacts.phone.x', ['contacts', '*', 'phone'])).toBe(false);
    expect(coversField('nam', ['name'])).toBe(false);
    expect(coversField('note', ['name'])).toBe(false);
  });
});
