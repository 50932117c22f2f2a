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
