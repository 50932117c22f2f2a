import type { LocalizedText, PluginChange, PluginManifest } from '@scene/schema';
import type { HttpClient } from './http';

/**
 * Typed calls for the ecosystem screens of the studio: the plugin registry and its review,
 * installations (write side), API tokens, accounts, communities, memberships and the audit log.
 * Shapes follow server/src/{registry,installations,auth,communities,audit}; lists come back as
 * plain arrays.
 */

export type ReviewStatus = 'pending' | 'approved' | 'rejected';
export type PluginTier = 'standard' | 'optional';

export interface PluginVersionSummary {
  pluginId: string;
  version: string;
  vendorId: string;
  scene: string;
  tier: PluginTier;
  name: LocalizedText;
  status: ReviewStatus;
  enginesPlatform: string;
  permissions: string[];
  checksum: string;
  publishedAt: string;
  review?: { at: string; decision: 'approved' | 'rejected'; reason?: string };
  /** The breaking-change report against the previous version, when there was one. */
  upgrade?: { from: string; breaking: boolean; requiredBump: string };
}

export interface PluginVersionDetail extends PluginVersionSummary {
  manifest: PluginManifest;
}

/** One finding in an error's `details` (validation, the upgrade gate, config checks). */
export interface IssueDetail {
  /** JSON pointer, prefixed with where it lives in the request (`/body/...`). */
  pointer: string;
  message: string;
  code?: string;
  severity?: 'error' | 'warning';
  messages?: LocalizedText;
}

export interface PublishResult extends PluginVersionSummary {
  warnings: IssueDetail[];
}

/** A publish dry run that passed; one that fails throws publish's ApiError. */
export interface PublishCheck {
  ok: true;
  warnings: IssueDetail[];
  upgrade?: { from: string; breaking: boolean; requiredBump: string };
}

export interface PluginFilter {
  scene?: string;
  tier?: PluginTier;
  vendor?: string;
  status?: ReviewStatus;
  q?: string;
  limit?: number;
}

export interface InstallationView {
  pluginId: string;
  version: string;
  status: 'active' | 'disabled' | 'uninstalling';
  pinned: boolean;
  config: Record<string, unknown>;
  grantedPermissions: string[];
  installedAt: string;
  updatedAt: string;
  manifest?: PluginManifest;
}

export interface UpgradeReport {
  pluginId: string;
  from: string;
  to: string;
  breaking: boolean;
  changes: PluginChange[];
  newPermissions: string[];
  missingViews: string[];
  configProblems: IssueDetail[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt?: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

export type PlatformAccountRole = 'admin' | 'vendor';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  platformRoles: PlatformAccountRole[];
  vendorId?: string;
  disabled: boolean;
  createdAt: string;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  platformRoles?: PlatformAccountRole[];
  vendorId?: string;
}

export type CommunityType = 'new-build' | 'renovation';

export interface Community {
  id: string;
  name: string;
  city: string;
  district: string;
  type: CommunityType;
  enabledScenes: string[];
  status: 'active' | 'archived';
  publishedVersion: number | null;
  publishedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CommunityInput {
  id: string;
  name: string;
  city: string;
  district: string;
  type: CommunityType;
  enabledScenes?: string[];
}

export interface Invitation {
  id: string;
  communityId: string;
  label?: string;
  maxUses: number;
  uses: number;
  expiresAt: string;
  revoked: boolean;
  createdAt: string;
}

export type MemberRole = 'operator' | 'staff' | 'resident';

export interface Member {
  accountId: string;
  username: string;
  displayName: string;
  role: MemberRole;
  pluginRoles: string[];
  since: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string;
  actorRoles: string[];
  action: string;
  target: { type: string; id: string };
  communityId?: string;
  summary?: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor?: string;
}

export interface AuditFilter {
  communityId?: string;
  action?: string;
  limit?: number;
  cursor?: string;
}

const enc = encodeURIComponent;

function list<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  const wrapped = (data as { items?: unknown } | null)?.items;
  return Array.isArray(wrapped) ? (wrapped as T[]) : [];
}

const installationsPath = (communityId: string, pluginId?: string) =>
  `/api/v1/communities/${enc(communityId)}/installations${pluginId ? `/${enc(pluginId)}` : ''}`;

export class EcosystemApi {
  constructor(private readonly http: HttpClient) {}

