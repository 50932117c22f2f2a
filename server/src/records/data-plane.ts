import type { PluginManifest } from '@scene/schema';
import type { Connection } from 'mongoose';
import type { AuditService } from '../audit/service';
import type { AuthModels, MembershipRole } from '../auth/model';
import { ensureDataPlaneIndexes, ensurePluginIndexes } from './indexes';
import type { DataPlaneDeps, InstalledPluginSource, MemberDirectory } from './types';

/** Until the installation service is plugged in, nothing is installed (every call is a 404). */
const NOTHING_INSTALLED: InstalledPluginSource = { get: async () => null, list: async () => [] };

/**
 * The data plane as the composition root sees it: the dependencies every data-plane service
 * takes, with the installation source plugged in by the control plane (`useInstallations`),
 * and the index hook the installation service calls on install and upgrade.
 */
export class DataPlane implements DataPlaneDeps {
  installed: InstalledPluginSource = NOTHING_INSTALLED;
  /** Replaced by tests that move time (retention, deadlines). */
  now?: () => Date;
  readonly members: MemberDirectory;
  readonly audit: DataPlaneDeps['audit'];

  constructor(
    readonly connection: Connection,
    models: Pick<AuthModels, 'Membership'>,
    audit: Pick<AuditService, 'record'>,
  ) {
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
    this.audit = {
      write: (e) =>
        audit.record(
          { accountId: e.actorId, platformRoles: [], communityRoles: e.actorRoles },
          {
            action: e.action,
            target: { type: 'record', id: e.target },
            communityId: e.communityId,
            summary: e.details,
          },
        ),
    };
  }

  useInstallations(source: InstalledPluginSource): void {
    this.installed = source;
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
