/**
 * The control plane: who people are and what each community is made of — accounts and sessions,
 * communities and members, the plugin registry, installations, portals, the runtime bundle and
 * the audit log. Classes over mongoose models (see server/README.md for why).
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DomainEvents } from '../events';
import type { AnyRoute } from '../http/route';
import { auditRoutes } from './audit/routes';
import { AuditService } from './audit/service';
import { Callers } from './auth/caller';
import { authRoutes } from './auth/routes';
import { AuthService } from './auth/service';
import { InvitationService } from './communities/invitations';
import { memberRoutes } from './communities/member-routes';
import { MemberService } from './communities/members';
import { communityRoutes } from './communities/routes';
import { CommunityService } from './communities/service';
import { householdRoutes } from './households/routes';
import { HouseholdService } from './households/service';
import type { InstallationLifecycle } from './installations/lifecycle';
import { installationRoutes } from './installations/routes';
import { InstallationService } from './installations/service';
import { createModels } from './models';
import { portalRoutes } from './portals/routes';
import { PortalService } from './portals/service';
import { registryRoutes } from './registry/routes';
import { RegistryService } from './registry/service';
import { runtimeRoutes } from './runtime/routes';
import { RuntimeService } from './runtime/service';

export interface ControlPlaneParts {
  config: Config;
  connection: Connection;
  logger: Logger;
  events: DomainEvents;
  /** What happens to a plugin's records when its installation changes (the data plane's). */
  recordsLifecycle: InstallationLifecycle;
}

/** Builds the control-plane services, each with the others it needs. No I/O happens here. */
export function createControlPlane({
  config,
  connection,
  logger,
  events,
  recordsLifecycle,
}: ControlPlaneParts) {
  const models = createModels(connection);
  const audit = new AuditService(models, logger);
  const communities = new CommunityService(models, audit, events);
  const invitations = new InvitationService(models, audit);
  const auth = new AuthService(models, config, audit, (ids) => communities.names(ids), invitations);
  const members = new MemberService(models, auth, audit);
  const households = new HouseholdService(models, audit);
  const callers = new Callers(auth, models);
  const registry = new RegistryService(models, audit);
  const installations = new InstallationService(
    models,
    registry,
    communities,
    audit,
    recordsLifecycle,
  );
  const portals = new PortalService(models, communities, installations, audit, events);
  const runtime = new RuntimeService(
    models,
    communities,
    portals,
    installations,
    config.runtimePointerTtlMs,
  );
  return {
    models,
    audit,
    auth,
    callers,
    communities,
    invitations,
    members,
    households,
    registry,
    installations,
    portals,
    runtime,
  };
}
export type ControlPlane = ReturnType<typeof createControlPlane>;

/** Every control-plane route. */
export function controlRoutes(control: ControlPlane, config: Config): AnyRoute[] {
  return [
    ...authRoutes(control.auth, config),
    ...communityRoutes(control.communities, control.invitations),
    ...memberRoutes(control.members),
    ...householdRoutes(control.households),
    ...auditRoutes(control.audit),
    ...registryRoutes(control.registry),
    ...installationRoutes(control.installations),
    ...portalRoutes(control.portals),
    ...runtimeRoutes(control.runtime),
  ];
}

export { SYSTEM_ACTOR, type AuditInput, type AuditService } from './audit/service';
export type { Actor, CommunityActor } from './auth/actor';
export type { AuthModels, MembershipRole } from './auth/model';
export type {
  InstallationLifecycle,
  InstalledEvent,
  UninstallingEvent,
} from './installations/lifecycle';
export type { InstallationService, InstallationView } from './installations/service';
export type { HouseholdService } from './households/service';
export { ensureControlIndexes, type Models } from './models';
