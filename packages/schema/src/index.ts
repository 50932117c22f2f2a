// Public surface of @scene/schema. Everything not exported here is internal.

// Types and fixed vocabularies
export * from './manifest/vocabulary';
export type * from './manifest/types';
export type * from './manifest/parts/privacy';
export type * from './portal/types';
export type * from './subset/types';
export { SCHEMA_TYPES, STRING_FORMATS, WIDGETS, PII_KINDS } from './subset/types';
export type * from './filter/types';
export * from './manifest/parts/aggregates';
export * from './manifest/parts/metrics';
export * from './manifest/parts/notify-text';
export { FILTER_OPS, FILTER_VAR_NAMES, PEOPLE_VAR_NAMES } from './filter/types';

// People: member attributes and family links (vocabulary and labels)
export * from './people/vocabulary';

// Validation: every validator's errors go through one formatter (schemaIssues for documents,
// fieldIssues for form fields); fixed schemas are precompiled (src/generated/).
export type { Issue, Severity, ValidationResult } from './errors/issue';
export { formatIssue } from './errors/issue';
export type { SchemaError } from './errors/schema-error';
export { schemaIssues } from './errors/format';
export { fieldIssues } from './errors/field';
export { parseJson } from './errors/json-syntax';
export type { ParsedJson, JsonSyntaxIssue } from './errors/json-syntax';
export { validateManifest } from './manifest/validate';
export { clientManifest } from './manifest/client';
export type { ClientCapacityRule, ClientManifest, ClientCollectionDef } from './manifest/client';
export type { ValidateManifestOptions } from './manifest/validate';
export { validatePortal } from './portal/validate';
export { checkPortal } from './portal/check';
export type { ConfigCheck, ValidatePortalOptions } from './portal/check';
export { manifestMetaSchema, MANIFEST_SCHEMA_ID } from './manifest/meta-schema';
export { portalSchema, PORTAL_SCHEMA_ID } from './portal/schema';
export { toRuntimeSchema } from './subset/compile';
export { vetPattern } from './subset/regex';

// Filters
export { compileFilter, FilterError, MONGO_OPERATORS } from './filter/compile';
export type { CompileOptions, MongoFilter } from './filter/compile';
export { deepEqual, evaluateFilter, filterTest, type FilterTest } from './filter/evaluate';
export { checkFilterShape, FILTER_LIMITS } from './filter/shape';

// Roles, views and personal data: the one reading of `grantedTo`, view roles and privacy rules
export * from './access';

// Versions
export { diffPlugins } from './diff/diff';
export type { PluginDiff, PluginChange, ChangeArea } from './diff/diff';
export { checkUpgrade, upgradeRefusal, versionChange, VERSION_CHANGE_TEXT } from './diff/gate';
export type { UpgradeCheck, Bump, VersionChange } from './diff/gate';

// Texts
export { localize } from './text/localize';

// Aggregate queries (sums, trends, community figures)
export * from './aggregate';

// Vendor schemas in the browser (no code generation: the CSP forbids eval)
export { createBrowserValidator } from './validators/browser';
export { browserConfigCheck } from './validators/browser-config';
export type { BrowserValidator } from './validators/browser';

// Cached validators for data (per plugin@version), on the server
export {
  getActionValidator,
  getCollectionValidator,
  getConfigValidator,
  clearValidatorCache,
} from './validators/cache';
export type { DataValidator } from './validators/cache';

// Primitives
export { primitiveCatalog, PRIMITIVE_TYPES, CATALOG_VERSION } from './primitives/catalog';
export type { PrimitiveSpec, PrimitiveCategory, ChildrenPolicy } from './primitives/catalog';
export { exampleManifest } from './manifest/example';
export { templateManifest } from './manifest/template';

// Version 2: every reader sees a manifest through upgradeManifest
export { upgradeManifest } from './manifest/upgrade';
export type { CurrentManifest } from './manifest/upgrade';
export {
  WEEKDAYS,
  SCHEDULE_DEFAULTS,
  MAX_CATCH_UP,
  OFFSET_UNITS,
  resolveOffset,
} from './manifest/parts/schedules';
export { MAX_SERIES } from './manifest/parts/recurrence';
export type { RankDef } from './manifest/parts/rank';
export {
  dayWords,
  guardRule,
  pauseEnds,
  PAUSED_MESSAGE,
  withUntil,
  type GuardDef,
  type GuardEntry,
  type GuardRule,
} from './manifest/parts/guard';
export {
  daySlots,
  hoursFilledFields,
  slotFields,
  weekOf,
  type DaySlot,
  type HoursDef,
} from './manifest/parts/hours';
export {
  cutOffAt,
  isOffered,
  offeredField,
  weekdayName,
  type OfferedDef,
  type OfferedMatch,
  type ScheduleOfferedDef,
  type ScheduleOfferedMatch,
} from './manifest/parts/offered';
export {
  FIELD_KINDS,
  RATING_MAX,
  answersFromInput,
  configFields,
  fieldsFormSchema,
  fieldsFromLimits,
  ratingScore,
  csvText,
  tallyAnswers,
} from './manifest/parts/fields-from';
export { applyPreset, type ConfigPreset } from './manifest/parts/presets';
export {
  resultsCsv,
  resultsRows,
  type SheetCell,
  type SheetLang,
} from './manifest/parts/results-sheet';

// Time in a community's zone (server, studio and portal alike)
export * from './time/index';

// People (version 2): waitlists, households, assignment, eligibility
export { peopleExampleManifest } from './manifest/parts/people-example';
export { waitlistEdges } from './manifest/parts/people';
