import en from './en';
import zhCN from './zh-CN';

/** The ecosystem screens' messages, merged into the studio catalogue under `eco`. */
export const ecoMessages = { 'zh-CN': zhCN, en } as const;
export type { EcoMessages } from './zh-CN';
