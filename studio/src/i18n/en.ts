import type { MessageSchema } from './zh-CN';
import base from './en/base';
import compose from './en/compose';
import plugins from './en/plugins';
import platform from './en/platform';
import people from './en/people';
import operations from './en/operations';
import audit from './en/audit';

const en: MessageSchema = {
  ...base,
  ...compose,
  ...plugins,
  ...platform,
  ...people,
  ...operations,
  ...audit,
};

export default en;
