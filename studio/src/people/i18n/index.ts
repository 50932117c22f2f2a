import en from './en';
import zhCN from './zh-CN';

/** The people screens' messages, merged into the studio catalogue under `people`. */
export const peopleMessages = { 'zh-CN': zhCN, en } as const;
export type { PeopleMessages } from './zh-CN';