  // --- registry --------------------------------------------------------------------------

  /** The newest visible version of each plugin matching the filter. */
  async plugins(filter: PluginFilter = {}): Promise<PluginVersionSummary[]> {
    return list(await this.http.request('GET', '/api/v1/plugins', { query: { ...filter } }));
  }

  /** Every visible version of one plugin, newest first. */
  async pluginVersions(pluginId: string): Promise<PluginVersionSummary[]> {
    return list(await this.http.request('GET', `/api/v1/plugins/${enc(pluginId)}`));
  }

  async pluginVersion(pluginId: string, version: string): Promise<PluginVersionDetail> {
    return this.http.request('GET', `/api/v1/plugins/${enc(pluginId)}/versions/${enc(version)}`);
  }

  /** Validation failures come back as ApiError 400 whose details are IssueDetail[]. */
  async publish(manifest: unknown): Promise<PublishResult> {
    return this.http.request('POST', '/api/v1/plugins', { body: manifest });
  }

  /** Everything publishing would check, nothing stored; refusals are the same ApiErrors. */
  async checkManifest(manifest: unknown): Promise<PublishCheck> {
    return this.http.request('POST', '/api/v1/plugins/validate', { body: manifest });
  }

  async reviewQueue(limit = 200): Promise<PluginVersionSummary[]> {
    return list(
      await this.http.request('GET', '/api/v1/plugins/review-queue', { query: { limit } }),
    );
  }

  async review(
    pluginId: string,
    version: string,
    decision: 'approve' | 'reject',
    reason?: string,
  ): Promise<PluginVersionSummary> {
    return this.http.request(
      'POST',
      `/api/v1/plugins/${enc(pluginId)}/versions/${enc(version)}/review`,
      { body: reason ? { decision, reason } : { decision } },
    );
  }

  // --- installations ---------------------------------------------------------------------

  /** With each installed version's manifest (for names and the uninstall data policy). */
  async installations(communityId: string): Promise<InstallationView[]> {
    return list(
      await this.http.request('GET', installationsPath(communityId), {
        query: { include: 'manifest' },
      }),
    );
  }

  async install(
    communityId: string,
    input: { pluginId: string; version?: string; acceptPermissions?: string[] },
  ): Promise<InstallationView> {
    return this.http.request('POST', installationsPath(communityId), { body: input });
  }

  async updateInstallation(
    communityId: string,
    pluginId: string,
    patch: { pinned?: boolean; enabled?: boolean; config?: Record<string, unknown> },
  ): Promise<InstallationView> {
    return this.http.request('PATCH', installationsPath(communityId, pluginId), { body: patch });
  }

  async upgradeReport(
    communityId: string,
    pluginId: string,
    version: string,
  ): Promise<UpgradeReport> {
    return this.http.request('GET', `${installationsPath(communityId, pluginId)}/upgrade-report`, {
      query: { version },
    });
  }

  async upgrade(
    communityId: string,
    pluginId: string,
    input: { version: string; acceptPermissions?: string[]; acceptBreaking?: boolean },
  ): Promise<InstallationView> {
    return this.http.request('POST', `${installationsPath(communityId, pluginId)}/upgrade`, {
      body: input,
    });
  }

  async uninstall(communityId: string, pluginId: string): Promise<void> {
    await this.http.request('DELETE', installationsPath(communityId, pluginId));
  }

  /** The vendor id the signed-in account publishes for (absent for non-vendors). */
  async myVendorId(): Promise<string | undefined> {
    const me = await this.http.request<{ account?: { vendorId?: string } }>(
      'GET',
      '/api/v1/auth/me',
    );
    return me?.account?.vendorId;
  }

  // --- API tokens ------------------------------------------------------------------------

  async tokens(): Promise<ApiToken[]> {
    return list(await this.http.request('GET', '/api/v1/auth/tokens'));
  }

