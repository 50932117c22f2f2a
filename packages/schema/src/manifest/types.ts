import type { Filter, FilterOp } from '../filter/types';
import type { GuardDef } from './parts/guard';
import type { TimeAnchor, TimeAs } from '../time/relative';
import type { FieldsFromDef } from './parts/fields-from';
import type { HoursDef } from './parts/hours';
import type { OfferedDef } from './parts/offered';
import type { OnceDef } from './parts/once';
import type { ConfigPreset } from './parts/presets';
import type { RepeatDef } from './parts/recurrence';
import type { ScheduleDef } from './parts/schedules';
export type * from './parts/recurrence';
export type * from './parts/once';
export type * from './parts/fields-from';
export type * from './parts/schedules';
import type { JsonLiteral, JsonValue, VendorSchema } from '../subset/types';
import type { Assign, FamilyOfTarget, PeopleActionFields, Waitlist } from './parts/people';
import type { PrivacyDef } from './parts/privacy';

export type { Assign, FamilyOfTarget, PeopleActionFields, Waitlist };
import type {
  ActionType,
  BindRoot,
  GrantableRole,
  IconName,
  MigrationOp,
  PermissionScope,
  QueryKind,
  RoleRef,
  Scene,
  Surface,
  Tier,
  Tone,
  UninstallPolicy,
  ViewSlot,
} from './vocabulary';
import type { AggregateQueryFields } from './parts/aggregates';
import type { MetricDef } from './parts/metrics';

/** Every user-facing string: zh-CN first, en second, both required. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** A structural binding: `config.title`, `item.status`, `user.displayName`, `route.id`. */
export interface Binding {
  bind: `${BindRoot}` | `${BindRoot}.${string}`;
}

export interface PluginManifest {
  /** 1 is still accepted and read as 2 (`upgradeManifest`); 2 adds schedules. */
  manifestVersion: 1 | 2;
  /** `vendor.name`, lowercase, immutable across versions. */
  id: string;
  /** Semver; a published version is immutable. */
  version: string;
  engines: { platform: string };
  vendor: Vendor;
  name: LocalizedText;
  description: LocalizedText;
  scene: Scene;
  tier: Tier;
  icon: IconName;
  permissions: Permission[];
  roles: PluginRole[];
  /** The operator's property panel; root must be `type: object`. */
  config: VendorSchema;
  /** Named sets of config values (templates) the studio offers; see parts/presets.ts. */
  presets?: ConfigPreset[];
  collections: Record<string, CollectionDef>;
  actions: Record<string, ActionDef>;
  queries: Record<string, QueryDef>;
  views: ViewDef[];
  migrations: Migration[];
  /** Aggregates declared as the plugin's figures for the operations dashboard. */
  metrics?: MetricDef[];
  lifecycle: { onUninstall: UninstallPolicy };
  changelog?: ChangelogEntry[];
  /** Version 2: work the server runs on its own (see parts/schedules.ts). */
  schedules?: Record<string, ScheduleDef>;
}

export interface Vendor {
  /** Must equal the part of `id` before the dot. */
  id: string;
  name: LocalizedText;
  url?: string;
  email?: string;
}

export interface Permission {
  scope: PermissionScope;
  reason: LocalizedText;
}

export interface PluginRole {
  /** Referenced elsewhere as `plugin:<id>`. */
  id: string;
  name: LocalizedText;
  /**
   * Platform roles whose members hold this plugin role by default, in every community where the
   * plugin is installed. An operator may also grant it to individual members
   * (`plugin:<pluginId>/<roleId>`). `holdsRole` in @scene/schema is the one reading of this.
   */
  grantedTo: GrantableRole[];
}

export interface ChangelogEntry {
  version: string;
  /** YYYY-MM-DD */
  date?: string;
  notes: LocalizedText;
}

// ---------------------------------------------------------------------------------------------
// Collections

export interface CollectionDef {
  /** Integer ≥ 1; raising it requires a migration from the previous value. */
  schemaVersion: number;
  /** One document; root `type: object`; every string bounded by maxLength, every array by maxItems. */
  schema: VendorSchema;
  indexes?: IndexDef[];
  access: { read: AccessRule[] };
  workflow?: Workflow;
  /** Required when any field is marked `x-pii`. */
  retention?: { days: number };
  capacity?: CapacityRule[];
  counters?: Record<string, CounterDef>;
  /** Who sees which `x-pii` field in clear, and who may unmask (see parts/privacy.ts). */
  privacy?: PrivacyDef;
}

export interface IndexDef {
  /** Field → 1 (ascending) or -1 (descending); order matters. */
  fields: Record<string, 1 | -1>;
  unique?: boolean;
}

