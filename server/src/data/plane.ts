import type { PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type {
  Actor,
  AuthModels,
  CommunityService,
  InstallationService,
  MembershipRole,
} from '../control';
import { installedPluginSource } from './installed-source';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './uploads/limits';
import { ensureDataPlaneIndexes, ensurePluginIndexes } from './records/indexes';
import type {
  AuditRecorder,
  DataPlaneDeps,
  InstalledPluginSource,
  MemberDirectory,
} from './records/types';

export interface DataPlaneParts {
  connection: Connection;
  /** The control plane's installations, read through `InstalledPluginSource`. */
  installations: InstallationService;
  communities: Pick<CommunityService, 'timeZone'>;
  models: Pick<AuthModels, 'Membership'>;
  audit: AuditRecorder;
  /** The control plane's accounts, for closing one after its data is erased. */
  accounts: AccountCloser;
  uploadLimits?: UploadLimits;
}

/** What closing an account needs of the control plane's auth service. */
export interface AccountCloser {
  /** Checks the signed-in person's password again (throttled like a login). */
  confirmPassword(actor: Actor, password: string, address: string): Promise<void>;
  /** Deletes the account with its memberships, sessions and tokens. */
  closeAccount(actor: Actor): Promise<void>;
}

/**
 * The data plane as the composition root sees it: what every data-plane function takes (the
 * connection, installations and members read from the control plane, the audit log), built
 * once per app from the control plane's parts.
 */
export class DataPlane implements DataPlaneDeps {
  readonly connection: Connection;
  readonly installed: InstalledPluginSource;
  readonly members: MemberDirectory;
  readonly audit: AuditRecorder;
  readonly uploadLimits: UploadLimits;
  readonly accounts: AccountCloser;
  /** Replaced by tests that move time (retention, deadlines). */
  now?: () => Date;

  constructor({
    connection,
    installations,
    communities,
    models,
    audit,
    accounts,
    uploadLimits,
  }: DataPlaneParts) {
    this.connection = connection;
    this.accounts = accounts;
    this.uploadLimits = uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
    this.installed = installedPluginSource(installations, communities);
    this.audit = audit;
    this.members = {
      async accountsWithRoles(communityId, roles) {
        const plain = roles.filter((r): r is MembershipRole =>
          ['operator', 'staff', 'resident'].includes(r),
        );
        const grants = roles.filter((r) => r.startsWith('plugin:'));
        const rows = await models.Membership.find(
          { communityId, $or: [{ role: { $in: plain } }, { pluginRoles: { $in: grants } }] },
          { accountId: 1 },
        )
          .limit(500)
          .lean();
        return rows.map((r) => r.accountId);
      },
    };
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
