import type { PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type { AuditService } from '../../control/audit/service';
import type { CommunityActor } from '../../control/auth/actor';
import type { ListCacheOptions } from '../queries/list-cache-options';

/**
 * A plugin as installed in one community: the manifest of the installed version, the operator's
 * configuration and whether it is enabled. The control plane owns installations; the data plane
 * only reads them through `InstalledPluginSource`.
 */
export interface InstalledPlugin {
  communityId: string;
  pluginId: string;
  version: string;
  manifest: PluginManifest;
  config: Record<string, unknown>;
  status: 'enabled' | 'disabled';
  /** The community's time zone (IANA name). */
  timeZone: string;
}

export interface InstalledPluginSource {
  /** The installation, or null when the plugin is not installed in that community. */
  get(communityId: string, pluginId: string): Promise<InstalledPlugin | null>;
  /** Every installation of a community (exports, metrics). */
  list(communityId: string): Promise<InstalledPlugin[]>;
}

/** Who holds a role in a community; feeds `notify: {to: {role}}`, assignment and acting for someone. */
export interface MemberDirectory {
  /**
   * Members holding any of `roles` (platform roles, or explicit grants `plugin:<pluginId>/<roleId>`),
   * in pages of `limit` after the account id `after` (ascending), so a fan-out to every resident
   * reads them in bounded batches.
   */
  accountsWithRoles(
    communityId: string,
    roles: string[],
    page?: { after?: string; limit?: number },
  ): Promise<string[]>;
  /** One member as a caller (roles, attributes, display name), or null when not a member. */
  member(communityId: string, accountId: string): Promise<CommunityActor | null>;
  displayNames(accountIds: string[]): Promise<Map<string, string>>;
  /** The communities the person is a member of (a copy or an erasure of their data). */
  communitiesOf(accountId: string): Promise<string[]>;
}

/** Family links as the data plane reads them (the control plane's households). */
export interface HouseholdDirectory {
  /** Whether `subject` allowed `actor` to act for them on a live link. */
  mayActFor(communityId: string, actor: string, subject: string): Promise<boolean>;
  /** Those who allowed `accountId` to act for them (`user.actsFor` adds the caller). */
  actsFor(communityId: string, accountId: string): Promise<string[]>;
  /** Linked people of `subjects` who allowed receiving their notifications. */
  familyOf(communityId: string, subjects: string[]): Promise<string[]>;
  /** The opaque key of the person's household (`{"var": "user.household"}` in `set`). */
  household(communityId: string, accountId: string): Promise<string>;
}

/** The audit log as the data plane writes to it: the control plane's one audit service. */
export type AuditRecorder = Pick<AuditService, 'record'>;

/** What every data-plane service needs; built once per app. */
export interface DataPlaneDeps {
  connection: Connection;
  installed: InstalledPluginSource;
  members: MemberDirectory;
  households: HouseholdDirectory;
  audit: AuditRecorder;
  /** Keys the "answer once" claims (actions/once.ts); from the environment, never stored. */
  participationSecret: string;
  /** Injected so tests can move time (retention, metrics). */
  now?: () => Date;
  /** The list cache's limits (queries/list-cache.ts); from the environment when absent. */
  listCache?: ListCacheOptions;
}

/** One workflow step kept on the record. */
export interface HistoryEntry {
  transition: string;
  from: string;
  to: string;
  by: string;
  /** Who moved it for `by`, when a family member acted for them. */
  actedBy?: string;
  at: string;
  comment?: string;
}

/**
 * A record as stored. Plugin fields sit at the top level beside the system fields, so access
 * rules and filters address both the same way. Names starting with `_` are the platform's own
 * and can never clash with a plugin field (plugin identifiers start with a letter).
 */
export interface StoredRecord {
  _id: string;
  communityId: string;
  pluginId: string;
  collection: string;
  schemaVersion: number;
  createdBy: string;
  /** Who created it for `createdBy`, when a family member acted for them. */
  actedBy?: string;
  createdAt: string;
  updatedAt: string;
  history: HistoryEntry[];
  /** Revision, raised by every write; see revisions.ts. */
  _rev: number;
  /** Milliseconds from creation to the first terminal state (metrics). */
  _resolvedMs?: number;
  [field: string]: unknown;
}
