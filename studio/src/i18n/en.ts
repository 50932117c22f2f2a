import type { MessageSchema } from './zh-CN';

const en: MessageSchema = {
  app: { title: 'Scene Studio', subtitle: '场景工作室' },
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
  },
  locale: { label: 'Language', 'zh-CN': '简体中文', en: 'English' },
  roles: {
    admin: 'Platform admin',
    operator: 'Operator',
    staff: 'Service staff',
    vendor: 'Component vendor',
    resident: 'Resident',
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
    community: 'Community',
    chooseCommunity: 'Choose a community',
    noCommunities:
      'You have no communities to manage yet. Ask the platform admin to assign you one.',
    signOut: 'Sign out',
    signedInAs: '{name} ({role})',
    welcome: 'Welcome, {name}',
    welcomeHint: 'Pick what to do from the navigation above.',
  },
  nav: { compose: 'Compose portal', history: 'Publish history' },
  noAccess: {
    heading: 'This account cannot use Scene Studio',
    reason:
      'Scene Studio is for operators, component vendors and platform admins. Your account is "{roles}", which has no studio rights.',
    residentHint: "Residents use their community's portal on a phone.",
    staffHint: 'Service staff handle tickets in the community portal.',
    areaDenied: 'Your role cannot open this page.',
  },
  notFound: { heading: 'Page not found', back: 'Back to start' },
};

export default en;