/** A caller holding any of `roles` may read the records matching `where` (all records if absent). */
export interface AccessRule {
  roles: RoleRef[];
  where?: Filter;
}

export interface Workflow {
  /** A string field of the schema with an `enum` of the state ids. */
  field: string;
  initial: string;
  states: WorkflowState[];
  transitions: Transition[];
}

export interface WorkflowState {
  id: string;
  label: LocalizedText;
  tone?: Tone;
  terminal?: boolean;
}

export interface Transition {
  id: string;
  from: string[];
  to: string;
  roles: RoleRef[];
  label: LocalizedText;
  /** The record must also match this (e.g. only its creator may rate). */
  where?: Filter;
  /** The server runs this transition by itself once the record matches (e.g. supports ≥ threshold). */
  auto?: Filter;
  notify?: Notify[];
  assign?: Assign;
}

/**
 * At most `limit` records (optionally only those matching `where`) may share the values of
 * `key`, e.g. canteen bookings per date and meal slot.
 */
export interface CapacityRule {
  /** Names the rule for a `kind: "capacity"` query (slot availability without reading records). */
  id?: string;
  key: string[];
  /**
   * A number, `{bind: "config.x"}`, or `{bind: "config.perSlot", by: "slot"}`: an object in config
   * keyed by the values of the record field `by` (e.g. lunch 80, dinner 50). With `value`, the
   * binding is a config array of objects (a catalogue): the limit is the `value` key of the entry
   * whose `id` equals the record's `by` field (`{bind: "config.services", by: "service", value:
   * "perSlot"}`). `{bind: "item.capacity"}` reads the limit from an integer field of the record
   * itself (copied from its parent with `parent.copy`: an event's own number of places).
   */
  limit: number | Binding | { bind: `config.${string}`; by: string; value?: string };
  where?: Filter;
  message?: LocalizedText;
  waitlist?: Waitlist;
  overflow?: CapacityOverflow;
  /** A limit on a sum: each record takes its own weight of the limit instead of 1. */
  weight?: CapacityWeight;
}

/**
 * A record's share of a capacity rule's limit, read from one of its number fields: `field ÷ per`
 * in the limit's unit (minutes ÷ 60 = hours), rounded up to whole `step`s. Each step is one seat,
 * so the limit holds exactly under concurrent writes; `step` sets how many inserts a record costs.
 */
export interface CapacityWeight {
  field: string;
  /** How many of the field's units make one unit of the limit (default 1). */
  per?: number;
  /** The limit's units one seat holds (default 1): 0.5 counts hours in half-hours. */
  step?: number;
}

/**
 * What a create does when its capacity rule is full, instead of being refused: the record is
 * written with `set` (literals that take it out of the rule's `where`), e.g. a meal beyond the
 * month's subsidised ones is booked at full price. `allowed` (default true, or a config boolean)
 * lets the operator choose refusal instead.
 */
export interface CapacityOverflow {
  set: Record<string, string | number | boolean | null>;
  allowed?: boolean | { bind: `config.${string}` };
}

/** A number on each record of this collection counting records of `source` whose `by` field holds its `_id`. */
export interface CounterDef {
  source: string;
  by: string;
  where?: Filter;
}

// ---------------------------------------------------------------------------------------------
// Actions (the only writes)

interface ActionBase extends PeopleActionFields {
  type: ActionType;
  collection: string;
  label: LocalizedText;
  roles: RoleRef[];
  /** Validated on the server before anything is written; its properties are record fields. */
  input?: VendorSchema;
  points?: PointsAward;
  notify?: Notify[];
  /** Ask the user to confirm before running. */
  confirm?: LocalizedText;
  /** Refuse after a cut-off relative to a date field of the record (or of the input, on create). */
  deadline?: Deadline;
}

/**
 * The action is refused once the community's local time passes `date` (a YYYY-MM-DD field)
 * + `offsetDays` at `time` (HH:MM: literal, bound to config, or `{bind: "item.startTime"}`, a
 * field of the record itself).
 */
export interface Deadline {
  date: string;
  time: string | Binding;
  offsetDays?: number;
  message?: LocalizedText;
}

/** On create: the record named by `field` (an id) must exist in `collection`, be readable by the caller and match `where`. */
export interface ParentGuard {
  field: string;
  collection: string;
  where?: Filter;
  /**
   * Record field ← parent field: values the server copies from the parent record into the new
   * one (an event's date and places onto a sign-up), never taken from the caller.
   */
  copy?: Record<string, string>;
}