  /** The answer holds the token's value; it is never shown again. */
  async createToken(name: string, expiresInDays?: number): Promise<ApiToken & { token: string }> {
    return this.http.request('POST', '/api/v1/auth/tokens', {
      body: expiresInDays ? { name, expiresInDays } : { name },
    });
  }

  async revokeToken(tokenId: string): Promise<void> {
    await this.http.request('DELETE', `/api/v1/auth/tokens/${enc(tokenId)}`);
  }

  // --- accounts --------------------------------------------------------------------------

  async accounts(q?: string, limit = 200): Promise<Account[]> {
    return list(await this.http.request('GET', '/api/v1/accounts', { query: { q, limit } }));
  }

  async createAccount(input: NewAccount): Promise<Account> {
    return this.http.request('POST', '/api/v1/accounts', { body: input });
  }

  async updateAccount(
    accountId: string,
    patch: Partial<Omit<NewAccount, 'username'>> & { disabled?: boolean },
  ): Promise<Account> {
    return this.http.request('PATCH', `/api/v1/accounts/${enc(accountId)}`, { body: patch });
  }

  // --- communities -----------------------------------------------------------------------

  async communities(includeArchived = true): Promise<Community[]> {
    return list(
      await this.http.request('GET', '/api/v1/communities', {
        query: { includeArchived, limit: 500 },
      }),
    );
  }

  async createCommunity(input: CommunityInput): Promise<Community> {
    return this.http.request('POST', '/api/v1/communities', { body: input });
  }

  async updateCommunity(
    communityId: string,
    patch: Partial<Omit<CommunityInput, 'id'>>,
  ): Promise<Community> {
    return this.http.request('PATCH', `/api/v1/communities/${enc(communityId)}`, { body: patch });
  }

  async archiveCommunity(communityId: string): Promise<void> {
    await this.http.request('DELETE', `/api/v1/communities/${enc(communityId)}`);
  }

  async invitations(communityId: string): Promise<Invitation[]> {
    return list(
      await this.http.request('GET', `/api/v1/communities/${enc(communityId)}/invitations`),
    );
  }

  /** The answer holds the code; it is never shown again. */
  async createInvitation(
    communityId: string,
    settings: { label?: string; maxUses?: number; expiresInDays?: number },
  ): Promise<Invitation & { code: string }> {
    return this.http.request('POST', `/api/v1/communities/${enc(communityId)}/invitations`, {
      body: settings,
    });
  }

  async regenerateInvitation(
    communityId: string,
    invitationId: string,
  ): Promise<Invitation & { code: string }> {
    return this.http.request(
      'POST',
      `/api/v1/communities/${enc(communityId)}/invitations/${enc(invitationId)}/regenerate`,
    );
  }

  async revokeInvitation(communityId: string, invitationId: string): Promise<void> {
    await this.http.request(
      'DELETE',
      `/api/v1/communities/${enc(communityId)}/invitations/${enc(invitationId)}`,
    );
  }

  // --- memberships -----------------------------------------------------------------------

  async members(communityId: string, role?: MemberRole): Promise<Member[]> {
    return list(
      await this.http.request('GET', `/api/v1/communities/${enc(communityId)}/members`, {
        query: { role, limit: 1000 },
      }),
    );
  }

  async addMember(
    communityId: string,
    input: { username: string; role: MemberRole },
  ): Promise<Member> {
    return this.http.request('POST', `/api/v1/communities/${enc(communityId)}/members`, {
      body: input,
    });
  }

  async removeMember(communityId: string, accountId: string): Promise<void> {
    await this.http.request(
      'DELETE',
      `/api/v1/communities/${enc(communityId)}/members/${enc(accountId)}`,
    );
  }

  // --- audit -----------------------------------------------------------------------------

  async audit(filter: AuditFilter = {}): Promise<AuditPage> {
    const data = await this.http.request<AuditPage>('GET', '/api/v1/audit', {
      query: { limit: 50, ...filter },
    });
    return {
      items: list<AuditEntry>(data),
      ...(data?.nextCursor ? { nextCursor: data.nextCursor } : {}),
    };
  }
}
