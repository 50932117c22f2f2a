import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { AuditService } from './audit/service';
import { Callers } from './auth/caller';
import { AuthService } from './auth/service';
import { InvitationService } from './communities/invitations';
import { MemberService } from './communities/members';
import { CommunityService } from './communities/service';
import type { Config } from './config';
import { createModels } from './db/models';
import { InstallationService } from './installations/service';
import { PortalService } from './portals/service';
import { RegistryService } from './registry/service';
import { RuntimeService } from './runtime/service';
import { DataPlane } from './records/data-plane';
import { installedPluginSource } from './records/installed-source';
import { recordsLifecycle } from './records/lifecycle';

export interface ServiceParts {
  config: Config;
  connection: Connection;
  logger: Logger;
}

/**
 * The composition root of the domain services: models on the injected connection, then each
 * service with the others it needs. No I/O happens here.
 */
export function createServices({ config, connection, logger }: ServiceParts) {
  const models = createModels(connection);
  const audit = new AuditService(models, logger);
  const communities = new CommunityService(models, audit);
  const auth = new AuthService(models, config, audit, (ids) => communities.names(ids));
  const invitations = new InvitationService(models, audit);
  auth.useInvitations(invitations);
  const members = new MemberService(models, auth, audit);
  const callers = new Callers(auth, models);
  const registry = new RegistryService(models, audit);
  const installations = new InstallationService(models, registry, communities, audit);
  const portals = new PortalService(models, communities, installations, audit);
  const runtime = new RuntimeService(
    models,
    communities,
    portals,
    installations,
    config.runtimePointerTtlMs,
  );

  // Cross-module wiring: new communities get the standard plugins; the live portal protects
  // the views it uses; runtime bundles are dropped when what they are built from changes.
  communities.onCreated((community) => installations.ensureStandard(community.id));
  installations.usePortalUsage((id) => portals.liveUsage(id));
  communities.onRuntimeChange((id) => runtime.invalidate(id));
  portals.onLiveChange((id) => runtime.invalidate(id));

  // The data plane reads installations through the control plane and owns what happens to the
  // records when they change (indexes, migrations, the uninstall policy).
  const dataPlane = new DataPlane(connection, models, audit);
  dataPlane.useInstallations(installedPluginSource(installations));
  installations.lifecycle.add(recordsLifecycle(connection));
  return {
    models,
    audit,
    auth,
    callers,
    communities,
    invitations,
    members,
    registry,
    installations,
    portals,
    runtime,
    dataPlane,
  };
}
export type Services = ReturnType<typeof createServices>;
