import { cleanAttributes, type PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type {
  Actor,
  AuthModels,
  CommunityActor,
  CommunityService,
  HouseholdService,
  CallerCache,
  InstallationService,
} from '../control';
import { listedCommunities, membershipId, membershipsOf } from '../control';
import { RoleHolders, type RoleHolderSource } from './people/role-holders';
import { VisitorWriteLimit, type VisitorWritePolicy } from './actions/visitors';
import { installedPluginSource } from './installed-source';
import { DEFAULT_WORKER, NotificationWorker, type WorkerPolicy } from './notifications/worker';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './uploads/limits';
import { ensureDataPlaneIndexes, ensurePluginIndexes } from './records/indexes';
import type {
  AuditRecorder,
  DataPlaneDeps,
  HouseholdDirectory,
  InstalledPluginSource,
  MemberDirectory,
} from './records/types';
import { byIds } from '../db/by-ids';

export interface DataPlaneParts {
  connection: Connection;
  /** The control plane's installations, read through `InstalledPluginSource`. */
  installations: InstallationService;
  communities: Pick<CommunityService, 'timeZone'>;
  models: Pick<AuthModels, 'Membership' | 'Account'>;
  /** Changes to accounts (their memberships among them), for the role holders kept here. */
  accountChanges: Pick<CallerCache, 'onForget' | 'synced'>;
  /** The control plane's family links, read through `HouseholdDirectory`. */
  households: HouseholdService;
  audit: AuditRecorder;
  /** How the notification worker paces itself and retries webhooks. */
  notify?: WorkerPolicy;
  /** The control plane's accounts, for closing one after its data is erased. */
  accounts: AccountCloser;
  uploadLimits?: UploadLimits;
  /** Keys the "answer once" claims (config.participationSecret). */
  participationSecret: string;
  /** How many writes one address may make as a visitor (`once.visitors`). */
  visitorWrites?: VisitorWritePolicy;
}

/** What closing an account needs of the control plane's auth service. */
export interface AccountCloser {
  /** Checks the signed-in person's password again (throttled like a login). */
  confirmPassword(actor: Actor, password: string, address: string): Promise<void>;
  /** Deletes the account with its memberships, sessions and tokens. */
  closeAccount(actor: Actor): Promise<void>;
}

/** One page of role holders when the caller names no size. */
const HOLDERS_PAGE = 500;

/**
 * The data plane as the composition root sees it: what every data-plane function takes (the
 * connection, installations, members and households read from the control plane, the audit
 * log), built once per app from the control plane's parts.
 */
export class DataPlane implements DataPlaneDeps {
  readonly connection: Connection;
  readonly installed: InstalledPluginSource;
  readonly members: MemberDirectory;
  readonly households: HouseholdDirectory;
  readonly audit: AuditRecorder;
  readonly participationSecret: string;
  readonly uploadLimits: UploadLimits;
  readonly accounts: AccountCloser;
  /** Fans notices out and sends webhook deliveries; started by the server process. */
  readonly notifications: NotificationWorker;
  /** Visitors' writes per source address (actions open to visitors); replaced by tests. */
  visitorWrites: VisitorWriteLimit;
  /** Replaced by tests that move time (retention, deadlines). */
  now?: () => Date;

  constructor({
    connection,
    installations,
    communities,
    models,
    accountChanges,
    households,
    audit,
    notify,
    accounts,
    uploadLimits,
    participationSecret,
    visitorWrites,
  }: DataPlaneParts) {
    this.visitorWrites = new VisitorWriteLimit(visitorWrites);
    this.connection = connection;
    this.participationSecret = participationSecret;
    this.accounts = accounts;
    this.uploadLimits = uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
    this.installed = installedPluginSource(installations, communities);
    this.audit = audit;
    this.households = households;
    const holders = new RoleHolders({
      ...membershipHolders(models),
      synced: () => accountChanges.synced(),
    });
    accountChanges.onForget((accountId) => holders.forget(accountId));
    this.members = memberDirectory(models, holders);
    this.notifications = new NotificationWorker(this, notify ?? DEFAULT_WORKER);
  }

  /** Creates a plugin's declared indexes (community id first); call on install and upgrade. */
  ensurePluginIndexes(manifest: PluginManifest): Promise<void> {
    return ensurePluginIndexes(this.connection, manifest);
  }

  /** The data plane's own indexes (ledger, inbox, seats…); call at start. */
  ensureIndexes(): Promise<void> {
    return ensureDataPlaneIndexes(this.connection);
  }
}

/** Role holders read from the control plane's memberships (and the lists of who is where). */
export function membershipHolders(
  models: Pick<AuthModels, 'Membership'>,
): Omit<RoleHolderSource, 'synced'> {
  return {
    // One query per community and change; on the local database a scan of every membership.
    members: async (communityId) =>
      (
        await models.Membership.find(
          { communityId },
          { accountId: 1, role: 1, pluginRoles: 1 },
        ).lean()
      ).map((m) => ({ accountId: m.accountId, roles: [m.role, ...(m.pluginRoles ?? [])] })),
    communitiesOf: (accountId) => listedCommunities(models.Membership, accountId),
  };
}

function memberDirectory(
  models: Pick<AuthModels, 'Membership' | 'Account'>,
  holders: RoleHolders,
): MemberDirectory {
  return {
    accountsWithRoles(communityId, roles, page = {}) {
      return holders.page(communityId, roles, {
        after: page.after,
        limit: page.limit ?? HOLDERS_PAGE,
      });
    },
    async member(communityId, accountId): Promise<CommunityActor | null> {
      const [membership, account] = await Promise.all([
        models.Membership.findById(membershipId(communityId, accountId)).lean(),
        models.Account.findById(accountId, { username: 1, displayName: 1, disabled: 1 }).lean(),
      ]);
      if (!membership || !account || account.disabled) return null;
      return {
        accountId,
        username: account.username,
        displayName: account.displayName,
        platformRoles: [],
        communityId,
        communityRoles: [membership.role, ...membership.pluginRoles],
        attributes: cleanAttributes(membership.attributes),
      };
    },
    async displayNames(accountIds) {
      const rows = await byIds(accountIds, (id) =>
        models.Account.findById(id, { displayName: 1 }).lean(),
      );
      return new Map(rows.map((r) => [r._id, r.displayName]));
    },
    async communitiesOf(accountId) {
      const rows = await membershipsOf(models.Membership, accountId);
      return rows.map((r) => r.communityId);
    },
  };
}
