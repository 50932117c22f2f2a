import type { Filter } from '../../filter/types';
import type { LocalizedText, PluginManifest } from '../types';

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
const forMeOrFamily = { field: 'createdBy', op: 'in', value: { var: 'user.actsFor' } } as const;
const elders: Filter = { field: 'member.ageBand', op: 'in', value: ['60-69', '70-79', '80+'] };

/**
 * A plugin using every part of design §4: home-care visits for elders (eligibility from the
 * member's age band), booked by the elder or a linked family member (`onBehalf`), with places
 * per half-day and a waitlist, assigned by a coordinator to a caregiver (`assign`), and the
 * family kept informed (`familyOf`). MANIFEST.md's worked examples come from it; tests publish
 * it as a vendor would.
 */
export function peopleExampleManifest(id = 'acme.home-care'): PluginManifest {
  const vendor = id.split('.')[0]!;
  return {
    manifestVersion: 1,
    id,
    version: '1.0.0',
    engines: { platform: '^1.0.0' },
    vendor: { id: vendor, name: t('Acme 科技', 'Acme') },
    name: t('上门助老', 'Home care visits'),
    description: t(
      '60 岁及以上老人（或家人代为）预约上门服务，协调员派给服务人员。',
      'Elders over 60 (or their family for them) book home visits; a coordinator assigns a caregiver.',
    ),
    scene: 'health',
    tier: 'optional',
    icon: 'elderly',
    permissions: [
      {
        scope: 'notify:send',
        reason: t(
          '通知老人、家属、协调员和服务人员',
          'Tell elders, their family, coordinators and caregivers',
        ),
      },
    ],
    roles: [
      { id: 'coordinator', name: t('服务协调员', 'Coordinator'), grantedTo: ['staff', 'operator'] },
      { id: 'caregiver', name: t('服务人员', 'Caregiver'), grantedTo: ['staff'] },
    ],
    config: {
      type: 'object',
      properties: {
        perSlot: {
          type: 'integer',
          minimum: 0,
          maximum: 50,
          default: 2,
          title: t('每个时段的名额', 'Visits per half-day'),
        },
        slots: {
          type: 'array',
          maxItems: 2,
          title: t('服务时段', 'Half-days'),
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', enum: ['morning', 'afternoon'] },
              label: { type: 'string', maxLength: 10 },
            },
            required: ['id', 'label'],
          },
          default: [
            { id: 'morning', label: '上午' },
            { id: 'afternoon', label: '下午' },
          ],
        },
      },
    },
    collections: {
      visits: {
        schemaVersion: 1,
        schema: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date', title: t('日期', 'Date') },
            slot: {
              type: 'string',
              enum: ['morning', 'afternoon'],
              title: t('时段', 'Half-day'),
              'x-labels': { morning: t('上午', 'Morning'), afternoon: t('下午', 'Afternoon') },
            },
            service: {
              type: 'string',
              enum: ['cleaning', 'bathing', 'company'],
              title: t('服务', 'Service'),
              'x-widget': 'radio',
              'x-labels': {
                cleaning: t('打扫卫生', 'Cleaning'),
                bathing: t('助浴', 'Bathing'),
                company: t('陪伴聊天', 'Company'),
              },
            },
            status: {
              type: 'string',
              enum: ['booked', 'waitlisted', 'assigned', 'done', 'cancelled'],
            },
            assigneeId: {
              type: 'string',
              maxLength: 40,
              title: t('服务人员', 'Caregiver'),
              'x-ref': 'user',
            },
          },
          required: ['date', 'slot', 'service', 'status'],
        },
        indexes: [{ fields: { date: 1, slot: 1 } }, { fields: { createdBy: 1 } }],
        access: {
          read: [
            { roles: ['resident'], where: forMeOrFamily },
            {
              roles: ['plugin:caregiver'],
              where: { field: 'assigneeId', op: 'eq', value: { var: 'user.id' } },
            },
            { roles: ['plugin:coordinator', 'operator'] },
          ],
        },
        workflow: {
          field: 'status',
          initial: 'booked',
          states: [
            { id: 'booked', label: t('已预约', 'Booked'), tone: 'primary' },
            { id: 'waitlisted', label: t('候补中', 'On the waitlist'), tone: 'warning' },
            { id: 'assigned', label: t('已派单', 'Assigned'), tone: 'info' },
            { id: 'done', label: t('已完成', 'Done'), tone: 'success', terminal: true },
            { id: 'cancelled', label: t('已取消', 'Cancelled'), terminal: true },
          ],
          transitions: [
            {
              id: 'assign',
              from: ['booked'],
              to: 'assigned',
              roles: ['plugin:coordinator'],
              label: t('派单', 'Assign'),
              assign: { field: 'assigneeId', role: 'plugin:caregiver' },
              notify: [
                { to: { field: 'assigneeId' }, title: t('您有新的上门服务', 'A visit for you') },
                { to: { owner: true }, title: t('已安排服务人员', 'A caregiver is on the way') },
              ],
            },
            {
              id: 'finish',
              from: ['assigned'],
              to: 'done',
              roles: ['plugin:caregiver'],
              label: t('完成', 'Done'),
              where: { field: 'assigneeId', op: 'eq', value: { var: 'user.id' } },
            },
            {
              id: 'cancel',
              from: ['booked', 'waitlisted', 'assigned'],
              to: 'cancelled',
              roles: ['resident'],
              label: t('取消', 'Cancel'),
              where: forMeOrFamily,
            },
          ],
        },
        capacity: [
          {
            id: 'visits',
            key: ['date', 'slot'],
            limit: { bind: 'config.perSlot' },
            where: { field: 'status', op: 'in', value: ['booked', 'assigned'] },
            message: t('这个时段已约满。', 'That half-day is fully booked.'),
            waitlist: {
              state: 'waitlisted',
              promoteTo: 'booked',
              notify: [
                {
                  to: { owner: true },
                  title: t('候补成功，上门服务已预约', 'Off the waitlist: your visit is booked'),
                  view: 'mine',
                },
                {
                  to: { familyOf: 'owner' },
                  title: t('家人的上门服务已预约', 'Your relative’s visit is booked'),
                },
              ],
            },
          },
        ],
      },
    },
    actions: {
      request: {
        type: 'create',
        collection: 'visits',
        label: t('预约上门服务', 'Book a visit'),
        roles: ['resident'],
        onBehalf: true,
        eligible: elders,
        eligibleMessage: t(
          '上门助老服务面向 60 岁及以上的老人，家人可以代为预约。',
          'Home visits are for residents aged 60 and over; family members can book for them.',
        ),
        input: {
          type: 'object',
          properties: {
            date: { type: 'string', format: 'date' },
            slot: { type: 'string', enum: ['morning', 'afternoon'] },
            service: {
              type: 'string',
              enum: ['cleaning', 'bathing', 'company'],
              title: t('服务', 'Service'),
              'x-widget': 'radio',
              'x-labels': {
                cleaning: t('打扫卫生', 'Cleaning'),
                bathing: t('助浴', 'Bathing'),
                company: t('陪伴聊天', 'Company'),
              },
            },
          },
          required: ['date', 'slot', 'service'],
        },
        notify: [
          {
            to: { role: 'plugin:coordinator' },
            title: t('新的上门服务预约', 'A new visit request'),
            view: 'queue',
          },
          {
            to: { familyOf: 'owner' },
            title: t('家人的上门服务已提交', 'A visit was requested for your relative'),
          },
        ],
      },
      cancel: {
        type: 'transition',
        collection: 'visits',
        transition: 'cancel',
        label: t('取消', 'Cancel'),
        roles: ['resident'],
        onBehalf: true,
        confirm: t('确定取消这次上门服务吗？', 'Cancel this visit?'),
      },
      assign: {
        type: 'transition',
        collection: 'visits',
        transition: 'assign',
        label: t('派单', 'Assign'),
        roles: ['plugin:coordinator'],
        input: {
          type: 'object',
          properties: {
            assigneeId: { type: 'string', maxLength: 40, title: t('服务人员', 'Caregiver') },
          },
          required: ['assigneeId'],
        },
      },
      finish: {
        type: 'transition',
        collection: 'visits',
        transition: 'finish',
        label: t('完成', 'Done'),
        roles: ['plugin:caregiver'],
      },
    },
    queries: {
      mine: {
        collection: 'visits',
        kind: 'list',
        roles: ['resident'],
        where: forMeOrFamily,
        sort: [{ field: 'createdAt', dir: 'desc' }],
        pageSize: { default: 20, max: 50 },
      },
      queue: {
        collection: 'visits',
        kind: 'list',
        roles: ['plugin:coordinator', 'operator'],
        filterable: { status: ['eq', 'in'] },
        sort: [{ field: 'date', dir: 'asc' }],
        pageSize: { default: 20, max: 100 },
      },
      places: {
        collection: 'visits',
        kind: 'capacity',
        capacity: 'visits',
        roles: ['resident', 'plugin:coordinator', 'operator'],
      },
    },
    views: [
      {
        id: 'home-card',
        surface: 'resident',
        slot: 'block',
        root: {
          type: 'card',
          props: { title: t('上门助老', 'Home care'), icon: 'elderly', navigate: { view: 'book' } },
          children: [
            {
              type: 'text',
              props: { text: t('为自己或家人预约上门服务', 'Book a visit for you or your family') },
            },
          ],
        },
      },
      {
        id: 'book',
        surface: 'resident',
        slot: 'page',
        route: 'care',
        title: t('预约上门服务', 'Book a home visit'),
        root: {
          type: 'stack',
          children: [
            {
              type: 'slot-picker',
              props: {
                action: 'request',
                availability: 'places',
                slots: { bind: 'config.slots' },
                dateField: 'date',
                slotField: 'slot',
                daysAhead: 7,
              },
            },
            {
              type: 'button',
              props: { label: t('我的预约', 'My visits'), navigate: { view: 'mine' } },
            },
          ],
        },
      },
      {
        id: 'mine',
        surface: 'resident',
        slot: 'page',
        route: 'care/mine',
        title: t('我和家人的预约', 'Visits for me and my family'),
        root: {
          type: 'list',
          props: { query: 'mine', emptyText: t('还没有预约', 'No visits yet') },
          children: [
            { type: 'text', props: { text: { bind: 'item.date' } } },
            { type: 'text', props: { text: { bind: 'item.service' } } },
            { type: 'badge', props: { text: { bind: 'item.status' }, workflow: 'visits' } },
            {
              type: 'button',
              props: {
                label: t('取消', 'Cancel'),
                action: 'cancel',
                recordId: { bind: 'item._id' },
                tone: 'danger',
              },
              when: { field: 'item.status', op: 'in', value: ['booked', 'waitlisted'] },
            },
          ],
        },
      },
      {
        id: 'queue',
        surface: 'staff',
        slot: 'page',
        route: 'care/queue',
        roles: ['plugin:coordinator', 'operator'],
        title: t('上门服务派单', 'Visit dispatch'),
        root: {
          type: 'table',
          props: {
            query: 'queue',
            columns: [
              { field: 'date', label: t('日期', 'Date'), format: 'date' },
              { field: 'slot', label: t('时段', 'Half-day') },
              { field: 'service', label: t('服务', 'Service') },
              { field: 'status', label: t('状态', 'Status'), format: 'state' },
            ],
          },
          children: [
            {
              type: 'form',
              props: { action: 'assign', recordId: { bind: 'item._id' } },
              when: { field: 'item.status', op: 'eq', value: 'booked' },
            },
          ],
        },
      },
    ],
    migrations: [],
    lifecycle: { onUninstall: 'export-then-delete' },
  };
}
