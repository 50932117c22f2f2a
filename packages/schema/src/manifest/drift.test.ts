// The TypeScript types and the JSON Schemas describe the same documents. These key lists are
// checked both ways: by the compiler (`satisfies Record<keyof T, true>` rejects missing and extra
// keys) and at run time (they must equal the schema's `properties`).
import { describe, expect, it } from 'vitest';
import type { Block, Page, Portal, Tab, Theme } from '../portal/types';
import { portalSchema } from '../portal/schema';
import type { VendorSchema } from '../subset/types';
import { exampleManifest } from './example';
import { manifestMetaSchema } from './meta-schema';
import type {
  AccessRule,
  Assign,
  CapacityRule,
  CollectionDef,
  CounterDef,
  CreateAction,
  DeleteAction,
  Deadline,
  IndexDef,
  Migration,
  Notify,
  PluginManifest,
  PluginRole,
  PointsAward,
  QueryDef,
  RedeemAction,
  Transition,
  TransitionAction,
  UpdateAction,
  ViewDef,
  ViewNode,
  Waitlist,
  Workflow,
  WorkflowState,
} from './types';
import { validateManifest } from './validate';
import type { AggregateBucket, AggregateMeasure, AggregateRange } from './parts/aggregates';
import type { MetricDef } from './parts/metrics';
import type { GuardDef } from './parts/guard';
import type { HoursDef } from './parts/hours';

const keys =
  <T>() =>
  <K extends Record<keyof T, true>>(k: K & Record<Exclude<keyof K, keyof T>, never>) =>
    Object.keys(k).sort();
type Props = { properties: Record<string, unknown> };
const defs = manifestMetaSchema.$defs as unknown as Record<string, Props & { oneOf?: Props[] }>;
const schemaKeys = (s: unknown) => Object.keys((s as Props).properties).sort();
const pdefs = portalSchema.$defs as unknown as Record<string, { oneOf: Props[] }>;
const pprops = portalSchema.properties as unknown as Record<string, Props & { items: Props }>;

const base = {
  type: true,
  collection: true,
  label: true,
  roles: true,
  input: true,
  points: true,
  notify: true,
  confirm: true,
  deadline: true,
  onBehalf: true,
  eligible: true,
  eligibleMessage: true,
} as const;

