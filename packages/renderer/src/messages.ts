import type { Locale } from './data-source';

/**
 * The renderer's own words (placeholders, buttons, states). The renderer is a library used
 * by the shell and the studio, so it carries them itself instead of relying on an i18n plugin.
 */
export const rendererMessages = {
  blockFailed: { 'zh-CN': '此区块暂时无法显示', en: 'This block cannot be shown right now' },
  notForRole: {
    'zh-CN': '此区块不向当前预览的身份显示',
    en: 'This block is not shown to the role being previewed',
  },
  unknownPrimitive: { 'zh-CN': '不支持的组件', en: 'Unsupported component' },
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  loadFailed: {
    'zh-CN': '加载失败，请检查网络后重试。',
    en: 'Could not load. Check your connection and try again.',
  },
  networkFailed: {
    'zh-CN': '网络连接失败，请稍后重试。',
    en: 'No connection. Please try again in a moment.',
  },
  retry: { 'zh-CN': '重试', en: 'Retry' },
  loadMore: { 'zh-CN': '加载更多', en: 'Load more' },
  noMore: { 'zh-CN': '没有更多了', en: 'No more' },
  refresh: { 'zh-CN': '刷新', en: 'Refresh' },
  pullToRefresh: { 'zh-CN': '下拉刷新', en: 'Pull to refresh' },
  releaseToRefresh: { 'zh-CN': '松开刷新', en: 'Release to refresh' },
  empty: { 'zh-CN': '暂无内容', en: 'Nothing here yet' },
  notFound: {
    'zh-CN': '找不到这条记录，可能已被删除或您无权查看。',
    en: 'This record was not found, or you may not see it.',
  },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  submitting: { 'zh-CN': '提交中…', en: 'Sending…' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  confirm: { 'zh-CN': '确定', en: 'OK' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  loginRequired: { 'zh-CN': '请先登录后再操作。', en: 'Please log in first.' },
  alreadyDone: {
    'zh-CN': '您已经提交过了，感谢参与。',
    en: 'You have done this already. Thank you.',
  },
  login: { 'zh-CN': '登录', en: 'Log in' },
  pointsEarned: { 'zh-CN': '获得 {n} 积分', en: 'You earned {n} points' },
  pointsSpent: { 'zh-CN': '兑换成功，使用 {n} 积分', en: 'Done: {n} points spent' },
  rate: { 'zh-CN': '评分', en: 'Rating' },
  stars: { 'zh-CN': '{n} 星', en: '{n} stars' },
  rated: { 'zh-CN': '感谢您的评价', en: 'Thanks for your rating' },
  vote: { 'zh-CN': '投票', en: 'Vote' },
  voted: { 'zh-CN': '您已投票', en: 'You have voted' },
  support: { 'zh-CN': '支持', en: 'Support' },
  votes: { 'zh-CN': '{n} 票', en: '{n} votes' },
  consentAgree: { 'zh-CN': '我已阅读并同意', en: 'I have read and agree' },
  sign: { 'zh-CN': '签署', en: 'Sign' },
  signed: { 'zh-CN': '您已签署', en: 'You have signed' },
  book: { 'zh-CN': '预约', en: 'Book' },
  booked: { 'zh-CN': '预约成功', en: 'Booked' },
  full: { 'zh-CN': '已约满', en: 'Full' },
  left: { 'zh-CN': '剩 {n} 位', en: '{n} left' },
  chooseDate: { 'zh-CN': '选择日期', en: 'Choose a date' },
  chooseSlot: { 'zh-CN': '选择时段', en: 'Choose a time' },
  walkMinutes: { 'zh-CN': '步行 {n} 分钟', en: '{n} min walk' },
  call: { 'zh-CN': '拨打', en: 'Call' },
  points: { 'zh-CN': '积分', en: 'Points' },
  pointsBalance: { 'zh-CN': '我的积分', en: 'My points' },
  history: { 'zh-CN': '积分明细', en: 'Points history' },
  inbox: { 'zh-CN': '消息', en: 'Messages' },
  unread: { 'zh-CN': '未读', en: 'Unread' },
  markRead: { 'zh-CN': '标为已读', en: 'Mark as read' },
  open: { 'zh-CN': '查看', en: 'Open' },
  actions: { 'zh-CN': '操作', en: 'Actions' },
  total: { 'zh-CN': '合计', en: 'Total' },
  today: { 'zh-CN': '今天', en: 'Today' },
  prevMonth: { 'zh-CN': '上个月', en: 'Previous month' },
  nextMonth: { 'zh-CN': '下个月', en: 'Next month' },
  events: { 'zh-CN': '当天安排', en: 'On this day' },
  chart: { 'zh-CN': '图表', en: 'Chart' },
  tooFew: { 'zh-CN': '人数太少，不显示', en: 'Too few to show' },
  someHidden: {
    'zh-CN': '人数太少的分组不显示',
    en: 'Groups with too few people are not shown',
  },
  trendUp: { 'zh-CN': '较上期上升 {n}', en: 'Up {n} on the previous period' },
  trendDown: { 'zh-CN': '较上期下降 {n}', en: 'Down {n} on the previous period' },
  trendFlat: { 'zh-CN': '与上期持平', en: 'Same as the previous period' },
  weekOf: { 'zh-CN': '{d} 当周', en: 'Week of {d}' },
  other: { 'zh-CN': '未填写', en: 'Not given' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  forWhom: { 'zh-CN': '为谁办理', en: 'Who is this for' },
  myself: { 'zh-CN': '本人', en: 'Myself' },
  notEligible: { 'zh-CN': '不符合办理条件。', en: 'Not eligible for this.' },
  fullWaitlist: { 'zh-CN': '已约满 · 可候补', en: 'Full · join the waitlist' },
  waiting: { 'zh-CN': '{n} 人候补中', en: '{n} waiting' },
  waitlisted: {
    'zh-CN': '名额已满，已为您加入候补，目前排第 {n} 位；有空位时会自动转为预约并通知您。',
    en: 'It was full, so you are on the waitlist, number {n}. You will be booked and told when a place frees.',
  },
  assignee: { 'zh-CN': '指派给', en: 'Assign to' },
  noAssignees: { 'zh-CN': '暂无可指派的人员', en: 'Nobody to assign to' },
  progress: { 'zh-CN': '办理进度', en: 'Progress' },
  whatNext: { 'zh-CN': '接下来：', en: 'What happens next: ' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof rendererMessages;

export function message(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template: string = rendererMessages[key][locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
