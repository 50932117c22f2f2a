import { describe, expect, it } from 'vitest';
import { exampleManifest } from '../example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The example with a number on each ticket, a form that lands on the new ticket and its page. */
function withJourney(): Loose {
  const m: Loose = structuredClone(exampleManifest());
  m.collections.tickets.schema.properties.no = { type: 'integer', minimum: 1, maximum: 99999999 };
  m.actions.report.set = { ...(m.actions.report.set ?? {}), no: { var: 'seq' } };
  m.views.push({
    id: 'ticket',
    surface: 'resident',
    slot: 'page',
    route: 'repairs/ticket',
    title: t('报修详情', 'Repair'),
    root: {
      type: 'detail',
      props: { query: 'mine', id: { bind: 'route.id' } },
      children: [
        {
          type: 'steps',
          props: {
            workflow: 'tickets',
            number: { bind: 'item.no' },
            label: t('报修', 'Repair'),
            path: ['submitted', 'accepted', 'done'],
            next: [{ state: 'submitted', text: t('物业会尽快受理。', 'Staff will pick it up.') }],
          },
        },
      ],
    },
  });
  const form = m.views.find((v: Loose) => v.id === 'mine').root.children[0];
  form.props.navigate = { view: 'ticket', id: { bind: 'item._id' } };
  return m;
}
const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};
const ticketView = (m: Loose) => m.views.find((v: Loose) => v.id === 'ticket');
const steps = (m: Loose) => ticketView(m).root.children[0];

describe('record numbers, landing on the new record, its steps and 我的 lists', () => {
  it('accepts a numbered record, a form that lands on it and its step timeline', () => {
    const r = validateManifest(withJourney());
    expect(r.errors).toEqual([]);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a number in a text field',
      (m) => (m.collections.tickets.schema.properties.no = { type: 'string', maxLength: 8 }),
      '/actions/report/set/no/var',
      'action.seqField',
    ],
    [
      'a number drawn by a transition',
      (m) => (m.actions.accept.set = { no: { var: 'seq' } }),
      '/actions/accept/set/no/var',
      'action.numberOnCreate',
    ],
    [
      'steps of a collection without a workflow',
      (m) => (steps(m).props.workflow = 'nothing'),
      `/views/{v}/root/children/0/props/workflow`,
      'view.stepsWorkflow',
    ],
    [
      'a path through a state the workflow does not have',
      (m) => (steps(m).props.path = ['submitted', 'fixed']),
      `/views/{v}/root/children/0/props/path/1`,
      'view.stepsState',
    ],
    [
      'what happens next in a state the workflow does not have',
      (m) => (steps(m).props.next[0].state = 'waiting'),
      `/views/{v}/root/children/0/props/next/0/state`,
      'view.stepsState',
    ],
    [
      'steps where no record is in scope',
      (m) => (ticketView(m).root = steps(m)),
      `/views/{v}/root`,
      'view.itemScope',
    ],
  ])('refuses %s', (_name, mutate, pointer, code) => {
    const m = withJourney();
    mutate(m);
    const v = m.views.indexOf(ticketView(m));
    expect(found(m)).toContainEqual([pointer.replace('{v}', String(v)), code]);
  });

  it('lets only a form that creates a record bind the record in its navigate', () => {
    const m = withJourney();
    const rating = m.views.find((v: Loose) => v.id === 'mine').root;
    // A form running a transition, outside any record: `item` names nothing there.
    rating.children.push({
      type: 'form',
      props: { action: 'accept', navigate: { view: 'ticket', id: { bind: 'item._id' } } },
    });
    const v = m.views.findIndex((x: Loose) => x.id === 'mine');
    expect(found(m)).toContainEqual([
      `/views/${v}/root/children/2/props/navigate/id/bind`,
      'view.itemScope',
    ]);
    expect(found(withJourney()).map(([, c]) => c)).not.toContain('view.itemScope');
  });

  it('lists a resident page under 我的 with mine, never a staff page or a detail page', () => {
    const m = withJourney();
    m.views.find((v: Loose) => v.id === 'mine').mine = true;
    expect(validateManifest(m).errors).toEqual([]);
    const queue = m.views.findIndex((v: Loose) => v.id === 'queue');
    m.views[queue].mine = true;
    ticketView(m).mine = true;
    expect(found(m)).toEqual(
      expect.arrayContaining([
        [`/views/${queue}/mine`, 'view.mine'],
        [`/views/${m.views.indexOf(ticketView(m))}/mine`, 'view.mine'],
      ]),
    );
  });
});
