// The manifest meta-schema (JSON Schema 2020-12). Strict: every object is closed, every string
// and array bounded. Cross-references are checked afterwards by the semantic pass.
import { TIME_ANCHORS } from '../time/relative';
import { commonDefs, PATTERNS, relativeKeys } from './defs';
import { fieldsFromProperty } from './parts/fields-from';
import { hoursProperty } from './parts/hours';
import { offeredProperty, scheduleOfferedProperty } from './parts/offered';
import { onceProperty } from './parts/once';
import { presetsProperty } from './parts/presets';
import { repeatProperty } from './parts/recurrence';
import { scheduleDefs, schedulesProperty } from './parts/schedules';
import type { ActionType } from './vocabulary';
import {
  GRANTABLE_ROLES,
  MANIFEST_VERSIONS,
  MIGRATION_OPS,
  PERMISSION_SCOPES,
  QUERY_KINDS,
  SCENES,
  SURFACES,
  TIERS,
  TONES,
  UNINSTALL_POLICIES,
  VIEW_SLOTS,
} from './vocabulary';
import { FILTER_OPS } from '../filter/types';
import { aggregateQueryProperties } from './parts/aggregates';
import { metricsSchema } from './parts/metrics';
import {
  assignProperties,
  familyOfTargetProperties,
  peopleActionProperties,
  waitlistSchema,
} from './parts/people';
import { privacyDef } from './parts/privacy';

const ref = (name: string) => ({ $ref: `#/$defs/${name}` });
const lt = ref('localizedText');
const id = ref('identifier');
const fieldPath = { type: 'string', pattern: PATTERNS.fieldPath };
/** A create action's `copy` source: `<x-options field>.<key of the chosen config entry>`. */
const OPTION_COPY_SOURCE = '^[A-Za-z][A-Za-z0-9_]{0,39}\\.[A-Za-z][A-Za-z0-9_]{0,39}$';
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const record = (value: unknown, max: number, names: string = PATTERNS.identifier) => ({
  type: 'object',
  maxProperties: max,
  propertyNames: { pattern: names },
  additionalProperties: value,
});
const list = (items: unknown, max: number, min = 0) => ({
  type: 'array',
  minItems: min,
  maxItems: max,
  items,
});

const serverValue = {
  type: ['string', 'number', 'boolean', 'null', 'object'],
  maxLength: 1000,
  properties: {
    var: {
      type: 'string',
      pattern: `^(?:user\\.id|user\\.displayName|user\\.household|actor\\.id|actor\\.displayName|${TIME_ANCHORS.join('|')}|code|seq|config(?:\\.[A-Za-z_][A-Za-z0-9_]*){1,5}|item\\.[A-Za-z][A-Za-z0-9_]*)$`,
    },
    ...relativeKeys,
  },
  required: ['var'],
  additionalProperties: false,
};

const actionBase = {
  collection: id,
  label: lt,
  roles: ref('roleList'),
  input: ref('objectSchema'),
  points: ref('pointsAward'),
  notify: list(ref('notify'), 10),
  confirm: lt,
  deadline: closed(
    {
      date: fieldPath,
      time: {
        type: ['string', 'object'],
        pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$',
        properties: { bind: { type: 'string', pattern: PATTERNS.bindPath } },
        required: ['bind'],
        additionalProperties: false,
      },
      offsetDays: { type: 'integer', minimum: -30, maximum: 30 },
      message: lt,
    },
    ['date', 'time'],
  ),
  ...peopleActionProperties,
};
const action = (type: ActionType, extra: Record<string, unknown>, required: string[] = []) =>
  closed({ type: { const: type }, ...actionBase, ...extra }, [
    'type',
    'collection',
    'label',
    'roles',
    ...required,
  ]);

export const MANIFEST_SCHEMA_ID = 'https://scene-platform.local/schemas/plugin-manifest-1.json';

