import type { FormSchema } from '../core/types';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Scalars, formats, enums and hints: one schema per concern, named for what it exercises. */
export const basicSchemas: Record<string, FormSchema> = {
  plainStrings: {
    type: 'object',
    required: ['title'],
    properties: {
      title: { type: 'string', maxLength: 40, title: t('标题', 'Title'), default: '物业报修' },
      subtitle: { type: 'string', maxLength: 80, 'x-placeholder': t('副标题', 'Subtitle') },
      code: { type: 'string', maxLength: 8, pattern: '^[A-Z]+$', title: t('代码', 'Code') },
    },
  },
  formats: {
    type: 'object',
    properties: {
      day: { type: 'string', format: 'date', title: t('日期', 'Date') },
      at: { type: 'string', format: 'date-time', title: t('时间', 'Date and time') },
      opens: { type: 'string', format: 'time', title: t('开放时间', 'Opens at') },
      email: { type: 'string', format: 'email', title: t('邮箱', 'Email') },
      site: { type: 'string', format: 'uri', title: t('网址', 'Website') },
      ref: { type: 'string', format: 'uuid', title: t('编号', 'Reference') },
    },
  },
  numbers: {
    type: 'object',
    properties: {
      count: { type: 'integer', minimum: 0, maximum: 99, title: t('数量', 'Count'), default: 1 },
      price: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.01, title: t('价格', 'Price') },
      level: {
        type: 'integer',
        minimum: 0,
        maximum: 10,
        'x-widget': 'slider',
        title: t('等级', 'Level'),
      },
      stars: {
        type: 'integer',
        minimum: 1,
        maximum: 5,
        'x-widget': 'rate',
        title: t('评分', 'Stars'),
      },
    },
  },
  booleans: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean', default: true, title: t('启用', 'Enabled') },
      agree: { type: 'boolean', 'x-widget': 'checkbox', title: t('同意', 'I agree') },
    },
  },
  enumsWithLabels: {
    type: 'object',
    properties: {
      mode: {
        type: 'string',
        enum: ['grab', 'assign'],
        'x-widget': 'radio',
        title: t('派单模式', 'Dispatch'),
        'x-labels': { grab: t('抢单', 'Grab'), assign: t('派单', 'Assign') },
      },
      size: {
        type: 'string',
        enum: ['s', 'm', 'l'],
        title: t('尺寸', 'Size'),
        'x-labels': { s: t('小', 'Small'), m: t('中', 'Medium'), l: t('大', 'Large') },
      },
      weekday: { type: 'integer', enum: [1, 2, 3, 4, 5, 6, 7], title: t('星期', 'Weekday') },
    },
  },
  oneOfChoices: {
    type: 'object',
    properties: {
      layout: {
        title: t('布局', 'Layout'),
        default: 'list',
        oneOf: [
          { const: 'list', title: t('列表', 'List') },
          { const: 'grid', title: t('宫格', 'Grid') },
          { const: 'card', title: t('卡片', 'Cards') },
        ],
      },
      columns: {
        type: 'integer',
        title: t('列数', 'Columns'),
        oneOf: [
          { const: 2, title: t('两列', 'Two') },
          { const: 3, title: t('三列', 'Three') },
        ],
      },
    },
  },
  multiChoice: {
    type: 'object',
    properties: {
      topics: {
        type: 'array',
        maxItems: 3,
        uniqueItems: true,
        title: t('话题', 'Topics'),
        items: {
          type: 'string',
          enum: ['safety', 'events', 'health'],
          'x-labels': {
            safety: t('安全', 'Safety'),
            events: t('活动', 'Events'),
            health: t('健康', 'Health'),
          },
        },
      },
      channels: {
        type: 'array',
        maxItems: 3,
        'x-widget': 'select',
        title: t('渠道', 'Channels'),
        items: { type: 'string', enum: ['sms', 'app'] },
      },
    },
  },
  textWidgets: {
    type: 'object',
    properties: {
      body: { type: 'string', maxLength: 2000, 'x-widget': 'textarea', title: t('正文', 'Body') },
      notes: { type: 'string', maxLength: 5000, 'x-widget': 'markdown', title: t('说明', 'Notes') },
      long: { type: 'string', maxLength: 1000, title: t('描述', 'Description') },
    },
  },
  appearance: {
    type: 'object',
    properties: {
      color: {
        type: 'string',
        maxLength: 9,
        'x-widget': 'color',
        title: t('主色', 'Colour'),
        default: '#1677ff',
      },
      icon: {
        type: 'string',
        maxLength: 40,
        'x-widget': 'icon',
        title: t('图标', 'Icon'),
        default: 'wrench',
      },
      image: {
        type: 'string',
        maxLength: 500,
        'x-widget': 'image-upload',
        title: t('封面', 'Cover'),
      },
    },
  },
  contact: {
    type: 'object',
    properties: {
      name: { type: 'string', maxLength: 20, 'x-pii': 'name', title: t('姓名', 'Name') },
      phone: { type: 'string', maxLength: 20, 'x-pii': 'phone', title: t('电话', 'Phone') },
      mobile: { type: 'string', maxLength: 20, 'x-widget': 'phone', title: t('手机', 'Mobile') },
    },
  },
  uploads: {
    type: 'object',
    properties: {
      photos: {
        type: 'array',
        maxItems: 9,
        'x-widget': 'image-upload',
        title: t('照片', 'Photos'),
        items: { type: 'string', 'x-ref': 'upload' },
      },
      attachment: { type: 'string', 'x-ref': 'upload', title: t('附件', 'Attachment') },
      file: { type: 'string', maxLength: 100, 'x-widget': 'file-upload', title: t('文件', 'File') },
    },
  },
  tagsAndHidden: {
    type: 'object',
    properties: {
      categories: {
        type: 'array',
        maxItems: 30,
        'x-widget': 'tags',
        title: t('分类', 'Categories'),
        default: ['水电', '门窗'],
        items: { type: 'string', maxLength: 20 },
      },
      version: { const: 1 },
      secret: { type: 'string', maxLength: 10, 'x-widget': 'hidden' },
    },
  },
  plainTitles: {
    type: 'object',
    properties: {
      untitled: { type: 'string', maxLength: 10 },
      described: {
        type: 'string',
        maxLength: 10,
        title: 'Plain title',
        description: t('显示在标题下', 'Shown under the title'),
      },
    },
  },
};
