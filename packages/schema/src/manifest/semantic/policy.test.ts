// The checks of issue 13: privacy declarations, queries around personal data, and what roles can
// do (a plugin role every resident holds; views whose openers cannot run their queries).
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../errors/issue';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- these manifests are meant to be wrong
type Loose = any;
const base = (): Loose => structuredClone(exampleManifest());
const issuesOf = (m: Loose): Issue[] => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings];
};
const found = (m: Loose, code: string) =>
  issuesOf(m)
    .filter((i) => i.code === code)
    .map((i) => `${i.severity} ${i.pointer}`);

describe('privacy declarations', () => {
  it('accepts the example (technician sees the phone, operators may unmask)', () => {
    expect(issuesOf(base())).toEqual([]);
  });

  it('warns when personal fields have no declaration', () => {
    const m = base();
    delete m.collections.tickets.privacy;
    expect(found(m, 'privacy.missing')).toEqual(['warning /collections/tickets']);
  });

  it('refuses a clear field that is not personal, and names the personal ones', () => {
    const m = base();
    m.collections.tickets.privacy.clear[0].fields = ['title'];
    const [problem] = issuesOf(m).filter((i) => i.code === 'privacy.field');
    expect(problem?.pointer).toBe('/collections/tickets/privacy/clear/0/fields/0');
    expect(problem?.message.en).toContain('Personal fields: phone');
  });

  it('refuses public and unknown roles, and unknown fields in where', () => {
    const m = base();
    m.collections.tickets.privacy.clear[0].roles = ['public'];
    m.collections.tickets.privacy.unmask = ['plugin:ghost'];
    m.collections.tickets.privacy.clear[0].where = { field: 'nope', op: 'eq', value: 1 };
    expect(found(m, 'privacy.public')).toEqual([
      'error /collections/tickets/privacy/clear/0/roles/0',
    ]);
    expect(found(m, 'roles.unknown')).toEqual(['error /collections/tickets/privacy/unmask/0']);
    expect(found(m, 'ref.field')).toEqual([
      'error /collections/tickets/privacy/clear/0/where/field',
    ]);
  });

  it('takes a person field as whom a record is about, and refuses any other field', () => {
    const m = base();
    m.collections.tickets.schema.properties.residentId = {
      type: 'string',
      maxLength: 64,
      'x-ref': 'user',
    };
    m.collections.tickets.privacy.subject = 'residentId';
    expect(found(m, 'privacy.subject')).toEqual([]);
    m.collections.tickets.privacy.subject = 'title';
    expect(found(m, 'privacy.subject')).toEqual(['error /collections/tickets/privacy/subject']);
  });

  it('warns about a clear rule for a role that cannot read the collection', () => {
    const m = base();
    m.collections.tickets.privacy.clear[0].roles = ['admin'];
    expect(found(m, 'privacy.unreadable')).toEqual([
      'warning /collections/tickets/privacy/clear/0/roles/0',
    ]);
  });

  it('refuses grouping by a personal field and warns about filtering on one', () => {
    const m = base();
    m.queries.byPhone = { collection: 'tickets', kind: 'group', groupBy: 'phone' };
    m.queries.queue.filterable.phone = ['eq'];
    expect(found(m, 'query.groupByPii')).toEqual(['error /queries/byPhone/groupBy']);
    expect(found(m, 'query.filterPii')).toEqual(['warning /queries/queue/filterable/phone']);
  });
});

describe('role policy', () => {
  it('warns when a role every resident holds pays points or changes others’ records', () => {
    const m = base();
    m.roles[0].grantedTo = ['staff', 'resident'];
    m.actions.accept.points = { amount: 5, to: 'actor', reason: m.actions.rate.points.reason };
    expect(found(m, 'roles.residentPays')).toEqual(['warning /actions/accept/roles/0']);
    expect(found(m, 'roles.residentChangesOthers')).toEqual([
      'warning /actions/accept/roles/0',
      'warning /actions/finish/roles/0',
    ]);
  });

  it('accepts such a role when its transition is limited to the caller’s own records', () => {
    const m = base();
    m.roles[0].grantedTo = ['resident'];
    for (const t of m.collections.tickets.workflow.transitions)
      t.where = {
        all: [
          { field: 'status', op: 'ne', value: 'x' },
          { field: 'createdBy', op: 'eq', value: { var: 'user.id' } },
        ],
      };
    expect(found(m, 'roles.residentChangesOthers')).toEqual([]);
  });

  it('warns when a role that opens a view cannot run its queries', () => {
    const m = base();
    m.views[2].roles = ['plugin:technician', 'operator', 'resident'];
    expect(found(m, 'view.queryRoles')).toEqual(['warning /views/2/root/props/query']);
    const [w] = issuesOf(m).filter((i) => i.code === 'view.queryRoles');
    expect(w?.message.en).toContain('(resident)');
  });

  it('checks public views against public, signed-in or not', () => {
    const m = base();
    m.views.push({
      id: 'board',
      surface: 'public',
      slot: 'block',
      root: {
        type: 'stat',
        props: { query: 'open', label: m.views[0].root.children[0].props.label },
      },
    });
    m.collections.tickets.access.read.push({
      roles: ['public'],
      where: { field: 'status', op: 'eq', value: 'done' },
    });
    expect(found(m, 'view.queryRoles')).toEqual([]);
    m.queries.open.roles = ['resident'];
    expect(found(m, 'view.queryRoles')).toEqual(['warning /views/3/root/props/query']);
  });
});
