import { describe, expect, it } from 'vitest';
import { peopleExampleManifest } from '../parts/people-example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;

/** The worked example with its services as a config catalogue (price, subsidy, places each). */
function catalogued(): Loose {
  const m: Loose = structuredClone(peopleExampleManifest());
  m.config.properties.services = {
    type: 'array',
    maxItems: 20,
    items: {
      type: 'object',
      properties: {
        id: { type: 'string', maxLength: 20 },
        label: { type: 'string', maxLength: 20 },
        subsidy: { type: 'number', minimum: 0, maximum: 1000 },
        perSlot: { type: 'integer', minimum: 0, maximum: 50 },
      },
      required: ['id', 'label', 'subsidy', 'perSlot'],
    },
    default: [{ id: 'cleaning', label: '打扫卫生', subsidy: 30, perSlot: 2 }],
  };
  const options = { bind: 'config.services', value: 'id', label: 'label' };
  const service = { type: 'string', maxLength: 20, 'x-options': options };
  const visits = m.collections.visits;
  visits.schema.properties.service = service;
  visits.schema.properties.subsidy = { type: 'number', minimum: 0, maximum: 1000 };
  visits.capacity[0].key = ['date', 'slot', 'service'];
  visits.capacity[0].limit = { bind: 'config.services', by: 'service', value: 'perSlot' };
  m.actions.request.input.properties.service = service;
  m.actions.request.copy = { subsidy: 'service.subsidy' };
  return m;
}
const found = (m: unknown) => {
  const r = validateManifest(m);
  return [...r.errors, ...r.warnings].map((i) => [i.pointer, i.code]);
};

describe('values from a config catalogue: create `copy` and a capacity limit per entry', () => {
  it('accepts a subsidy copied from the chosen service and places per service', () => {
    expect(found(catalogued())).toEqual([]);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a copy from a field without x-options',
      (m) => (m.actions.request.copy = { subsidy: 'slot.subsidy' }),
      '/actions/request/copy/subsidy',
      'create.copy',
    ],
    [
      'a copy of a key the catalogue entries lack',
      (m) => (m.actions.request.copy = { subsidy: 'service.price' }),
      '/actions/request/copy/subsidy',
      'create.copy',
    ],
    [
      'a copy into a field the collection lacks',
      (m) => (m.actions.request.copy = { discount: 'service.subsidy' }),
      '/actions/request/copy/discount',
      'ref.field',
    ],
    [
      'a limit read from a key that is not an integer',
      (m) => (m.collections.visits.capacity[0].limit.value = 'label'),
      '/collections/visits/capacity/0/limit/value',
      'ref.bindingType',
    ],
    [
      'a limit per entry bound to something that is not a catalogue',
      (m) => (m.collections.visits.capacity[0].limit.bind = 'config.perSlot'),
      '/collections/visits/capacity/0/limit/value',
      'ref.bindingType',
    ],
  ])('reports %s', (_name, breakIt, pointer, code) => {
    const m = catalogued();
    breakIt(m);
    expect(found(m)).toContainEqual([pointer, code]);
  });

  it('refuses a copy source that is not <field>.<key>', () => {
    const m = catalogued();
    m.actions.request.copy = { subsidy: 'subsidy' };
    expect(validateManifest(m).ok).toBe(false);
  });
});

describe('a transition whose input must equal a field of the record (`match`)', () => {
  /** The example's caregiver finishes by typing the visit's code the elder shows. */
  function matched(): Loose {
    const m: Loose = structuredClone(peopleExampleManifest());
    m.collections.visits.schema.properties.code = { type: 'string', maxLength: 6 };
    m.actions.finish.input = {
      type: 'object',
      properties: { code: { type: 'string', maxLength: 6 } },
      required: ['code'],
    };
    m.actions.finish.match = { code: 'code' };
    m.actions.finish.matchMessage = { 'zh-CN': '服务码不对。', en: 'Wrong code.' };
    return m;
  }

  it('accepts a required input field matched to a record field', () => {
    expect(found(matched())).toEqual([]);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a field the input does not require',
      (m) => (m.actions.finish.input.required = []),
      '/actions/finish/match/code',
      'transition.match',
    ],
    [
      'a record field the collection lacks',
      (m) => (m.actions.finish.match = { code: 'secret' }),
      '/actions/finish/match/code',
      'ref.field',
    ],
    [
      'a message without a match',
      (m) => delete m.actions.finish.match,
      '/actions/finish/matchMessage',
      'transition.match',
    ],
  ])('reports %s', (_name, breakIt, pointer, code) => {
    const m = matched();
    breakIt(m);
    expect(found(m)).toContainEqual([pointer, code]);
  });
});

describe('a transition that finds its record by a code (`findBy`)', () => {
  /** The example's caregiver finishes the visit whose code the elder shows, today's only. */
  function coded(): Loose {
    const m: Loose = structuredClone(peopleExampleManifest());
    m.manifestVersion = 2;
    m.collections.visits.schema.properties.code = { type: 'string', maxLength: 6 };
    m.actions.request.set = { ...m.actions.request.set, code: { var: 'code' } };
    m.actions.finish.input = {
      type: 'object',
      properties: { code: { type: 'string', maxLength: 6 } },
      required: ['code'],
    };
    m.actions.finish.findBy = {
      field: 'code',
      input: 'code',
      within: { field: 'date', op: 'eq', value: { var: 'today' } },
      notFoundMessage: { 'zh-CN': '没有这个服务码。', en: 'No such code.' },
      withinMessage: { 'zh-CN': '不是今天的服务。', en: 'Not today’s visit.' },
    };
    return m;
  }

  it('accepts a code the create fills, typed into a required input, within today', () => {
    expect(found(coded())).toEqual([]);
  });

  it.each<[string, (m: Loose) => void, string, string]>([
    [
      'a field no create fills with a code',
      (m) => delete m.actions.request.set.code,
      '/actions/finish/findBy/field',
      'transition.findBy',
    ],
    [
      'a field the collection lacks',
      (m) => (m.actions.finish.findBy.field = 'secret'),
      '/actions/finish/findBy/field',
      'transition.findBy',
    ],
    [
      'an input field that is not required',
      (m) => (m.actions.finish.input.required = []),
      '/actions/finish/findBy/input',
      'transition.findBy',
    ],
    [
      'an input field that is not declared',
      (m) => (m.actions.finish.findBy.input = 'pin'),
      '/actions/finish/findBy/input',
      'transition.findBy',
    ],
    [
      'a within filter over a field the collection lacks',
      (m) => (m.actions.finish.findBy.within.field = 'day'),
      '/actions/finish/findBy/within/field',
      'ref.field',
    ],
    [
      'a version-1 manifest',
      (m) => (m.manifestVersion = 1),
      '/actions/finish/findBy',
      'version.part',
    ],
  ])('reports %s', (_name, breakIt, pointer, code) => {
    const m = coded();
    breakIt(m);
    expect(found(m)).toContainEqual([pointer, code]);
  });

  it('refuses a findBy without its input (meta-schema)', () => {
    const m = coded();
    delete m.actions.finish.findBy.input;
    expect(validateManifest(m).ok).toBe(false);
  });
});