describe('types and schemas cannot drift', () => {
  it.each([
    [
      'PluginManifest',
      keys<PluginManifest>()({
        manifestVersion: true,
        id: true,
        version: true,
        engines: true,
        vendor: true,
        name: true,
        description: true,
        scene: true,
        tier: true,
        icon: true,
        permissions: true,
        roles: true,
        config: true,
        presets: true,
        collections: true,
        actions: true,
        queries: true,
        views: true,
        migrations: true,
        metrics: true,
        lifecycle: true,
        changelog: true,
        schedules: true,
      }),
      schemaKeys(manifestMetaSchema),
    ],
    [
      'PluginRole',
      keys<PluginRole>()({ id: true, name: true, grantedTo: true }),
      schemaKeys((manifestMetaSchema.properties.roles as unknown as { items: Props }).items),
    ],
    [
      'CollectionDef',
      keys<CollectionDef>()({
        schemaVersion: true,
        schema: true,
        indexes: true,
        access: true,
        workflow: true,
        retention: true,
        capacity: true,
        counters: true,
        privacy: true,
      }),
      schemaKeys(defs.collection),
    ],
    [
      'IndexDef',
      keys<IndexDef>()({ fields: true, unique: true }),
      schemaKeys((defs.collection!.properties.indexes as { items: Props }).items),
    ],
    [
      'CapacityRule',
      keys<CapacityRule>()({
        id: true,
        key: true,
        limit: true,
        where: true,
        message: true,
        waitlist: true,
        overflow: true,
        weight: true,
      }),
      schemaKeys((defs.collection!.properties.capacity as { items: Props }).items),
    ],
    [
      'CounterDef',
      keys<CounterDef>()({ source: true, by: true, where: true }),
      schemaKeys(
        (defs.collection!.properties.counters as { additionalProperties: Props })
          .additionalProperties,
      ),
    ],
    ['AccessRule', keys<AccessRule>()({ roles: true, where: true }), schemaKeys(defs.accessRule)],
    [
      'Workflow',
      keys<Workflow>()({ field: true, initial: true, states: true, transitions: true }),
      schemaKeys(defs.workflow),
    ],
    [
      'WorkflowState',
      keys<WorkflowState>()({ id: true, label: true, tone: true, terminal: true }),
      schemaKeys((defs.workflow!.properties.states as { items: Props }).items),
    ],
    [
      'Transition',
      keys<Transition>()({
        id: true,
        from: true,
        to: true,
        roles: true,
        label: true,
        where: true,
        auto: true,
        notify: true,
        assign: true,
      }),
      schemaKeys((defs.workflow!.properties.transitions as { items: Props }).items),
    ],
    [
      'Waitlist',
      keys<Waitlist>()({ state: true, promoteTo: true, notify: true }),
      schemaKeys(defs.waitlist),
    ],
    [
      'Assign',
      keys<Assign>()({ field: true, role: true }),
      schemaKeys(
        (defs.workflow!.properties.transitions as { items: Props }).items.properties.assign,
      ),
    ],
    [
      'PointsAward',
      keys<PointsAward>()({ amount: true, rate: true, to: true, reason: true }),
      schemaKeys(defs.pointsAward),
    ],
    [
      'Notify',
      keys<Notify>()({ to: true, title: true, body: true, view: true, when: true }),
      schemaKeys(defs.notify),
    ],
    [
      'Deadline',
      keys<Deadline>()({ date: true, time: true, offsetDays: true, message: true }),
      schemaKeys(defs.action!.oneOf![0]!.properties.deadline),
    ],
    [
      'CreateAction',
      keys<CreateAction>()({
        ...base,
        set: true,
        duplicateMessage: true,
        parent: true,
        repeat: true,
        once: true,
        fieldsFrom: true,
        opens: true,
        copy: true,
        hours: true,
        offered: true,
        guard: true,
      }),
      schemaKeys(defs.action!.oneOf![0]),
    ],
    [
      'GuardDef',
      keys<GuardDef>()({
        id: true,
        collection: true,
        where: true,
        date: true,
        atLeast: true,
        withinDays: true,
        pauseDays: true,
        message: true,
        notify: true,
        lift: true,
      }),
      schemaKeys(defs.action!.oneOf![0]!.properties.guard),
    ],
    [
      'HoursDef',
      keys<HoursDef>()({
        entry: true,
        opens: true,
        closes: true,
        minutes: true,
        closedOn: true,
        date: true,
        start: true,
        end: true,
        startsAt: true,
        endsAt: true,
        week: true,
        message: true,
      }),
      schemaKeys(defs.action!.oneOf![0]!.properties.hours),
    ],
    [
      'UpdateAction',
      keys<UpdateAction>()({ ...base, where: true, set: true }),
      schemaKeys(defs.action!.oneOf![1]),
    ],
    [
      'TransitionAction',
      keys<TransitionAction>()({
        ...base,
        transition: true,
        set: true,
        match: true,
        matchMessage: true,
        findBy: true,
      }),
      schemaKeys(defs.action!.oneOf![2]),
    ],
    [
      'DeleteAction',
      keys<DeleteAction>()({ ...base, where: true }),
      schemaKeys(defs.action!.oneOf![3]),
    ],
    [
      'RedeemAction',
      keys<RedeemAction>()({ ...base, catalog: true, releaseWhen: true, copy: true, set: true }),
      schemaKeys(defs.action!.oneOf![4]),
    ],
    [
      'QueryDef',
      keys<QueryDef>()({
        collection: true,
        kind: true,
        where: true,
        roles: true,
        filterable: true,
        sort: true,
        groupBy: true,
        capacity: true,
        pageSize: true,
        fields: true,
        hidePeople: true,
        measures: true,
        bucket: true,
        range: true,
        scope: true,
        minGroupSize: true,
        subject: true,
        rank: true,
      }),
      schemaKeys(defs.query),
    ],
    [
      'AggregateMeasure',
      keys<AggregateMeasure>()({
        id: true,
        op: true,
        field: true,
        since: true,
        where: true,
        unit: true,
        label: true,
      }),
      schemaKeys((defs.query!.properties.measures as { items: Props }).items),
    ],
    [
      'AggregateBucket',
      keys<AggregateBucket>()({ field: true, unit: true }),
      schemaKeys(defs.query!.properties.bucket),
    ],
    [
      'AggregateRange',
      keys<AggregateRange>()({ field: true, default: true, maxDays: true }),
      schemaKeys(defs.query!.properties.range),
    ],
    [
      'MetricDef',
      keys<MetricDef>()({
        id: true,
        label: true,
        query: true,
        measure: true,
        unit: true,
        chart: true,
        better: true,
        scene: true,
      }),
      schemaKeys((manifestMetaSchema.properties.metrics as unknown as { items: Props }).items),
    ],
    [
      'ViewDef',
      keys<ViewDef>()({
        id: true,
        surface: true,
        slot: true,
        route: true,
        roles: true,
        title: true,
        root: true,
        mine: true,
        waiting: true,
      }),
      schemaKeys(defs.view),
    ],
    [
      'ViewNode',
      keys<ViewNode>()({ type: true, props: true, children: true, when: true }),
      schemaKeys(defs.viewNode),
    ],
    [
      'Migration',
      keys<Migration>()({ collection: true, from: true, to: true, steps: true }),
      schemaKeys(defs.migration),
    ],
    [
      'VendorSchema',
      keys<VendorSchema>()({
        type: true,
        title: true,
        description: true,
        default: true,
        const: true,
        enum: true,
        minLength: true,
        maxLength: true,
        pattern: true,
        format: true,
        minimum: true,
        maximum: true,
        exclusiveMinimum: true,
        exclusiveMaximum: true,
        multipleOf: true,
        items: true,
        minItems: true,
        maxItems: true,
        uniqueItems: true,
        properties: true,
        required: true,
        additionalProperties: true,
        $ref: true,
        $defs: true,
        'x-widget': true,
        'x-group': true,
        'x-groups': true,
        'x-order': true,
        'x-pii': true,
        'x-ref': true,
        'x-visibleIf': true,
        'x-labels': true,
        'x-placeholder': true,
        'x-notPast': true,
        'x-options': true,
        'x-icon': true,
      }),
      schemaKeys(defs.vendorSchema),
    ],
    [
      'Portal',
      keys<Portal>()({ portalVersion: true, theme: true, tabs: true, pages: true }),
      schemaKeys(portalSchema),
    ],
    [
      'Theme',
      keys<Theme>()({
        primaryColor: true,
        accentColor: true,
        logo: true,
        fontScale: true,
        culture: true,
      }),
      schemaKeys(pprops.theme),
    ],
    [
      'Tab',
      keys<Tab>()({ id: true, title: true, icon: true, page: true }),
      schemaKeys(pprops.tabs!.items),
    ],
    [
      'Page',
      keys<Page>()({ id: true, title: true, public: true, blocks: true }),
      schemaKeys(pprops.pages!.items),
    ],
    [
      'PluginBlock',
      keys<Extract<Block, { kind: 'plugin' }>>()({
        id: true,
        kind: true,
        plugin: true,
        view: true,
        config: true,
      }),
      schemaKeys(pdefs.block!.oneOf[0]),
    ],
    [
      'PrimitiveBlock',
      keys<Extract<Block, { kind: 'primitive' }>>()({
        id: true,
        kind: true,
        type: true,
        props: true,
        children: true,
      }),
      schemaKeys(pdefs.block!.oneOf[1]),
    ],
  ])('%s', (_name, typed, schema) => {
    expect(typed).toEqual(schema);
  });

  it('a typed manifest using the optional parts is accepted by the schema', () => {
    const m = exampleManifest() satisfies PluginManifest;
    const full: PluginManifest = {
      ...m,
      vendor: { ...m.vendor, url: 'https://acme.example', email: 'dev@acme.example' },
      collections: {
        ...m.collections,
        tickets: {
          ...m.collections.tickets!,
          capacity: [
            {
              id: 'perDay',
              key: ['category'],
              limit: 10,
              where: { field: 'status', op: 'ne', value: 'done' },
              message: { 'zh-CN': '已满', en: 'Full' },
            },
          ],
          counters: { reopened: { source: 'tickets', by: 'category' } },
        },
      },
      migrations: [],
    };
    const r = validateManifest(full);
    expect(r.errors).toEqual([]);
  });
});
