// Public surface of @scene/schema. Everything not exported here is internal.

// Types and fixed vocabularies
export * from './manifest/vocabulary';
export type * from './manifest/types';
export type * from './portal/types';
export type * from './subset/types';
export { SCHEMA_TYPES, STRING_FORMATS, WIDGETS, PII_KINDS } from './subset/types';
export type * from './filter/types';
export { FILTER_OPS, FILTER_VAR_NAMES } from './filter/types';

// Validation
export type { Issue, Severity, ValidationResult } from './errors/issue';
export { formatIssue } from './errors/issue';
export { validateManifest } from './manifest/validate';
export type { ValidateManifestOptions } from './manifest/validate';
export { validatePortal } from './portal/validate';
export type { ValidatePortalOptions } from './portal/validate';
export { manifestMetaSchema, MANIFEST_SCHEMA_ID } from './manifest/meta-schema';
export { portalSchema, PORTAL_SCHEMA_ID } from './portal/schema';
export { toRuntimeSchema } from './subset/compile';
export { vetPattern } from './subset/regex';

// Filters
export { compileFilter, FilterError, MONGO_OPERATORS } from './filter/compile';
export type { CompileOptions, MongoFilter } from './filter/compile';
export { evaluateFilter } from './filter/evaluate';
export { checkFilterShape, FILTER_LIMITS } from './filter/shape';

// Versions
export { diffPlugins } from './diff/diff';
export type { PluginDiff, PluginChange, ChangeArea } from './diff/diff';
export { checkUpgrade } from './diff/gate';
export type { UpgradeCheck, Bump } from './diff/gate';

// Cached validators for data (per plugin@version)
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
