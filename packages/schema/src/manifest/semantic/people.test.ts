import { describe, expect, it } from 'vitest';
import { peopleExampleManifest } from '../parts/people-example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const base = (): Loose => structuredClone(peopleExampleManifest());
const visits = (m: Loose) => m.collections.visits;
const waitlist = (m: Loose) => visits(m).capacity[0].waitlist;
const assignT = (m: Loose) => visits(m).workflow.transitions[0];
const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

describe('waitlists, households, eligibility and assignment in a manifest', () => {
  it('accepts the worked example with every part', () => {
    const r = validateManifest(peopleExampleManifest());
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a waiting state the workflow does not declare',
      (m) => (waitlist(m).state = 'queued'),
      '/collections/visits/capacity/0/waitlist/state',
      'workflow.state',
    ],
    [
      'waiting in the initial state',
      (m) => (waitlist(m).state = 'booked'),
      '/collections/visits/capacity/0/waitlist/state',
      'waitlist.states',
    ],
    [
      'promoted into a terminal state',
      (m) => (waitlist(m).promoteTo = 'done'),
      '/collections/visits/capacity/0/waitlist/promoteTo',
      'waitlist.states',
    ],
    [
      'a waitlist without a workflow',
      (m) => {
        delete visits(m).workflow;
        delete visits(m).schema.properties.status;
        visits(m).schema.required = ['date', 'slot', 'service'];
        for (const a of ['cancel', 'assign', 'finish']) delete m.actions[a];
      },
      '/collections/visits/capacity/0/waitlist',
      'waitlist.workflow',
    ],
    [
      'two waitlists on one collection',
      (m) => visits(m).capacity.push({ ...structuredClone(visits(m).capacity[0]), id: 'again' }),
      '/collections/visits/capacity/1/waitlist',
      'waitlist.one',
    ],
    [
      'an eligibility rule over a record field',
      (m) => (m.actions.request.eligible = { field: 'slot', op: 'eq', value: 'morning' }),
      '/actions/request/eligible/field',
      'eligible.field',
    ],
    [
      'an eligibility rule without its message',
      (m) => delete m.actions.request.eligibleMessage,
      '/actions/request/eligible',
      'eligible.message',
    ],
    [
      'acting for someone in a redeem',
      (m) => {
        m.actions.request = {
          type: 'redeem',
          collection: 'visits',
          label: m.actions.request.label,
          roles: ['resident'],
          catalog: { bind: 'config.slots' },
          onBehalf: true,
        };
      },
      '/actions/request/onBehalf',
      'onBehalf.redeem',
    ],
    [
      'assigning into the workflow field',
      (m) => (assignT(m).assign.field = 'status'),
      '/collections/visits/workflow/transitions/0/assign/field',
      'assign.field',
    ],
    [
      'assigning to an undeclared role',
      (m) => (assignT(m).assign.role = 'plugin:nurse'),
      '/collections/visits/workflow/transitions/0/assign/role/0',
      'roles.unknown',
    ],
    [
      'assigning to anonymous visitors',
      (m) => (assignT(m).assign.role = 'public'),
      '/collections/visits/workflow/transitions/0/assign/role/0',
      'roles.publicWrite',
    ],
    [
      'an assigning action without the assignee in its input',
      (m) => delete m.actions.assign.input,
      '/actions/assign/input',
      'assign.input',
    ],
    [
      'family of a field the collection lacks',
      (m) => (m.actions.request.notify[1].to = { familyOf: 'elderId' }),
      '/actions/request/notify/1/to/familyOf',
      'ref.field',
    ],
    [
      'user.actsFor compared with eq',
      (m) => (m.queries.mine.where.op = 'eq'),
      '/queries/mine/where/op',
      'filter.actsFor',
    ],
    [
      'a var that does not exist',
      (m) => (m.queries.mine.where.value = { var: 'member.birthday' }),
      '/queries/mine/where/value/var',
      'schema.pattern',
    ],
  ])('refuses %s', (_name, mutate, pointer, code) => {
    const m = base();
    mutate(m);
    expect(validateManifest(m).ok).toBe(false);
    expect(found(m)).toContainEqual([pointer, code]);
  });

  it('counts a waiting state as reachable and promotion as its way out', () => {
    const m = base();
    // Without the waitlist, nothing enters `waitlisted`.
    delete visits(m).capacity[0].waitlist;
    expect(found(m)).toContainEqual([
      '/collections/visits/workflow/states/1',
      'workflow.unreachable',
    ]);
    expect(found(base()).map(([, code]) => code)).not.toContain('workflow.unreachable');
  });
});
