import { describe, expect, it } from 'vitest';
import { validateManifest } from './validate';
import { exampleManifest } from './example';
import type { PluginManifest } from './types';

/** A deep, mutable copy of the valid example (typed loosely: these manifests are meant to be wrong). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- broken fixtures deliberately leave the type
type Loose = any;
const base = (): Loose => structuredClone(exampleManifest());

interface Case {
  name: string;
  mutate: (m: Loose) => void;
  pointer: string;
  code: string;
  previous?: (m: Loose) => void;
}

const cases: Case[] = [
  {
    name: 'unknown filter operator',
    mutate: (m) => (m.queries.open.where.op = '$where'),
    pointer: '/queries/open/where/op',
    code: 'schema.enum',
  },
  {
    name: 'mongo operator as filter key',
    mutate: (m) => (m.queries.open.where = { $where: 'sleep(1)' }),
    pointer: '/queries/open/where/$where',
    code: 'schema.unknownProperty',
  },
  {
    name: 'operator object smuggled as a value',
    mutate: (m) => (m.queries.open.where.value = { $gt: '' }),
    pointer: '/queries/open/where/value/$gt',
    code: 'schema.unknownProperty',
  },
  {
    name: 'field path with $',
    mutate: (m) => (m.queries.open.where.field = '$status'),
    pointer: '/queries/open/where/field',
    code: 'schema.pattern',
  },
  {
    name: 'field path with __proto__',
    mutate: (m) => (m.queries.open.where.field = '__proto__.x'),
    pointer: '/queries/open/where/field',
    code: 'filter.field',
  },
  {
    name: 'in without an array',
    mutate: (m) => (m.queries.open.where = { field: 'status', op: 'in', value: 'done' }),
    pointer: '/queries/open/where/value',
    code: 'filter.value',
  },
  {
    name: 'filter node mixing all and field',
    mutate: (m) => (m.queries.open.where = { all: [], field: 'status', op: 'eq', value: 'x' }),
    pointer: '/queries/open/where/all',
    code: 'schema.minItems',
  },
  {
    name: 'unknown var',
    mutate: (m) => (m.queries.mine.where.value = { var: 'process.env' }),
    pointer: '/queries/mine/where/value/var',
    code: 'schema.pattern',
  },
  {
    name: 'unknown primitive',
    mutate: (m) => (m.views[1].root.children[0].type = 'iframe'),
    pointer: '/views/1/root/children/0/type',
    code: 'view.unknownPrimitive',
  },
  {
    name: 'bad primitive prop',
    mutate: (m) => (m.views[0].root.props.html = '<script>'),
    pointer: '/views/0/root/props/html',
    code: 'schema.unknownProperty',
  },
  {
    name: 'remote $ref',
    mutate: (m) => (m.config.properties.title = { $ref: 'https://evil.example/schema.json' }),
    pointer: '/config/properties/title/$ref',
    code: 'schema.pattern',
  },
  {
    name: '$data is not in the subset',
    mutate: (m) => (m.config.properties.title.maxLength = { $data: '1/x' }),
    pointer: '/config/properties/title/maxLength',
    code: 'schema.type',
  },
  {
    name: 'combinator is not in the subset',
    mutate: (m) => (m.config.properties.title.oneOf = []),
    pointer: '/config/properties/title/oneOf',
    code: 'schema.unknownProperty',
  },
  {
    name: 'unbounded string in a collection',
    mutate: (m) => delete m.collections.tickets.schema.properties.title.maxLength,
    pointer: '/collections/tickets/schema/properties/title',
    code: 'subset.unboundedString',
  },
  {
    name: 'unbounded array in a collection',
    mutate: (m) => delete m.collections.tickets.schema.properties.photos.maxItems,
    pointer: '/collections/tickets/schema/properties/photos',
    code: 'subset.unboundedArray',
  },
  {
    name: 'catastrophic pattern',
    mutate: (m) => (m.collections.tickets.schema.properties.title.pattern = '^(a+)+$'),
    pointer: '/collections/tickets/schema/properties/title/pattern',
    code: 'subset.pattern',
  },
  {
    name: 'PII without retention',
    mutate: (m) => delete m.collections.tickets.retention,
    pointer: '/collections/tickets',
    code: 'pii.retention',
  },
  {
    name: 'public write',
    mutate: (m) => m.actions.report.roles.push('public'),
    pointer: '/actions/report/roles/1',
    code: 'roles.publicWrite',
  },
  {
    name: 'public view running an action',
    mutate: (m) => (m.views[1].surface = 'public'),
    pointer: '/views/1/root/children/0/props/action',
    code: 'view.publicAction',
  },
  {
    name: 'directory naming a query that does not exist',
    mutate: (m) => m.views[0].root.children.push({ type: 'directory', props: { query: 'nope' } }),
    pointer: '/views/0/root/children/1/props/query',
    code: 'ref.query',
  },
  {
    name: 'directory with both records and a config array',
    mutate: (m) =>
      m.views[0].root.children.push({
        type: 'directory',
        props: { query: 'mine', items: { bind: 'config.categories' } },
      }),
    pointer: '/views/0/root/children/1/props',
    code: 'view.exactlyOne',
  },
  {
    name: 'directory binding items outside config',
    mutate: (m) =>
      m.views[0].root.children.push({
        type: 'directory',
        props: { items: { bind: 'user.roles' } },
      }),
    pointer: '/views/0/root/children/1/props/items/bind',
    code: 'view.items',
  },
  {
    name: 'unknown plugin role',
    mutate: (m) => (m.collections.tickets.access.read[1].roles = ['plugin:janitor']),
    pointer: '/collections/tickets/access/read/1/roles/0',
    code: 'roles.unknown',
  },
  {
    name: 'malformed role',
    mutate: (m) => (m.actions.report.roles = ['root']),
    pointer: '/actions/report/roles/0',
    code: 'schema.pattern',
  },
  {
    name: 'bad semver',
    mutate: (m) => (m.version = '1.0'),
    pointer: '/version',
    code: 'semver.version',
  },
  {
    name: 'bad engines range',
    mutate: (m) => (m.engines.platform = '>>1'),
    pointer: '/engines/platform',
    code: 'semver.range',
  },
  {
    name: 'view refers to a missing query',
    mutate: (m) => (m.views[0].root.children[0].props.query = 'nope'),
    pointer: '/views/0/root/children/0/props/query',
    code: 'ref.query',
  },
  {
    name: 'view refers to a missing action',
    mutate: (m) => (m.views[1].root.children[0].props.action = 'nope'),
    pointer: '/views/1/root/children/0/props/action',
    code: 'ref.action',
  },
  {
    name: 'action on a missing collection',
    mutate: (m) => (m.actions.accept.collection = 'orders'),
    pointer: '/actions/accept/collection',
    code: 'ref.collection',
  },
  {
    name: 'unreachable workflow state',
    mutate: (m) => (m.collections.tickets.workflow.transitions[0].to = 'done'),
    pointer: '/collections/tickets/workflow/states/1',
    code: 'workflow.unreachable',
  },
  {
    name: 'transition to an undeclared state',
    mutate: (m) => (m.collections.tickets.workflow.transitions[0].to = 'closed'),
    pointer: '/collections/tickets/workflow/transitions/0/to',
    code: 'workflow.state',
  },
  {
    name: 'input writes the workflow field',
    mutate: (m) => (m.actions.report.input.properties.status = { type: 'string', maxLength: 20 }),
    pointer: '/actions/report/input/properties/status',
    code: 'action.workflowField',
  },
  {
    name: 'filter on an unknown field',
    mutate: (m) => (m.queries.open.where.field = 'colour'),
    pointer: '/queries/open/where/field',
    code: 'ref.field',
  },
  {
    name: 'sort without an index',
    mutate: (m) => (m.queries.queue.sort = [{ field: 'title', dir: 'asc' }]),
    pointer: '/queries/queue/sort/0/field',
    code: 'query.sortIndex',
  },
  {
    name: 'missing permission for points',
    mutate: (m) => (m.permissions = m.permissions.filter((p: Loose) => p.scope !== 'points:award')),
    pointer: '/permissions',
    code: 'permissions.missing',
  },
  {
    name: 'item binding outside a list',
    mutate: (m) => (m.views[0].root.props.title = { bind: 'item.title' }),
    pointer: '/views/0/root/props/title/bind',
    code: 'view.itemScope',
  },
  {
    name: 'binding to a missing config property',
    mutate: (m) => (m.views[0].root.props.title = { bind: 'config.headline' }),
    pointer: '/views/0/root/props/title/bind',
    code: 'ref.config',
  },
  {
    name: 'text that is not bilingual',
    mutate: (m) => (m.name = { 'zh-CN': '报修' }),
    pointer: '/name',
    code: 'schema.required',
  },
  {
    name: 'icon outside the icon set',
    mutate: (m) => (m.icon = 'rocket'),
    pointer: '/icon',
    code: 'schema.enum',
  },
  {
    name: 'unknown action type',
    mutate: (m) => (m.actions.report.type = 'script'),
    pointer: '/actions/report/type',
    code: 'schema.discriminator',
  },
  {
    name: 'system field declared',
    mutate: (m) =>
      (m.collections.tickets.schema.properties.createdBy = { type: 'string', maxLength: 10 }),
    pointer: '/collections/tickets/schema/properties/createdBy',
    code: 'subset.reservedField',
  },
  {
    name: 'per-value capacity bound to a missing config object',
    mutate: (m) =>
      (m.collections.tickets.capacity = [
        { key: ['category'], limit: { bind: 'config.perStatus', by: 'status' } },
      ]),
    pointer: '/collections/tickets/capacity/0/limit/bind',
    code: 'ref.config',
  },
  {
    name: 'item binding in a card navigate (not row-scoped)',
    mutate: (m) => (m.views[0].root.props.navigate = { view: 'mine', id: { bind: 'item._id' } }),
    pointer: '/views/0/root/props/navigate/id/bind',
    code: 'view.itemScope',
  },
  {
    name: 'schemaVersion bump without migration',
    mutate: (m) => {
      m.version = '2.0.0';
      m.collections.tickets.schemaVersion = 2;
    },
    previous: () => {},
    pointer: '/collections/tickets/schemaVersion',
    code: 'migration.missing',
  },
  {
    name: 'breaking change without a major version',
    mutate: (m) => {
      m.version = '1.1.0';
      m.collections.tickets.schema.properties.title.maxLength = 40;
      m.actions.report.input.properties.title.maxLength = 40;
    },
    previous: () => {},
    pointer: '/version',
    code: 'upgrade.bump',
  },
];

describe('broken manifests are rejected at the right pointer', () => {
  it('a directory may read its places from records through a list query', () => {
    const m = base();
    m.views[0].root.children.push({ type: 'directory', props: { query: 'mine', maxMinutes: 15 } });
    const r = validateManifest(m as PluginManifest);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('the baseline example is valid, without warnings', () => {
    const r = validateManifest(exampleManifest());
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each(cases)('$name', ({ mutate, pointer, code, previous }) => {
    const m = base();
    mutate(m);
    let prev: PluginManifest | undefined;
    if (previous) {
      prev = base();
      previous(prev);
    }
    const r = validateManifest(m, { previous: prev });
    expect(r.ok).toBe(false);
    const found = r.errors.find((e) => e.pointer === pointer && e.code === code);
    expect(found, JSON.stringify(r.errors.map((e) => [e.pointer, e.code]))).toBeDefined();
    expect(found!.message['zh-CN'].length).toBeGreaterThan(0);
    expect(found!.message.en.length).toBeGreaterThan(0);
    expect(found!.message.en).not.toMatch(/must NOT|must match pattern "/); // never ajv's raw wording
  });

  it('errors are sorted and deduplicated', () => {
    const m = base();
    m.icon = 'rocket';
    m.scene = 'space';
    m.actions.report.roles = ['root', 'root2'];
    const r = validateManifest(m);
    const keys = r.errors.map((e) => `${e.pointer}|${e.code}|${e.message.en}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.errors.map((e) => e.pointer)).toEqual([
      '/actions/report/roles/0',
      '/actions/report/roles/1',
      '/icon',
      '/scene',
    ]);
    expect(validateManifest(m)).toEqual(r);
  });

  it('enum errors say what is allowed, in both languages', () => {
    const m = base();
    m.scene = 'space';
    const [e] = validateManifest(m).errors;
    expect(e!.message.en).toContain('"governance"');
    expect(e!.message['zh-CN']).toContain('允许');
  });
});
