/**
 * The control plane: who people are and what each community is made of — accounts and sessions,
 * communities and members, the plugin registry, installations, portals, the runtime bundle and
 * the audit log. Classes over mongoose models (see server/README.md for why).
 */
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DomainEvents } from '../events';
import type { ChangeFeed } from '../events/feed';
import type { AnyRoute } from '../http/route';
import { AuditLabeler } from './audit/labels';
import { auditRoutes } from './audit/routes';
import { AuditService } from './audit/service';
import { Callers } from './auth/caller';
import { CallerCache } from './auth/caller-cache';
import { authRoutes } from './auth/routes';
import { JoinService } from './auth/joining';
import { AuthService } from './auth/service';
import { ApiTokens } from './auth/tokens';
import { InvitationService } from './communities/invitations';
import { memberRoutes } from './communities/member-routes';
import { MemberService } from './communities/members';
import { communityRoutes } from './communities/routes';
import { CommunityService } from './communities/service';
import { householdRoutes } from './households/routes';
import { HouseholdService } from './households/service';
import type { InstallationLifecycle } from './installations/lifecycle';
import { installationRoutes } from './installations/routes';
import { ScheduleSwitches } from './installations/schedules';
import { InstallationService } from './installations/service';
import { createModels } from './models';
import { portalRoutes } from './portals/routes';
import { PortalService } from './portals/service';
import { FixturesService } from './registry/fixtures';
import { regionRoutes } from './regions/routes';
import { RegionService } from './regions/service';
import { registryRoutes } from './registry/routes';
import { RegistryService } from './registry/service';
import { runtimeRoutes } from './runtime/routes';
import { ManifestProjections } from './runtime/projections';
import { RuntimeService } from './runtime/service';

export interface ControlPlaneParts {
  config: Config;
  connection: Connection;
  logger: Logger;
  events: DomainEvents;
  /** Tells this process's caches what other processes changed. */
  feed: ChangeFeed;
  /** What happens to a plugin's records when its installation changes (the data plane's). */
  recordsLifecycle: InstallationLifecycle;
}

/** Builds the control-plane services, each with the others it needs. No I/O happens here. */
export function createControlPlane({
  config,
  connection,
  logger,
  events,
  feed,
  recordsLifecycle,
}: ControlPlaneParts) {
  const models = createModels(connection);
  const audit = new AuditService(models, logger);
  const communities = new CommunityService(models, audit, events);
  const communityNames = (ids: string[]) => communities.names(ids);
  const tokens = new ApiTokens(models, audit);
  const callerCache = new CallerCache(feed);
  const auth = new AuthService(models, config, audit, communityNames, tokens, callerCache);
  const households = new HouseholdService(models, audit, callerCache);
  const callers = new Callers(auth, models, callerCache);
  const registry = new RegistryService(models, audit, feed);
  const fixtures = new FixturesService(models, registry, audit);
  const installations = new InstallationService(
    models,
    registry,
    communities,
    audit,
    recordsLifecycle,
    feed,
  );
  const invitations = new InvitationService(models, audit, installations);
  const join = new JoinService(models, auth, invitations, audit, communityNames, callerCache);
  const members = new MemberService(models, auth, audit, callerCache, installations);
  const schedules = new ScheduleSwitches(models, registry, communities, audit, events);
  const portals = new PortalService(models, communities, installations, audit, events);
  const runtime = new RuntimeService(models, new ManifestProjections(registry), feed);
  const regions = new RegionService(models, audit, events, feed);
  const auditLabels = new AuditLabeler(models, communityNames);
  /** What other caches of who accounts are follow (the data plane's role holders). */
  const accountChanges: Pick<CallerCache, 'onForget' | 'synced'> = callerCache;
  return {
    models,
    accountChanges,
    audit,
    auditLabels,
    auth,
    tokens,
    join,
    callers,
    communities,
    invitations,
    members,
    households,
    registry,
    fixtures,
    installations,
    schedules,
    portals,
    runtime,
    regions,
  };
}
export type ControlPlane = ReturnType<typeof createControlPlane>;

/** Every control-plane route. */
export function controlRoutes(control: ControlPlane, config: Config): AnyRoute[] {
  return [
    ...authRoutes(control.auth, control.tokens, control.join, config, (actor) =>
      control.regions.scopeOf(actor),
    ),
    ...communityRoutes(control.communities, control.invitations),
    ...memberRoutes(control.members),
    ...householdRoutes(control.households),
    ...auditRoutes(control.audit, control.auditLabels),
    ...registryRoutes(control.registry, control.fixtures),
    ...installationRoutes(control.installations, control.schedules),
    ...portalRoutes(control.portals),
    ...runtimeRoutes(control.runtime),
    ...regionRoutes(control.regions),
  ];
}

export type { AuditInput, AuditService } from './audit/service';
export type { Actor, CommunityActor } from './auth/actor';
export { membershipId, type AuthModels, type MembershipRole } from './auth/model';
export { listedCommunities, membershipsOf } from './auth/account-communities';
export type { CallerCache } from './auth/caller-cache';
export type {
  InstallationLifecycle,
  InstalledEvent,
  UninstallingEvent,
} from './installations/lifecycle';
export type { InstallationService, InstallationView } from './installations/service';
export type { HouseholdService } from './households/service';
export type { CommunityService } from './communities/service';
export type { RegionService } from './regions/service';
export type { ScheduledInstallation, ScheduleSwitches } from './installations/schedules';
export { ensureControlIndexes, type Models } from './models';
