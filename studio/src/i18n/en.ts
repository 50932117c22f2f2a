import type { MessageSchema } from './zh-CN';
import base from './en/base';
import compose from './en/compose';
import plugins from './en/plugins';
import platform from './en/platform';

const en: MessageSchema = { ...base, ...compose, ...plugins, ...platform };

export default en;
