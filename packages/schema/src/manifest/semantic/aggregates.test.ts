import { describe, expect, it } from 'vitest';
import { figuresExampleManifest } from '../../aggregate/example';
import { validateManifest } from '../validate';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const base = (): Loose => structuredClone(figuresExampleManifest());

const cases: { name: string; mutate: (m: Loose) => void; pointer: string; code: string }[] = [
  {
    name: 'aggregate without measures',
    mutate: (m) => delete m.queries.byKind.measures,
    pointer: '/queries/byKind',
    code: 'aggregate.measures',
  },
  {
    name: 'aggregate without a range',
    mutate: (m) => delete m.queries.byKind.range,
    pointer: '/queries/byKind',
    code: 'aggregate.range',
  },
  {
    name: 'sum over a text field',
    mutate: (m) => (m.queries.byKind.measures[0].field = 'kind'),
    pointer: '/queries/byKind/measures/0/field',
    code: 'aggregate.measureField',
  },
  {
    name: 'sum without a field',
    mutate: (m) => delete m.queries.byKind.measures[0].field,
    pointer: '/queries/byKind/measures/0',
    code: 'aggregate.measureField',
  },
  {
    name: 'count with a field',
    mutate: (m) => (m.queries.communityHours.measures[1].field = 'hours'),
    pointer: '/queries/communityHours/measures/1/field',
    code: 'aggregate.countField',
  },
  {
    name: 'two measures with one id',
    mutate: (m) => (m.queries.communityHours.measures[1].id = 'hours'),
    pointer: '/queries/communityHours/measures/1/id',
    code: 'aggregate.measureId',
  },
  {
    name: 'a bucket on a number',
    mutate: (m) => (m.queries.communityHours.bucket.field = 'hours'),
    pointer: '/queries/communityHours/bucket/field',
    code: 'aggregate.dateField',
  },
  {
    name: 'an unknown bucket unit',
    mutate: (m) => (m.queries.communityHours.bucket.unit = 'hour'),
    pointer: '/queries/communityHours/bucket/unit',
    code: 'schema.enum',
  },
  {
    name: 'a relative date with a malformed offset',
    mutate: (m) => (m.queries.weekly.range.default.from.offset = '7 weeks'),
    pointer: '/queries/weekly/range/default/from/offset',
    code: 'schema.pattern',
  },
  {
    name: 'community scope without roles',
    mutate: (m) => delete m.queries.byKind.roles,
    pointer: '/queries/byKind/scope',
    code: 'aggregate.communityRoles',
  },
  {
    name: 'community scope with client filters',
    mutate: (m) => (m.queries.byKind.filterable = { kind: ['eq'] }),
    pointer: '/queries/byKind/filterable',
    code: 'aggregate.communityFilter',
  },
  {
    name: 'a community figure grouped by person',
    mutate: (m) => (m.queries.byKind.groupBy = 'createdBy'),
    pointer: '/queries/byKind/groupBy',
    code: 'aggregate.personGroup',
  },
  {
    name: 'grouped by personal data',
    mutate: (m) => {
      m.collections.shifts.schema.properties.kind['x-pii'] = 'other';
      m.collections.shifts.retention = { days: 365 };
      m.permissions = [{ scope: 'pii:read', reason: { 'zh-CN': '理由', en: 'Reason' } }];
    },
    pointer: '/queries/byKind/groupBy',
    code: 'aggregate.piiGroup',
  },
  {
    name: 'personal data summed for what the caller can read',
    mutate: (m) => {
      m.collections.shifts.schema.properties.hours['x-pii'] = 'health';
      m.collections.shifts.retention = { days: 365 };
      m.permissions = [{ scope: 'pii:read', reason: { 'zh-CN': '理由', en: 'Reason' } }];
    },
    pointer: '/queries/myHours/measures/0/field',
    code: 'aggregate.piiMeasure',
  },
  {
    name: 'measures on a list query',
    mutate: (m) => (m.queries.mine.measures = [{ id: 'n', op: 'count' }]),
    pointer: '/queries/mine/measures',
    code: 'query.aggregateOnly',
  },
  {
    name: 'a stat naming an unknown measure',
    mutate: (m) => (m.views[1].root.children[0].props.measure = 'minutes'),
    pointer: '/views/1/root/children/0/props/measure',
    code: 'ref.measure',
  },
  {
    name: 'a trend on a count query',
    mutate: (m) => {
      m.queries.total = { collection: 'shifts', kind: 'count' };
      m.views[1].root.children[0].props.query = 'total';
      delete m.views[1].root.children[0].props.measure;
      delete m.views[1].root.children[0].props.params;
    },
    pointer: '/views/1/root/children/0/props/trend',
    code: 'view.aggregateProp',
  },
  {
    name: 'a chart over a list query',
    mutate: (m) => (m.views[1].root.children[2].props.query = 'mine'),
    pointer: '/views/1/root/children/2/props/query',
    code: 'view.figureQuery',
  },
  {
    name: 'a stat with an unknown trend',
    mutate: (m) => (m.views[1].root.children[0].props.trend = 'lastYear'),
    pointer: '/views/1/root/children/0/props/trend',
    code: 'schema.enum',
  },
  {
    name: 'a metric over a readable aggregate',
    mutate: (m) => (m.metrics[0].query = 'myHours'),
    pointer: '/metrics/0/query',
    code: 'metric.query',
  },
  {
    name: 'a metric over an aggregate without a bucket',
    mutate: (m) => (m.metrics[0].query = 'byKind'),
    pointer: '/metrics/0/query',
    code: 'metric.query',
  },
  {
    name: 'a metric naming an unknown measure',
    mutate: (m) => (m.metrics[0].measure = 'minutes'),
    pointer: '/metrics/0/measure',
    code: 'ref.measure',
  },
  {
    name: 'a metric naming an unknown query',
    mutate: (m) => (m.metrics[0].query = 'nope'),
    pointer: '/metrics/0/query',
    code: 'ref.query',
  },
  {
    name: 'a metric with an unknown chart',
    mutate: (m) => (m.metrics[0].chart = 'radar'),
    pointer: '/metrics/0/chart',
    code: 'schema.enum',
  },
  {
    name: 'two metrics with one id',
    mutate: (m) => m.metrics.push({ ...m.metrics[0] }),
    pointer: '/metrics/1/id',
    code: 'metric.duplicate',
  },
];

describe('aggregates, figures and metrics: what a vendor can get wrong', () => {
  it('the worked example is valid', () => {
    expect(validateManifest(figuresExampleManifest())).toMatchObject({ ok: true, errors: [] });
  });

  it.each(cases)('$name → $code at $pointer', ({ mutate, pointer, code }) => {
    const m = base();
    mutate(m);
    const r = validateManifest(m);
    expect(r.errors.map((e) => [e.pointer, e.code])).toContainEqual([pointer, code]);
  });

  it('minGroupSize without community scope is a warning, not an error', () => {
    const m = base();
    m.queries.myHours.minGroupSize = 3;
    const r = validateManifest(m);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('aggregate.minGroupSize');
  });

  it('a public view may show a community figure whose roles include public', () => {
    const m = base();
    m.queries.byKind.roles = ['public', 'resident'];
    m.views.push({
      id: 'public-figures',
      surface: 'public',
      slot: 'block',
      root: { type: 'chart', props: { query: 'byKind', kind: 'bar' } },
    });
    expect(validateManifest(m).errors).toEqual([]);
    m.views[3].root.props.query = 'myHours';
    expect(validateManifest(m).errors.map((e) => e.code)).toContain('view.publicQuery');
  });
});
