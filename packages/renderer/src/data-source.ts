import type {
  AggregateAnswer,
  ClientManifest,
  FieldsResults,
  FamilyRelation,
  LocalizedText,
  MemberAttributes,
} from '@scene/schema';

/** The two languages every user-facing text carries. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

/** Someone the signed-in person may act for (a family member who allowed it). */
export interface ActsFor {
  id: string;
  displayName: string;
  /** What they are to the signed-in person. */
  relation: FamilyRelation | 'caredFor';
  attributes: MemberAttributes;
}

/** The signed-in person as the renderer sees them; `null` for an anonymous visitor. */
export interface RuntimeUser {
  id: string;
  displayName: string;
  /**
   * Roles in this community as the membership states them: platform roles (`resident`,
   * `staff`, …) and explicit plugin-role grants `plugin:<pluginId>/<roleId>`. What they hold for
   * a plugin is `effectiveRoles` of @scene/schema (`rolesFor` here).
   */
  roles: string[];
  communityId?: string;
  /** What the operator recorded of them (eligibility rules read it). */
  attributes?: MemberAttributes;
  /** Family members who allowed them to act for them (`onBehalf` actions, `user.actsFor`). */
  actsFor?: ActsFor[];
}

/** One stored record as a query returns it (system fields included). */
export type RecordDoc = Record<string, unknown> & { _id: string };

export interface Page<T> {
  items: T[];
  /** Opaque cursor of the next page; absent or null on the last page. */
  nextCursor?: string | null;
}

export interface QueryRequest {
  plugin: string;
  query: string;
  cursor?: string;
  limit?: number;
  /** Extra conditions on the query's `filterable` fields: field → value (eq). */
  filter?: Record<string, unknown>;
}

/** An aggregate query over a period: `from`/`to` are local dates or ISO timestamps. */
export interface AggregateRequest extends QueryRequest {
  from?: string;
  to?: string;
  /** Also the period of the same length just before (a trend). */
  compare?: 'previous';
  /** A `subject` aggregate: the family member whose figures to show (else the caller's). */
  for?: string;
}

export interface GroupCount {
  value: unknown;
  count: number;
}

/** Places used and allowed for one key of a capacity rule (e.g. one date + meal). */
export interface CapacityEntry {
  key: Record<string, unknown>;
  used: number;
  limit: number;
  /** How many wait in line for this key (a rule with a waitlist). */
  waiting?: number;
}

export interface ActionRequest {
  plugin: string;
  action: string;
  input?: Record<string, unknown>;
  /** The record a transition/update/delete applies to. */
  recordId?: string;
  /** Makes a retried submission harmless: the server runs an action once per key. */
  idempotencyKey?: string;
  /** Run it for this family member (an `onBehalf` action). */
  forAccountId?: string;
}

export interface ActionResult {
  record?: RecordDoc;
  /** Points credited by this action, when the plugin awards some. */
  pointsAwarded?: number;
  /** Points a redeem action spent. */
  pointsSpent?: number;
  /** It was full: the record waits in line, at this place (1 = next). */
  waitlist?: { position: number };
}

/** Someone a record can be assigned to (display name only). */
export interface Assignee {
  id: string;
  displayName: string;
}

export interface UploadResult {
  id: string;
  url?: string;
}

export interface LedgerEntry {
  _id: string;
  amount: number;
  balanceAfter?: number;
  reason?: unknown;
  createdAt: string;
}

export interface InboxMessage {
  _id: string;
  title: unknown;
  body?: unknown;
  read: boolean;
  createdAt: string;
  plugin?: string;
  view?: string;
  recordId?: string;
}

/** Where a `navigate` prop leads: a plugin view, a portal page, or a shell page. */
export type NavigateTarget =
  | { plugin: string; view: string; id?: string }
  | { page: string }
  | { shell: 'login' | 'register' | 'inbox' | 'points' };

/** One failure of one block, reported so an operator can find and fix it. */
export interface BlockErrorReport {
  type: string;
  plugin?: string;
  view?: string;
  message: string;
}

