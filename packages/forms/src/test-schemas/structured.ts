import type { FormSchema } from '../core/types';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Nested objects, lists, groups, references and conditional fields. */
export const structuredSchemas: Record<string, FormSchema> = {
  nestedObjects: {
    type: 'object',
    required: ['address'],
    properties: {
      address: {
        type: 'object',
        title: t('地址', 'Address'),
        required: ['building'],
        properties: {
          building: { type: 'string', maxLength: 10, title: t('楼栋', 'Building') },
          room: { type: 'string', maxLength: 10, title: t('房号', 'Room') },
          geo: {
            type: 'object',
            title: t('坐标', 'Location'),
            properties: {
              lat: { type: 'number', minimum: -90, maximum: 90, title: t('纬度', 'Latitude') },
              lng: { type: 'number', minimum: -180, maximum: 180, title: t('经度', 'Longitude') },
            },
          },
        },
      },
    },
  },
  listOfObjects: {
    type: 'object',
    properties: {
      entries: {
        type: 'array',
        maxItems: 12,
        minItems: 1,
        title: t('入口', 'Entries'),
        default: [{ label: '报修', icon: 'wrench' }],
        items: {
          type: 'object',
          title: t('入口', 'Entry'),
          required: ['label'],
          properties: {
            label: { type: 'string', maxLength: 8, title: t('名称', 'Label') },
            icon: { type: 'string', maxLength: 40, 'x-widget': 'icon', title: t('图标', 'Icon') },
            route: { type: 'string', maxLength: 100, title: t('链接', 'Link') },
          },
        },
      },
    },
  },
  listOfScalars: {
    type: 'object',
    properties: {
      slots: {
        type: 'array',
        maxItems: 10,
        'x-widget': 'list',
        title: t('时段', 'Slots'),
        items: { type: 'string', format: 'time', title: t('时段', 'Slot') },
      },
      limits: {
        type: 'array',
        maxItems: 5,
        title: t('上限', 'Limits'),
        items: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
  },
  listInList: {
    type: 'object',
    properties: {
      menus: {
        type: 'array',
        maxItems: 7,
        title: t('菜单', 'Menus'),
        default: [{ day: 1, dishes: [{ name: '米饭' }] }],
        items: {
          type: 'object',
          properties: {
            day: { type: 'integer', minimum: 1, maximum: 7, title: t('星期', 'Day') },
            dishes: {
              type: 'array',
              maxItems: 10,
              title: t('菜品', 'Dishes'),
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string', maxLength: 20, title: t('菜名', 'Dish') },
                  vegetarian: { type: 'boolean', title: t('素食', 'Vegetarian') },
                },
              },
            },
          },
        },
      },
    },
  },
  groups: {
    type: 'object',
    'x-groups': [
      { id: 'basic', title: t('基本', 'Basic') },
      { id: 'look', title: t('外观', 'Appearance') },
      { id: 'rules', title: t('规则', 'Rules') },
    ],
    properties: {
      title: {
        type: 'string',
        maxLength: 40,
        'x-group': 'basic',
        'x-order': 1,
        title: t('标题', 'Title'),
      },
      intro: {
        type: 'string',
        maxLength: 200,
        'x-group': 'basic',
        'x-order': 2,
        title: t('简介', 'Intro'),
      },
      color: {
        type: 'string',
        maxLength: 9,
        'x-widget': 'color',
        'x-group': 'look',
        title: t('颜色', 'Colour'),
      },
      perDay: {
        type: 'integer',
        minimum: 1,
        maximum: 10,
        'x-group': 'rules',
        title: t('每日上限', 'Per day'),
      },
      loose: { type: 'boolean', title: t('其他', 'Other') },
    },
  },
  visibleIf: {
    type: 'object',
    required: ['mode'],
    properties: {
      mode: {
        type: 'string',
        enum: ['grab', 'assign'],
        default: 'grab',
        'x-widget': 'radio',
        title: t('模式', 'Mode'),
        'x-labels': { grab: t('抢单', 'Grab'), assign: t('派单', 'Assign') },
      },
      slaHours: {
        type: 'integer',
        minimum: 1,
        maximum: 720,
        title: t('时限', 'SLA hours'),
        'x-visibleIf': { field: 'mode', op: 'eq', value: 'assign' },
      },
      notify: {
        type: 'boolean',
        title: t('通知', 'Notify'),
        'x-visibleIf': {
          any: [
            { field: 'mode', op: 'eq', value: 'assign' },
            { field: 'slaHours', op: 'exists', value: true },
          ],
        },
      },
    },
  },
  refs: {
    type: 'object',
    $defs: {
      person: {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: 20, title: t('姓名', 'Name') },
          phone: { type: 'string', maxLength: 20, 'x-pii': 'phone', title: t('电话', 'Phone') },
        },
      },
    },
    properties: {
      owner: { $ref: '#/$defs/person', title: t('业主', 'Owner') },
      contacts: {
        type: 'array',
        maxItems: 3,
        title: t('联系人', 'Contacts'),
        items: { $ref: '#/$defs/person' },
      },
    },
  },
  everything: {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'kind'],
    'x-groups': [{ id: 'main', title: t('主要', 'Main') }],
    properties: {
      title: {
        type: 'string',
        minLength: 2,
        maxLength: 40,
        'x-group': 'main',
        title: t('标题', 'Title'),
      },
      kind: { type: 'string', enum: ['a', 'b'], 'x-group': 'main', title: t('类型', 'Kind') },
      when: { type: 'string', format: 'date', title: t('日期', 'Date') },
      tags: {
        type: 'array',
        maxItems: 5,
        items: { type: 'string', maxLength: 10 },
        title: t('标签', 'Tags'),
      },
      rows: {
        type: 'array',
        maxItems: 5,
        title: t('明细', 'Rows'),
        items: {
          type: 'object',
          properties: { qty: { type: 'integer', minimum: 1, title: t('数量', 'Qty') } },
        },
      },
      extra: {
        type: 'object',
        title: t('附加', 'Extra'),
        'x-visibleIf': { field: 'kind', op: 'eq', value: 'b' },
        properties: { note: { type: 'string', maxLength: 100, title: t('备注', 'Note') } },
      },
    },
  },
};