/**
 * Record fields the server fills, not the caller. `code` = a 6-digit code unique among the
 * collection's records in the community (write-off codes shown at a counter); `seq` = the
 * record's number in its collection and community, 1, 2, 3… in order of creation (the short
 * number a resident quotes, "报修 #0042"; an integer field). `user.*` is the
 * person the action runs for; `actor.*` the one who ran it (different when acting for a family
 * member, see `onBehalf`). `user.household` names the person's household — them and the family
 * members linked to them in the community, carers aside — by an opaque key, for "per household"
 * limits (a capacity rule keyed on it).
 */
export type ServerValue =
  | JsonLiteral
  | {
      var:
        | 'user.id'
        | 'user.displayName'
        | 'user.household'
        | 'actor.id'
        | 'actor.displayName'
        | TimeAnchor
        | 'code'
        | 'seq'
        | `config.${string}`
        /** On a create, with `as: "month"`: the local month of a date field of the new record. */
        | `item.${string}`;
      /** On a time anchor: a signed ISO-8601 duration, e.g. `{"var": "today", "offset": "P1D"}`. */
      offset?: string;
      as?: TimeAs;
    };

export interface CreateAction extends ActionBase {
  type: 'create';
  set?: Record<string, ServerValue>;
  parent?: ParentGuard;
  /** Shown when a unique index of the collection rejects the record (e.g. "you already voted"). */
  duplicateMessage?: LocalizedText;
  /** Version 2: one input becomes a bounded series of records (parts/recurrence.ts). */
  repeat?: RepeatDef;
  /** Version 2: at most one record per person per parent record, optionally anonymous (parts/once.ts). */
  once?: OnceDef;
  /** Version 2: form fields described by a config array (a survey's questions; parts/fields-from.ts). */
  fieldsFrom?: FieldsFromDef;
  /** Version 2: refused before this local time (a survey's open date; the mirror of `deadline`). */
  opens?: Deadline;
  /**
   * Record field ← `<field>.<key>`: a key of the config entry chosen in the `x-options` field
   * `<field>`, copied by the server (`{"subsidy": "service.subsidy"}`), so a price or subsidy
   * comes from the operator's catalogue, never from the caller.
   */
  copy?: Record<string, string>;
  /**
   * Version 2: the slot must lie within the opening hours of the catalogue entry chosen in an
   * `x-options` field, on its slot grid; the server fills the slot's end, moments and week
   * (parts/hours.ts).
   */
  hours?: HoursDef;
  /**
   * Version 2: accepted only for a day and slot an entry of a config catalogue lists (a weekly
   * menu), else 409 `not_offered`; the slot picker shows the others closed (parts/offered.ts).
   */
  offered?: OfferedDef;
  /**
   * Version 2: refused for a while after the person's repeated records of a kind (3 no-shows in
   * 30 days pause bookings for 14 days; parts/guard.ts).
   */
  guard?: GuardDef;
}
export interface UpdateAction extends ActionBase {
  type: 'update';
  /** Which record the caller may update; usually its own (`createdBy eq user.id`). */
  where: Filter;
  set?: Record<string, ServerValue>;
}
export interface TransitionAction extends ActionBase {
  type: 'transition';
  /** Id of a transition of the collection's workflow. */
  transition: string;
  set?: Record<string, ServerValue>;
  /**
   * Input field → record field that must hold the same value (`{"pickupCode": "pickupCode"}`:
   * the code the parent shows, typed by staff, is the booking's); refused otherwise (409
   * `match_failed` with `matchMessage`).
   */
  match?: Record<string, string>;
  matchMessage?: LocalizedText;
  /** Version 2: the record is found by a code typed at a counter instead of by its id. */
  findBy?: FindBy;
}
/**
 * A transition that finds its record by a code the resident shows (`{"field": "code", "input":
 * "code", "within": {"field": "date", "op": "eq", "value": {"var": "today"}}}`): `field` is filled
 * by a create's `set` `{"var": "code"}` (unique in the collection and community), `input` the
 * required input field staff type it into. No such code is a 404 with `notFoundMessage`; a record
 * outside `within` (another day's booking) a 409 `not_within` with `withinMessage`.
 */
export interface FindBy {
  field: string;
  input: string;
  within?: Filter;
  notFoundMessage?: LocalizedText;
  withinMessage?: LocalizedText;
}
export interface DeleteAction extends ActionBase {
  type: 'delete';
  where: Filter;
}
/**
 * Spend points on an item of a catalog kept in config (`catalog: {bind: "config.items"}`, an
 * array of objects with `id`, `points`, optional `stock` and `perUserLimit`). Creates a record
 * in `collection` with `itemId`, `points` and `quantity`.
 */
