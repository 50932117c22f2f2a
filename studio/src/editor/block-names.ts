import type { Block, LocalizedText, PluginManifest } from '@scene/schema';

/**
 * What operators call blocks and their fields, in both languages: the canvas outline, the phone
 * preview's selection and the history steps ("修改 社区公告 的 标题") all name them from here.
 * Names are kept as localized texts, not catalogue keys, because a history step stores the name
 * the block had when it was made (a removed block cannot be looked up later).
 */

const lt = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** Every primitive of the catalog, by type. */
export const PRIMITIVE_NAMES: Readonly<Record<string, LocalizedText>> = {
  stack: lt('纵向容器', 'Stack'),
  grid: lt('网格容器', 'Grid'),
  card: lt('卡片容器', 'Card'),
  tabs: lt('标签页', 'Tabs'),
  section: lt('分区', 'Section'),
  heading: lt('标题', 'Heading'),
  text: lt('文本', 'Text'),
  markdown: lt('图文', 'Rich text'),
  image: lt('图片', 'Image'),
  banner: lt('横幅', 'Banner'),
  'entry-grid': lt('入口宫格', 'Entry grid'),
  'notice-bar': lt('通知栏', 'Notice bar'),
  badge: lt('标记', 'Badge'),
  steps: lt('进度时间线', 'Progress steps'),
  empty: lt('空状态', 'Empty state'),
  list: lt('列表', 'List'),
  detail: lt('详情', 'Detail'),
  table: lt('表格', 'Table'),
  stat: lt('统计数字', 'Figure'),
  chart: lt('图表', 'Chart'),
  calendar: lt('日历', 'Calendar'),
  directory: lt('周边目录', 'Directory'),
  results: lt('问卷结果', 'Survey results'),
  pauses: lt('暂停名单', 'Paused people'),
  form: lt('表单', 'Form'),
  button: lt('按钮', 'Button'),
  'slot-picker': lt('预约时段', 'Slot picker'),
  ballot: lt('投票', 'Ballot'),
  rating: lt('评分', 'Rating'),
  consent: lt('签署', 'Consent'),
  'points-balance': lt('积分余额', 'Points balance'),
  inbox: lt('消息', 'Inbox'),
};

/** Props of the primitives, by name (one name means the same thing on every primitive). */
export const PROP_NAMES: Readonly<Record<string, LocalizedText>> = {
  text: lt('文字', 'Text'),
  level: lt('级别', 'Level'),
  title: lt('标题', 'Title'),
  subtitle: lt('副标题', 'Subtitle'),
  icon: lt('图标', 'Icon'),
  navigate: lt('点击后打开', 'Opens on tap'),
  path: lt('主要步骤', 'Main steps'),
  next: lt('接下来会发生什么', 'What happens next'),
  view: lt('页面', 'Page'),
  gap: lt('间距', 'Spacing'),
  direction: lt('方向', 'Direction'),
  columns: lt('列数', 'Columns'),
  sticky: lt('吸顶', 'Sticky'),
  collapsible: lt('可折叠', 'Collapsible'),
  size: lt('字号', 'Size'),
  tone: lt('色调', 'Tone'),
  maxLines: lt('最多行数', 'Maximum lines'),
  source: lt('内容', 'Content'),
  src: lt('图片地址', 'Image address'),
  image: lt('图片地址', 'Image address'),
  alt: lt('图片说明', 'Image description'),
  ratio: lt('宽高比', 'Aspect ratio'),
  items: lt('条目', 'Items'),
  label: lt('名称', 'Label'),
  query: lt('数据查询', 'Query'),
  pageSize: lt('每页条数', 'Page size'),
  emptyText: lt('无数据时的文字', 'Text when empty'),
  filters: lt('筛选字段', 'Filter fields'),
  field: lt('字段', 'Field'),
  format: lt('显示格式', 'Display format'),
  kind: lt('图表类型', 'Chart type'),
  workflow: lt('流程', 'Workflow'),
  dateField: lt('日期字段', 'Date field'),
  download: lt('提供下载', 'Offer a download'),
  titleField: lt('标题字段', 'Title field'),
  slotField: lt('时段字段', 'Slot field'),
  daysAhead: lt('可预约天数', 'Days ahead'),
  maxMinutes: lt('最远步行分钟', 'Maximum walking minutes'),
  groupByCategory: lt('按类别分组', 'Group by category'),
  action: lt('操作', 'Action'),
  availability: lt('余量查询', 'Availability query'),
  results: lt('结果查询', 'Results query'),
  signed: lt('签署查询', 'Signed query'),
  optionField: lt('选项字段', 'Option field'),
  submitLabel: lt('提交按钮文字', 'Submit button text'),
  successMessage: lt('提交成功提示', 'Success message'),
  fields: lt('表单字段', 'Form fields'),
  block: lt('占满整行', 'Full width'),
  max: lt('最高分', 'Highest score'),
  showHistory: lt('显示明细', 'Show history'),
  limit: lt('显示条数', 'Items shown'),
  measure: lt('统计口径', 'Measure'),
  params: lt('统计区间', 'Period'),
  unit: lt('单位', 'Unit'),
  trend: lt('对比', 'Compare with'),
  better: lt('数值越…越好', 'Better when'),
};

