import type { MessageSchema } from './zh-CN';
import base from './en/base';
import compose from './en/compose';
import plugins from './en/plugins';
import platform from './en/platform';
import people from './en/people';
import operations from './en/operations';

const en: MessageSchema = {
  ...base,
  ...compose,
  ...plugins,
  ...platform,
  ...people,
  ...operations,
};

export default en;
