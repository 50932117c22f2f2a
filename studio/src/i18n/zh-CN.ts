// The source catalogue: every key exists here first; en.ts is typed against this shape so a
// missing English string is a type error.
const zhCN = {
  app: { title: '场景工作室', subtitle: 'Scene Studio' },
  common: {
    cancel: '取消',
    confirm: '确定',
    close: '关闭',
    retry: '重试',
    loading: '加载中…',
    save: '保存',
    remove: '删除',
    none: '无',
    error: '出错了：{message}',
    networkError: '无法连接服务器，请检查网络后重试。',
  },
  locale: { label: '语言', 'zh-CN': '简体中文', en: 'English' },
  roles: {
    admin: '平台管理员',
    operator: '运营商',
    staff: '服务人员',
    vendor: '组件商',
    resident: '居民',
  },
  login: {
    heading: '登录场景工作室',
    username: '用户名',
    password: '密码',
    submit: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    failed: '用户名或密码不正确。',
    locked: '尝试次数过多，请稍后再试。',
  },
  shell: {
    community: '社区',
    chooseCommunity: '选择社区',
    noCommunities: '你还没有可管理的社区。请联系平台管理员为你分配社区。',
    signOut: '退出登录',
    signedInAs: '{name}（{role}）',
    welcome: '欢迎，{name}',
    welcomeHint: '从上方导航选择要做的事。',
  },
  nav: { compose: '门户编排', history: '发布历史' },
  noAccess: {
    heading: '此账号无法使用场景工作室',
    reason:
      '场景工作室供运营商、组件商和平台管理员使用。你的账号角色是「{roles}」，没有工作室权限。',
    residentHint: '居民请在手机上打开所在社区的门户使用服务。',
    staffHint: '服务人员请在社区门户中处理工单。',
    areaDenied: '你的角色无权打开此页面。',
  },
  notFound: { heading: '页面不存在', back: '返回首页' },
} as const;

export type MessageSchema = DeepString<typeof zhCN>;
type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };

export default zhCN as MessageSchema;
