import type { MessageSchema } from '../zh-CN';

// The studio frame: app, shared words, roles, column names, log-in, navigation.
const en: Pick<
  MessageSchema,
  | 'app'
  | 'common'
  | 'locale'
  | 'roles'
  | 'fields'
  | 'table'
  | 'login'
  | 'shell'
  | 'nav'
  | 'noAccess'
  | 'notFound'
> = {
  app: {
    title: 'Scene Studio',
    subtitle: '场景工作室',
  },
  common: {
    cancel: 'Cancel',
    confirm: 'OK',
    close: 'Close',
    retry: 'Retry',
    loading: 'Loading…',
    save: 'Save',
    remove: 'Remove',
    none: 'None',
    error: 'Something went wrong: {message}',
    networkError: 'The server could not be reached. Check the network and try again.',
    publish: 'Publish',
    disable: 'Disable',
    enable: 'Enable',
    upgrade: 'Upgrade',
  },
  locale: {
    label: 'Language',
    'zh-CN': '简体中文',
    en: 'English',
  },
  roles: {
    admin: 'Platform admin',
    operator: 'Operator',
    staff: 'Service staff',
    vendor: 'Component vendor',
    resident: 'Resident',
    supervisor: 'Supervisor',
  },
  fields: {
    community: 'Community',
    name: 'Name',
    version: 'Version',
    publishedAt: 'Published',
    plugin: 'Plugin',
    disabled: 'Disabled',
    submittedAt: 'Submitted',
    createdAt: 'Created',
    at: 'When',
    expiresAt: 'Expires',
    status: 'Status',
    live: 'Live',
    validDays: 'Valid for (days, at most 365)',
  },
  table: {
    search: 'Search',
    empty: 'Nothing matches',
    actions: 'Actions',
    total: '{n} in all',
    pageSize: 'Rows per page',
    perPage: '{n} per page',
  },
  login: {
    heading: 'Sign in to Scene Studio',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    failed: 'Wrong username or password.',
    locked: 'Too many attempts. Try again later.',
  },
  shell: {
    chooseCommunity: 'Choose a community',
    noCommunities:
      'You have no communities to manage yet. Ask the platform admin to assign you one.',
    signOut: 'Sign out',
    signedInAs: '{name} ({role})',
    welcome: 'Welcome, {name}',
    welcomeHint: 'Pick what to do from the navigation above.',
  },
  nav: {
    compose: 'Compose portal',
    history: 'Publish history',
    marketplace: 'Marketplace',
    vendor: 'Vendor console',
    review: 'Plugin review',
    platform: 'Platform',
  },
  noAccess: {
    heading: 'This account cannot use Scene Studio',
    reason:
      'Scene Studio is for operators, component vendors and platform admins. Your account is "{roles}", which has no studio rights.',
    residentHint: "Residents use their community's portal on a phone.",
    staffHint: 'Service staff handle tickets in the community portal.',
    areaDenied: 'Your role cannot open this page.',
  },
  notFound: {
    heading: 'Page not found',
    back: 'Back to start',
  },
};

export default en;
