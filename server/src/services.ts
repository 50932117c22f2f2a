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
import { DataPlane } from './records/data-plane';

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
  const dataPlane = new DataPlane(connection, models, audit);
  return { models, audit, auth, callers, communities, invitations, members, dataPlane };
}
export type Services = ReturnType<typeof createServices>;
