import type { MemberAttributes } from '@scene/schema';
import type { TokenScope } from './model';

/**
 * Who is making a request, as the services see it. Routes build it from the session or API token
 * and the community in the URL; services never read the request themselves.
 */
export type PlatformRole = 'admin' | 'operator' | 'staff' | 'vendor' | 'resident';

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  /** Platform-wide roles: `admin` for platform administrators, `vendor` for plugin vendors. */
  platformRoles: PlatformRole[];
  /** The vendor the account publishes for (vendors only). */
  vendorId?: string;
  /**
   * Set when the request was authenticated by an API token rather than a session: what the
   * token may do (see tokens.ts). The router refuses a route the scopes do not cover.
   */
  tokenScopes?: readonly TokenScope[];
}

/**
 * The platform acting by itself — a new community's standard plugins, an invitation made on
 * creation, the demo seed, frozen monthly reports: never a person. It acts with the admin role
 * because what it does on its own (install for any community, read every community's figures)
 * is what only an administrator may ask for; audit entries name it as the platform (`system`).
 */
export const SYSTEM_ACTOR: Readonly<Actor> = Object.freeze<Actor>({
  accountId: 'system',
  username: 'system',
  displayName: 'system',
  platformRoles: ['admin'],
});

/** An actor inside one community: the roles they hold there. */
export interface CommunityActor extends Actor {
  communityId: string;
  /**
   * Roles in this community: `operator`, `staff`, `resident` from the membership, `admin` for
   * platform admins, plus explicit plugin-role grants as `plugin:<pluginId>/<roleId>`.
   */
  communityRoles: string[];
  /** What the operator recorded of the member (eligibility rules, `member.*` vars). */
  attributes?: MemberAttributes;
}