export const manifestMetaSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: MANIFEST_SCHEMA_ID,
  title: 'Scene plugin manifest',
  ...closed(
    {
      manifestVersion: { enum: [...MANIFEST_VERSIONS] },
      id: { type: 'string', pattern: PATTERNS.pluginId },
      version: { type: 'string', pattern: PATTERNS.semverish },
      engines: closed({ platform: { type: 'string', pattern: PATTERNS.semverish } }, ['platform']),
      vendor: closed(
        {
          id: { type: 'string', pattern: PATTERNS.vendorId },
          name: lt,
          url: { type: 'string', format: 'uri', maxLength: 300 },
          email: { type: 'string', format: 'email', maxLength: 200 },
        },
        ['id', 'name'],
      ),
      name: lt,
      description: lt,
      scene: { enum: [...SCENES] },
      tier: { enum: [...TIERS] },
      icon: ref('icon'),
      permissions: list(
        closed({ scope: { enum: [...PERMISSION_SCOPES] }, reason: lt }, ['scope', 'reason']),
        PERMISSION_SCOPES.length,
      ),
      roles: list(
        closed(
          {
            id,
            name: lt,
            grantedTo: { ...list({ enum: [...GRANTABLE_ROLES] }, 4, 1), uniqueItems: true },
          },
          ['id', 'name', 'grantedTo'],
        ),
        20,
      ),
      config: ref('objectSchema'),
      presets: presetsProperty,
      collections: record(ref('collection'), 20),
      actions: record(ref('action'), 50),
      queries: record(ref('query'), 50),
      views: list(ref('view'), 50),
      migrations: list(ref('migration'), 100),
      metrics: metricsSchema,
      lifecycle: closed({ onUninstall: { enum: [...UNINSTALL_POLICIES] } }, ['onUninstall']),
      schedules: schedulesProperty,
      changelog: list(
        closed(
          {
            version: { type: 'string', pattern: PATTERNS.semverish },
            date: { type: 'string', pattern: PATTERNS.date },
            notes: lt,
          },
          ['version', 'notes'],
        ),
        200,
      ),
    },
    [
      'manifestVersion',
      'id',
      'version',
      'engines',
      'vendor',
      'name',
      'description',
      'scene',
      'tier',
      'icon',
      'permissions',
      'roles',
      'config',
      'collections',
      'actions',
      'queries',
      'views',
      'migrations',
      'lifecycle',
    ],
  ),
  $defs: {
    ...commonDefs,
    ...scheduleDefs,
    scheduleOffered: scheduleOfferedProperty,
    collection: closed(
      {
        schemaVersion: { type: 'integer', minimum: 1, maximum: 10000 },
        schema: ref('objectSchema'),
        indexes: list(
          closed(
            {
              fields: {
                ...record({ enum: [1, -1] }, 8, PATTERNS.fieldPath),
                minProperties: 1,
              },
              unique: { type: 'boolean' },
            },
            ['fields'],
          ),
          16,
        ),
        access: closed({ read: list(ref('accessRule'), 20) }, ['read']),
        workflow: ref('workflow'),
        retention: closed({ days: { type: 'integer', minimum: 1, maximum: 3650 } }, ['days']),
        capacity: list(
          closed(
            {
              id,
              key: { ...list(fieldPath, 5, 1), uniqueItems: true },
              limit: {
                type: ['number', 'object'],
                minimum: 0,
                maximum: 1000000,
                properties: {
                  bind: { type: 'string', pattern: PATTERNS.bindPath },
                  by: fieldPath,
                  value: { type: 'string', pattern: PATTERNS.fieldName },
                },
                required: ['bind'],
                additionalProperties: false,
              },
              where: ref('filter'),
              message: lt,
              waitlist: ref('waitlist'),
              weight: closed(
                {
                  field: fieldPath,
                  per: { type: 'number', exclusiveMinimum: 0, maximum: 100000 },
                  step: { type: 'number', exclusiveMinimum: 0, maximum: 100000 },
                },
                ['field'],
              ),
              overflow: closed(
                {
                  set: {
                    ...record(
                      { type: ['string', 'number', 'boolean', 'null'], maxLength: 1000 },
                      10,
                      PATTERNS.fieldName,
                    ),
                    minProperties: 1,
                  },
                  allowed: {
                    type: ['boolean', 'object'],
                    properties: { bind: { type: 'string', pattern: PATTERNS.bindPath } },
                    required: ['bind'],
                    additionalProperties: false,
                  },
                },
                ['set'],
              ),
            },
            ['key', 'limit'],
          ),
          5,
        ),
        counters: record(
          closed({ source: id, by: fieldPath, where: ref('filter') }, ['source', 'by']),
          10,
        ),
        privacy: ref('privacy'),
      },
      ['schemaVersion', 'schema', 'access'],
    ),
    waitlist: waitlistSchema,
    accessRule: closed({ roles: ref('roleList'), where: ref('filter') }, ['roles']),
    privacy: privacyDef,
    workflow: closed(
      {
        field: { type: 'string', pattern: PATTERNS.fieldName },
        initial: id,
        states: list(
          closed({ id, label: lt, tone: { enum: [...TONES] }, terminal: { type: 'boolean' } }, [
            'id',
            'label',
          ]),
          30,
          1,
        ),
        transitions: list(
          closed(
            {
              id,
              from: { ...list(id, 30, 1), uniqueItems: true },
              to: id,
              roles: ref('roleList'),
              label: lt,
              where: ref('filter'),
              auto: ref('filter'),
              notify: list(ref('notify'), 10),
              ...assignProperties,
            },
            ['id', 'from', 'to', 'roles', 'label'],
          ),
          60,
        ),
      },
      ['field', 'initial', 'states', 'transitions'],
    ),
    pointsAward: closed(
      {
        amount: ref('numberOrBinding'),
        rate: ref('numberOrBinding'),
        to: { enum: ['actor', 'owner'] },
        reason: lt,
      },
      ['amount', 'to', 'reason'],
    ),
    notify: closed(
      {
        to: {
          ...closed({
            actor: { const: true },
            owner: { const: true },
            role: ref('roleRef'),
            field: fieldPath,
            ...familyOfTargetProperties,
          }),
          minProperties: 1,
          maxProperties: 1,
        },
        title: lt,
        body: lt,
        view: { type: 'string', pattern: PATTERNS.viewId },
        when: ref('filter'),
      },
      ['to', 'title'],
    ),
    action: {
      type: 'object',
      discriminator: { propertyName: 'type' },
      required: ['type'],
      oneOf: [
        action('create', {
          set: record(serverValue, 20, PATTERNS.fieldName),
          duplicateMessage: lt,
          parent: closed(
            {
              field: fieldPath,
              collection: id,
              where: ref('filter'),
              copy: record({ type: 'string', pattern: PATTERNS.fieldName }, 10, PATTERNS.fieldName),
            },
            ['field', 'collection'],
          ),
          repeat: repeatProperty,
          once: onceProperty,
          fieldsFrom: fieldsFromProperty,
          opens: actionBase.deadline,
          copy: record({ type: 'string', pattern: OPTION_COPY_SOURCE }, 10, PATTERNS.fieldName),
          hours: hoursProperty,
          offered: offeredProperty,
          guard: closed(
            {
              id,
              collection: id,
              where: ref('filter'),
              date: fieldPath,
              atLeast: ref('numberOrBinding'),
              withinDays: ref('numberOrBinding'),
              pauseDays: ref('numberOrBinding'),
              message: lt,
              notify: list(ref('notify'), 5),
              lift: closed({ roles: ref('roleList') }, ['roles']),
            },
            ['id', 'where', 'date', 'atLeast', 'withinDays', 'pauseDays'],
          ),
        }),
        action(
          'update',
          { where: ref('filter'), set: record(serverValue, 20, PATTERNS.fieldName) },
          ['where'],
        ),
        action(
          'transition',
          {
            transition: id,
            set: record(serverValue, 20, PATTERNS.fieldName),
            match: record({ type: 'string', pattern: PATTERNS.fieldName }, 5, PATTERNS.fieldName),
            matchMessage: lt,
            findBy: closed(
              {
                field: { type: 'string', pattern: PATTERNS.fieldName },
                input: { type: 'string', pattern: PATTERNS.fieldName },
                within: ref('filter'),
                notFoundMessage: lt,
                withinMessage: lt,
              },
              ['field', 'input'],
            ),
          },
          ['transition'],
        ),
        action('delete', { where: ref('filter') }, ['where']),
        action(
          'redeem',
          {
            catalog: ref('binding'),
            releaseWhen: ref('filter'),
            copy: record({ type: 'string', pattern: PATTERNS.fieldName }, 10, PATTERNS.fieldName),
            set: record(serverValue, 20, PATTERNS.fieldName),
          },
          ['catalog'],
        ),
      ],
    },
    query: closed(
      {
        collection: id,
        kind: { enum: [...QUERY_KINDS] },
        where: ref('filter'),
        roles: ref('roleList'),
        filterable: record(
          { ...list({ enum: [...FILTER_OPS] }, FILTER_OPS.length, 1), uniqueItems: true },
          20,
          PATTERNS.fieldPath,
        ),
        sort: list(
          closed(
            {
              field: fieldPath,
              dir: { enum: ['asc', 'desc'] },
              then: list(
                closed({ field: fieldPath, dir: { enum: ['asc', 'desc'] } }, ['field', 'dir']),
                2,
                1,
              ),
            },
            ['field', 'dir'],
          ),
          10,
          1,
        ),
        groupBy: {
          type: ['string', 'array'],
          pattern: PATTERNS.fieldPath,
          minItems: 1,
          maxItems: 3,
          uniqueItems: true,
          items: fieldPath,
        },
        capacity: id,
        pageSize: closed(
          {
            default: { type: 'integer', minimum: 1, maximum: 100 },
            max: { type: 'integer', minimum: 1, maximum: 100 },
          },
          ['default', 'max'],
        ),
        fields: { ...list(fieldPath, 60, 1), uniqueItems: true },
        hidePeople: { type: 'boolean' },
        ...aggregateQueryProperties,
      },
      ['collection', 'kind'],
    ),
    view: closed(
      {
        id: { type: 'string', pattern: PATTERNS.viewId },
        surface: { enum: [...SURFACES] },
        slot: { enum: [...VIEW_SLOTS] },
        route: { type: 'string', pattern: PATTERNS.route },
        roles: ref('roleList'),
        title: lt,
        root: ref('viewNode'),
        mine: { type: 'boolean' },
        waiting: closed({ query: id }, ['query']),
      },
      ['id', 'surface', 'slot', 'root'],
    ),
    migration: closed(
      {
        collection: id,
        from: { type: 'integer', minimum: 1 },
        to: { type: 'integer', minimum: 2 },
        steps: list(ref('migrationStep'), 50, 1),
      },
      ['collection', 'from', 'to', 'steps'],
    ),
    migrationStep: {
      type: 'object',
      discriminator: { propertyName: 'op' },
      required: ['op'],
      oneOf: [
        closed({ op: { const: MIGRATION_OPS[0] }, from: fieldPath, to: fieldPath }, [
          'op',
          'from',
          'to',
        ]),
        closed({ op: { const: MIGRATION_OPS[1] }, field: fieldPath, value: true }, [
          'op',
          'field',
          'value',
        ]),
        closed({ op: { const: MIGRATION_OPS[2] }, field: fieldPath }, ['op', 'field']),
        closed(
          {
            op: { const: MIGRATION_OPS[3] },
            field: fieldPath,
            map: {
              type: 'object',
              maxProperties: 200,
              additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
            },
          },
          ['op', 'field', 'map'],
        ),
      ],
    },
  },
} as const;