/**
 * Everything the renderer needs from the outside world. The shell passes the real API; the
 * studio preview and the component tests pass example data. Reactive fields (`locale`,
 * `user`, `elder`) must be read from a `reactive()` object so views follow changes.
 */
export interface DataSource {
  readonly locale: Locale;
  readonly user: RuntimeUser | null;
  readonly elder?: boolean;
  /** The community's IANA time zone (default Asia/Shanghai): `today` and dates are read in it. */
  readonly timeZone?: string;
  /**
   * Sites (`https://…` origins) and schemes (`tel:`, `mailto:`) Markdown may link to besides
   * this site. None unless the app names them.
   */
  readonly allowedLinks?: readonly string[];
  list(req: QueryRequest): Promise<Page<RecordDoc>>;
  /** One record through a list query (the query's access rules apply). */
  get(req: QueryRequest & { id: string }): Promise<RecordDoc | null>;
  count(req: QueryRequest): Promise<number>;
  group(req: QueryRequest): Promise<GroupCount[]>;
  /**
   * A `capacity` query: used/limit per key of the plugin's capacity rule; with `for`, counted for
   * the family member the page acts for (their hours left), as the action counts them.
   */
  capacity(req: QueryRequest & { for?: string }): Promise<CapacityEntry[]>;
  /** An `aggregate` query: figures by group and bucket, and the previous period on request. */
  aggregate(req: AggregateRequest): Promise<AggregateAnswer>;
  run(req: ActionRequest): Promise<ActionResult>;
  /** Results per question of a `fieldsFrom` action (a survey); absent where none are served. */
  results?(req: { plugin: string; action: string }): Promise<FieldsResults>;
  /** Where those results download as CSV or XLSX, in the reader's language. */
  resultsFileUrl?(req: { plugin: string; action: string; format: 'csv' | 'xlsx' }): string;
  /**
   * Whether a create action's `guard` pauses the signed-in person (or `for`, the family member
   * the form acts for) now (repeated no-shows): the day it opens again and the plugin's words
   * naming it. Absent where nothing is paused.
   */
  pause?(req: {
    plugin: string;
    action: string;
    for?: string;
  }): Promise<{ until: string | null; message?: LocalizedText }>;
  /** Who a guard pauses now and until when (a local date), for the roles its `lift` names. */
  paused?(req: {
    plugin: string;
    guard: string;
  }): Promise<{ accountId: string; displayName: string; until: string }[]>;
  /** Ends a person's pause early with a note (the server audits it). */
  liftPause?(req: {
    plugin: string;
    guard: string;
    accountId: string;
    note: string;
  }): Promise<void>;
  /**
   * Whether the user (or this browser, for a visitor) already used the one answer of a `once`
   * create action without a parent: true, false, or null when it cannot be told.
   */
  onceDone?(req: { plugin: string; action: string }): Promise<boolean | null>;
  /** Who holds `role`, for the picker of a step that assigns to it. */
  assignees?(req: { plugin: string; role: string }): Promise<Assignee[]>;
  /**
   * One record with its personal data in clear, with the reason the server requires (audited).
   * Absent where nothing may be unmasked.
   */
  unmask?(req: {
    plugin: string;
    collection: string;
    id: string;
    reason: string;
  }): Promise<RecordDoc>;
  upload(file: File, onProgress?: (fraction: number) => void): Promise<UploadResult>;
  /** A URL an `<img>` can load for an upload id (or the URL itself for https links). */
  uploadUrl(idOrUrl: string): string;
  pointsBalance(): Promise<number>;
  pointsLedger(cursor?: string): Promise<Page<LedgerEntry>>;
  inbox(cursor?: string): Promise<Page<InboxMessage>>;
  markRead(id: string): Promise<void>;
  navigate(target: NavigateTarget): void;
  /** A real URL for a navigation target, so links can be opened and read as links. */
  href?(target: NavigateTarget): string;
  /** Manifests of installed plugins, for views that name another plugin's view. */
  manifest?(pluginId: string): ClientManifest | undefined;
  onBlockError?(report: BlockErrorReport): void;
  /**
   * The studio's preview: a block the previewed user may not open shows a short note instead of
   * nothing, so the operator sees why it is missing.
   */
  readonly explainHidden?: boolean;
}