/** Choices of enum props, by prop name and value. */
export const PROP_VALUE_NAMES: Readonly<Record<string, Readonly<Record<string, LocalizedText>>>> = {
  gap: {
    none: lt('无', 'None'),
    sm: lt('小', 'Small'),
    md: lt('中', 'Medium'),
    lg: lt('大', 'Large'),
  },
  size: {
    sm: lt('小', 'Small'),
    md: lt('中', 'Medium'),
    lg: lt('大', 'Large'),
    xl: lt('特大（号码）', 'Extra large (a code)'),
  },
  direction: { vertical: lt('纵向', 'Vertical'), horizontal: lt('横向', 'Horizontal') },
  tone: {
    default: lt('默认', 'Default'),
    primary: lt('主色', 'Primary'),
    success: lt('成功', 'Success'),
    warning: lt('提醒', 'Warning'),
    danger: lt('危险', 'Danger'),
    info: lt('信息', 'Information'),
  },
  ratio: {
    '1:1': lt('方形 1:1', 'Square 1:1'),
    '4:3': lt('4:3', '4:3'),
    '16:9': lt('宽屏 16:9', 'Wide 16:9'),
    '3:1': lt('横幅 3:1', 'Banner 3:1'),
  },
  trend: { previous: lt('上一周期', 'Previous period') },
  better: { higher: lt('越高越好', 'Higher'), lower: lt('越低越好', 'Lower') },
  kind: { bar: lt('柱状图', 'Bar'), pie: lt('饼图', 'Pie'), line: lt('折线图', 'Line') },
  format: {
    text: lt('文字', 'Text'),
    date: lt('日期', 'Date'),
    datetime: lt('日期和时间', 'Date and time'),
    number: lt('数字', 'Number'),
    state: lt('状态', 'Status'),
    masked: lt('脱敏', 'Masked'),
  },
};

const same = (s: string): LocalizedText => lt(s, s);

function isLocalized(v: unknown): v is LocalizedText {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Record<string, unknown>)['zh-CN'] === 'string' &&
    typeof (v as Record<string, unknown>).en === 'string'
  );
}

function asLocalizedText(v: unknown): LocalizedText | null {
  if (typeof v === 'string' && v) return same(v);
  return isLocalized(v) ? v : null;
}

/**
 * A block as the operator recognises it: a plugin block by its configured title, its view's
 * title or its plugin's name; a primitive by its kind and the words it shows.
 */
export function blockName(block: Block, manifest?: PluginManifest): LocalizedText {
  if (block.kind === 'plugin') {
    const configured = asLocalizedText(block.config?.title);
    if (configured) return configured;
    if (!manifest) return same(block.plugin);
    return manifest.views.find((v) => v.id === block.view)?.title ?? manifest.name;
  }
  const kind = PRIMITIVE_NAMES[block.type] ?? same(block.type);
  const words = asLocalizedText(block.props?.text) ?? asLocalizedText(block.props?.title);
  if (!words) return kind;
  return lt(`${kind['zh-CN']}「${words['zh-CN']}」`, `${kind.en} "${words.en}"`);
}

/** A field of a block's config (plugin) or props (primitive), by its title or its name. */
export function fieldName(block: Block, key: string, manifest?: PluginManifest): LocalizedText {
  if (block.kind === 'primitive') return PROP_NAMES[key] ?? same(key);
  const title = (manifest?.config as { properties?: Record<string, { title?: unknown }> })
    ?.properties?.[key]?.title;
  return asLocalizedText(title) ?? same(key);
}