export interface RedeemAction extends ActionBase {
  type: 'redeem';
  catalog: Binding;
  /** Orders matching this no longer count against stock and per-user limits (e.g. cancelled). */
  releaseWhen?: Filter;
  /** Record field ← catalog item field, copied by the server (e.g. `{ "itemName": "name" }`). */
  copy?: Record<string, string>;
  set?: Record<string, ServerValue>;
}
export type ActionDef =
  CreateAction | UpdateAction | TransitionAction | DeleteAction | RedeemAction;

/** Points credited once per (action, record, recipient); replays never pay twice. */
export interface PointsAward {
  /** A number, `{bind: "config.x"}`, or on update/transition/delete `{bind: "item.<field>"}` (the record's value). */
  amount: number | Binding;
  /** Points per unit of `amount` (a number or `{bind: "config.x"}`): paid = round(amount × rate), e.g. hours × points per hour. */
  rate?: number | Binding;
  /** `actor` = the caller, `owner` = the record's creator. */
  to: 'actor' | 'owner';
  reason: LocalizedText;
}

export type NotifyTarget =
  { actor: true } | { owner: true } | { role: RoleRef } | { field: string } | FamilyOfTarget;

export interface Notify {
  to: NotifyTarget;
  title: LocalizedText;
  body?: LocalizedText;
  /** A view of this plugin to open from the inbox message; the record id is passed as `route.id`. */
  view?: string;
  /**
   * Version 2: sent only when this filter holds on the record as written (its fields by name,
   * `config.*` and the caller's vars), e.g. a measurement above the operator's range.
   */
  when?: Filter;
}

// ---------------------------------------------------------------------------------------------
// Queries (the only reads; the server runs nothing else)

export interface QueryDef extends AggregateQueryFields {
  collection: string;
  kind: QueryKind;
  /** Added to the collection's access rules, never replacing them. */
  where?: Filter;
  /** Further restricts who may run it (the access rules still apply). */
  roles?: RoleRef[];
  /** Fields the client may filter on, with the ops allowed for each. */
  filterable?: Record<string, FilterOp[]>;
  /** `list` only: allowed sort orders; the first is the default; fields must lead an index. */
  sort?: SortSpec[];
  /** `group` and `aggregate`: the field (or up to 3 fields) to group by. */
  groupBy?: string | string[];
  /** `capacity` only: id of a capacity rule of the collection; returns used/limit per key, never records. */
  capacity?: string;
  /** `list` only. */
  pageSize?: { default: number; max: number };
  /** `list` only: projection; all fields when absent. */
  fields?: string[];
  /**
   * `list` only: rows the caller did not create come without who — no `createdBy`, `actedBy`,
   * `x-ref: "user"` fields or history `by` — for records neighbours may read (a public request)
   * without learning whose they are.
   */
  hidePeople?: boolean;
}

export interface SortSpec {
  field: string;
  dir: 'asc' | 'desc';
  /** Tie-breakers, in order (compound sort). */
  then?: { field: string; dir: 'asc' | 'desc' }[];
}

// ---------------------------------------------------------------------------------------------
// Views

export interface ViewDef {
  id: string;
  surface: Surface;
  slot: ViewSlot;
  /** Page views only: path below the plugin's mount point, e.g. `repairs/queue`. */
  route?: string;
  roles?: RoleRef[];
  title?: LocalizedText;
  root: ViewNode;
  /**
   * A resident page listing the person's own records or places ("我的报修", "我的订餐"): the
   * portal links it from 我的, under its title.
   */
  mine?: boolean;
  /**
   * A staff page view's count of what waits for its people (a `count` query): 工作台 shows it
   * beside the view's entry and lists views with waiting work first.
   */
  waiting?: { query: string };
}

/** One primitive. `props` is checked against the primitive's schema in the catalog. */
export interface ViewNode {
  type: string;
  /** Checked against the primitive's props schema (`primitiveCatalog[type].props`), not by TS. */
  props?: Record<string, unknown>;
  children?: ViewNode[];
  /** Render only when the context (`{config, item, user, route}`) matches. */
  when?: Filter;
}

// ---------------------------------------------------------------------------------------------
// Migrations

export type MigrationStep =
  | { op: Extract<MigrationOp, 'rename'>; from: string; to: string }
  | { op: Extract<MigrationOp, 'setDefault'>; field: string; value: JsonValue }
  | { op: Extract<MigrationOp, 'remove'>; field: string }
  | { op: Extract<MigrationOp, 'mapValues'>; field: string; map: Record<string, JsonLiteral> };

export interface Migration {
  collection: string;
  from: number;
  to: number;
  steps: MigrationStep[];
}
