// Public surface of @scene/schema. Everything else is internal.
export * from './manifest/vocabulary';
export type * from './manifest/types';
export type * from './portal/types';
export type * from './subset/types';
export { SCHEMA_TYPES, STRING_FORMATS, WIDGETS, PII_KINDS } from './subset/types';
export type * from './filter/types';
export { FILTER_OPS, FILTER_VAR_NAMES } from './filter/types';
