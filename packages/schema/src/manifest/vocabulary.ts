// Fixed vocabularies shared by the TypeScript types and the JSON Schemas, so the two cannot
// disagree about which values exist.

/** The manifest format this platform writes; version 1 manifests are still read (upgradeManifest). */
export const MANIFEST_VERSION = 2 as const;
export const MANIFEST_VERSIONS = [1, 2] as const;

export const SCENES = [
  'neighbourhood',
  'education',
  'health',
  'entrepreneurship',
  'architecture',
  'transport',
  'low-carbon',
  'service',
  'governance',
] as const;
export type Scene = (typeof SCENES)[number];

export const TIERS = ['standard', 'optional'] as const;
export type Tier = (typeof TIERS)[number];

/** The platform's icon set; plugins, tabs and entry grids may only name these. */
export const ICONS = [
  'home',
  'wrench',
  'megaphone',
  'bell',
  'vote',
  'handshake',
  'scroll',
  'utensils',
  'gift',
  'coins',
  'users',
  'user',
  'heart',
  'book',
  'briefcase',
  'building',
  'bus',
  'leaf',
  'shield',
  'calendar',
  'clock',
  'map-pin',
  'phone',
  'star',
  'clipboard',
  'chat',
  'baby',
  'elderly',
  'camera',
  'settings',
  'info',
  'check',
  'search',
  'chart',
  'inbox',
  'document',
  'flag',
  'sparkles',
  'shopping-bag',
  'qrcode',
] as const;
export type IconName = (typeof ICONS)[number];

export const PERMISSION_SCOPES = [
  'points:award',
  'points:spend',
  'notify:send',
  'pii:read',
  'uploads:write',
] as const;
export type PermissionScope = (typeof PERMISSION_SCOPES)[number];

/** Platform roles. `public` is the anonymous visitor of a portal's public pages. */
export const PLATFORM_ROLES = [
  'admin',
  'operator',
  'staff',
  'vendor',
  'resident',
  'public',
] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
/** Roles a plugin role may be granted to (never `public`, never `vendor`). */
export const GRANTABLE_ROLES = ['admin', 'operator', 'staff', 'resident'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];
/** A plugin-declared role, written `plugin:<roleId>`. */
export type PluginRoleRef = `plugin:${string}`;
export type RoleRef = PlatformRole | PluginRoleRef;

export const SURFACES = ['resident', 'staff', 'public'] as const;
export type Surface = (typeof SURFACES)[number];

export const VIEW_SLOTS = ['block', 'page'] as const;
export type ViewSlot = (typeof VIEW_SLOTS)[number];

export const UNINSTALL_POLICIES = ['export-then-delete', 'retain', 'delete'] as const;
export type UninstallPolicy = (typeof UNINSTALL_POLICIES)[number];

export const ACTION_TYPES = ['create', 'update', 'transition', 'delete', 'redeem'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const QUERY_KINDS = ['list', 'count', 'group', 'capacity', 'aggregate'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export const TONES = ['default', 'primary', 'success', 'warning', 'danger', 'info'] as const;
export type Tone = (typeof TONES)[number];

/**
 * Fields the platform keeps on every record. Plugins may read, filter and sort on them but
 * never declare or write them. `createdBy` is the person the record is for; `actedBy` who
 * created it for them, when that was someone else (a family member, see `onBehalf`).
 */
export const SYSTEM_FIELDS = [
  '_id',
  'createdBy',
  'actedBy',
  'createdAt',
  'updatedAt',
  'schemaVersion',
] as const;
export const MIGRATION_OPS = ['rename', 'setDefault', 'remove', 'mapValues'] as const;
export type MigrationOp = (typeof MIGRATION_OPS)[number];

/** Roots a structural binding may start with. */
export const BIND_ROOTS = ['config', 'item', 'user', 'route'] as const;
export type BindRoot = (typeof BIND_ROOTS)[number];
