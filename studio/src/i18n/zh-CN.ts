// The studio's one catalogue (every screen), in one file per part of the studio. Every key exists
// here first; en.ts is typed against this shape so a missing English string is a type error. Words
// used on several screens (column names, states, actions) have one key, under `fields` and `common`.
import base from './zh-CN/base';
import compose from './zh-CN/compose';
import plugins from './zh-CN/plugins';
import platform from './zh-CN/platform';
import people from './zh-CN/people';
import operations from './zh-CN/operations';
import audit from './zh-CN/audit';

const zhCN = { ...base, ...compose, ...plugins, ...platform, ...people, ...operations, ...audit };

export type MessageSchema = DeepString<typeof zhCN>;
type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };

export default zhCN as MessageSchema;
