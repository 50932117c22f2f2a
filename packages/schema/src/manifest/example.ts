import type { LocalizedText, PluginManifest } from './types';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const mine = { field: 'createdBy', op: 'eq', value: { var: 'user.id' } } as const;

/**
 * A small but complete plugin: config, a collection with personal data, workflow and points,
 * actions, queries and views. `scene plugin init` writes it; tests use it as the valid baseline.
 */
export function exampleManifest(id = 'acme.repairs'): PluginManifest {
  const vendor = id.split('.')[0]!;
  return {
    manifestVersion: 1,
    id,
    version: '1.0.0',
    engines: { platform: '^1.0.0' },
    vendor: { id: vendor, name: t('Acme 科技', 'Acme') },
    name: t('小区报修', 'Repairs'),
    description: t(
      '居民提交报修，维修人员受理并完成，居民评价。',
      'Residents report repairs; staff accept and finish them; residents rate the work.',
    ),
    scene: 'service',
    tier: 'optional',
    icon: 'wrench',
    permissions: [
      {
        scope: 'points:award',
        reason: t('居民评价后奖励积分', 'Residents earn points for rating a repair'),
      },
      { scope: 'notify:send', reason: t('通知居民处理进度', 'Tell residents about progress') },
      {
        scope: 'pii:read',
        reason: t('维修人员需要联系报修人', 'Technicians need to call the reporter'),
      },
    ],
    roles: [{ id: 'technician', name: t('维修人员', 'Technician'), grantedTo: ['staff'] }],
    config: {
      type: 'object',
      'x-groups': [{ id: 'basic', title: t('基本设置', 'Basics') }],
      properties: {
        title: {
          type: 'string',
          maxLength: 40,
          default: '小区报修',
          title: t('标题', 'Title'),
          'x-group': 'basic',
          'x-order': 1,
        },
        categories: {
          type: 'array',
          maxItems: 20,
          items: { type: 'string', maxLength: 20 },
          default: ['水电', '门窗'],
          title: t('报修类别', 'Categories'),
          'x-widget': 'tags',
          'x-group': 'basic',
        },
        ratingPoints: {
          type: 'integer',
          minimum: 0,
          maximum: 100,
          default: 5,
          title: t('评价奖励积分', 'Points for a rating'),
        },
      },
      required: ['title'],
    },
    collections: {
      tickets: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            title: { type: 'string', minLength: 2, maxLength: 80, title: t('问题', 'Problem') },
            category: { type: 'string', maxLength: 20, title: t('类别', 'Category') },
            phone: {
              type: 'string',
              maxLength: 20,
              pattern: '^1[3-9][0-9]{9}$',
              'x-pii': 'phone',
              'x-widget': 'phone',
              title: t('联系电话', 'Phone'),
            },
            photos: {
              type: 'array',
              maxItems: 6,
              items: { type: 'string', maxLength: 64, 'x-ref': 'upload' },
              title: t('照片', 'Photos'),
            },
            status: {
              type: 'string',
              enum: ['submitted', 'accepted', 'done'],
              'x-labels': {
                submitted: t('已提交', 'Submitted'),
                accepted: t('处理中', 'In progress'),
                done: t('已完成', 'Done'),
              },
            },
            rating: { type: 'integer', minimum: 1, maximum: 5, title: t('满意度', 'Satisfaction') },
          },
          required: ['title', 'phone', 'status'],
        },
        indexes: [{ fields: { status: 1, createdAt: -1 } }, { fields: { createdBy: 1 } }],
        access: {
          read: [
            { roles: ['resident'], where: mine },
            { roles: ['plugin:technician', 'operator'] },
          ],
        },
        workflow: {
          field: 'status',
          initial: 'submitted',
          states: [
            { id: 'submitted', label: t('已提交', 'Submitted'), tone: 'info' },
            { id: 'accepted', label: t('处理中', 'In progress'), tone: 'warning' },
            { id: 'done', label: t('已完成', 'Done'), tone: 'success', terminal: true },
          ],
          transitions: [
            {
              id: 'accept',
              from: ['submitted'],
              to: 'accepted',
              roles: ['plugin:technician'],
              label: t('受理', 'Accept'),
              notify: [
                {
                  to: { owner: true },
                  title: t('您的报修已受理', 'Your repair was accepted'),
                  view: 'mine',
                },
              ],
            },
            {
              id: 'finish',
              from: ['accepted'],
              to: 'done',
              roles: ['plugin:technician'],
              label: t('完成', 'Finish'),
            },
          ],
        },
        retention: { days: 730 },
        // The technician calls the reporter; the operator may ask for a record in clear.
        privacy: {
          clear: [{ fields: ['phone'], roles: ['plugin:technician'] }],
          unmask: ['operator'],
        },
      },
    },
    actions: {
      report: {
        type: 'create',
        collection: 'tickets',
        label: t('提交报修', 'Report'),
        roles: ['resident'],
        input: {
          type: 'object',
          properties: {
            title: { type: 'string', minLength: 2, maxLength: 80, title: t('问题', 'Problem') },
            category: { type: 'string', maxLength: 20, title: t('类别', 'Category') },
            phone: {
              type: 'string',
              maxLength: 20,
              pattern: '^1[3-9][0-9]{9}$',
              'x-pii': 'phone',
              title: t('联系电话', 'Phone'),
            },
          },
          required: ['title', 'phone'],
        },
        notify: [
          {
            to: { role: 'plugin:technician' },
            title: t('有新的报修', 'New repair request'),
            view: 'queue',
          },
        ],
      },
      accept: {
        type: 'transition',
        collection: 'tickets',
        transition: 'accept',
        label: t('受理', 'Accept'),
        roles: ['plugin:technician'],
      },
      finish: {
        type: 'transition',
        collection: 'tickets',
        transition: 'finish',
        label: t('完成', 'Finish'),
        roles: ['plugin:technician'],
      },
      rate: {
        type: 'update',
        collection: 'tickets',
        label: t('评价', 'Rate'),
        roles: ['resident'],
        where: {
          all: [
            mine,
            { field: 'status', op: 'eq', value: 'done' },
            { field: 'rating', op: 'exists', value: false },
          ],
        },
        input: {
          type: 'object',
          properties: { rating: { type: 'integer', minimum: 1, maximum: 5 } },
          required: ['rating'],
        },
        points: {
          amount: { bind: 'config.ratingPoints' },
          to: 'actor',
          reason: t('评价报修', 'Rated a repair'),
        },
      },
    },
    queries: {
      mine: {
        collection: 'tickets',
        kind: 'list',
        where: mine,
        sort: [{ field: 'createdAt', dir: 'desc' }],
        pageSize: { default: 20, max: 50 },
      },
      queue: {
        collection: 'tickets',
        kind: 'list',
        roles: ['plugin:technician', 'operator'],
        filterable: { status: ['eq', 'in'] },
        sort: [{ field: 'status', dir: 'asc' }],
        pageSize: { default: 20, max: 100 },
      },
      open: {
        collection: 'tickets',
        kind: 'count',
        where: { field: 'status', op: 'ne', value: 'done' },
      },
    },
    views: [
      {
        id: 'home-card',
        surface: 'resident',
        slot: 'block',
        root: {
          type: 'card',
          props: { title: { bind: 'config.title' }, icon: 'wrench', navigate: { view: 'mine' } },
          children: [
            { type: 'stat', props: { query: 'open', label: t('处理中的报修', 'Open repairs') } },
          ],
        },
      },
      {
        id: 'mine',
        surface: 'resident',
        slot: 'page',
        route: 'repairs',
        title: t('我的报修', 'My repairs'),
        root: {
          type: 'stack',
          children: [
            { type: 'form', props: { action: 'report', submitLabel: t('提交', 'Submit') } },
            {
              type: 'list',
              props: { query: 'mine', emptyText: t('还没有报修', 'No repairs yet') },
              children: [
                { type: 'text', props: { text: { bind: 'item.title' } } },
                { type: 'badge', props: { text: { bind: 'item.status' }, workflow: 'tickets' } },
                {
                  type: 'rating',
                  props: { action: 'rate', field: 'rating', recordId: { bind: 'item._id' } },
                  when: {
                    all: [
                      { field: 'item.status', op: 'eq', value: 'done' },
                      { field: 'item.rating', op: 'exists', value: false },
                    ],
                  },
                },
              ],
            },
          ],
        },
      },
      {
        id: 'queue',
        surface: 'staff',
        slot: 'page',
        route: 'repairs/queue',
        roles: ['plugin:technician', 'operator'],
        title: t('报修工单', 'Repair queue'),
        root: {
          type: 'table',
          props: {
            query: 'queue',
            columns: [
              { field: 'title', label: t('问题', 'Problem') },
              { field: 'phone', label: t('电话', 'Phone'), format: 'masked' },
              { field: 'status', label: t('状态', 'Status'), format: 'state' },
            ],
          },
          children: [
            {
              type: 'button',
              props: {
                label: t('受理', 'Accept'),
                action: 'accept',
                recordId: { bind: 'item._id' },
              },
              when: { field: 'item.status', op: 'eq', value: 'submitted' },
            },
            {
              type: 'button',
              props: {
                label: t('完成', 'Finish'),
                action: 'finish',
                recordId: { bind: 'item._id' },
              },
              when: { field: 'item.status', op: 'eq', value: 'accepted' },
            },
          ],
        },
      },
    ],
    migrations: [],
    lifecycle: { onUninstall: 'export-then-delete' },
    changelog: [{ version: '1.0.0', date: '2025-01-01', notes: t('首个版本', 'First version') }],
  };
}
