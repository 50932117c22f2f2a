import type { LocalizedText, PluginManifest, Portal } from '@scene/schema';
import { ApiError } from './errors';
import type { HttpClient } from './http';

/**
 * Typed calls the studio makes to the control plane. The shapes follow /work/coord/server-api.md;
 * every answer is normalised here so a server-side rename touches one file, not the screens.
 */

export type StudioRole = 'admin' | 'operator' | 'staff' | 'vendor' | 'resident';

export interface Membership {
  communityId: string;
  role: StudioRole;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  /** Platform-wide roles (admin, vendor) plus the union of community roles. */
  roles: StudioRole[];
  memberships: Membership[];
}

export interface CommunitySummary {
  id: string;
  name: LocalizedText | string;
  city?: string;
  district?: string;
  publishedVersion?: number | null;
}

export interface Installation {
  pluginId: string;
  version: string;
  status: 'active' | 'disabled' | string;
  manifest: PluginManifest;
  /** The community's installation-wide config; portal blocks override it per block. */
  config?: Record<string, unknown>;
}

export interface PortalDraft {
  portal: Portal;
  /** Opaque; sent back as If-Match. */
  etag: string;
  updatedAt?: string;
  updatedBy?: string;
}

export interface ValidationIssue {
  severity: 'error' | 'warning';
  code: string;
  /** English; `messages` carries both languages when the server has them. */
  message: string;
  messages?: { 'zh-CN': string; en: string };
  /** JSON pointer into the portal, when the issue concerns one place. */
  path?: string;
}

export interface ValidationReport {
  ok: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}

export interface PortalVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy?: string;
  note?: string;
  live: boolean;
}

export interface PortalVersion extends PortalVersionSummary {
  portal: Portal;
}

export interface PortalPublishResult {
  version: number;
  report: ValidationReport;
}

/** Thrown by saveDraft when the draft changed since `etag` was read (HTTP 412). */
export class DraftConflictError extends Error {
  override name = 'DraftConflictError';
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

// The server may answer lists bare or wrapped; studio screens always get arrays.
function items<T>(data: unknown, key = 'items'): T[] {
  if (Array.isArray(data)) return data as T[];
  const wrapped = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(wrapped) ? (wrapped as T[]) : [];
}

const enc = encodeURIComponent;

export class StudioApi {
  constructor(private readonly http: HttpClient) {}

  // --- session ---------------------------------------------------------------------------

  /** Logs in (the server sets the session cookie) and returns the user with memberships. */
  async login(username: string, password: string): Promise<SessionUser> {
    await this.http.request<unknown>('POST', '/api/v1/auth/login', {
      body: { username, password },
    });
    const me = await this.me();
    if (!me) throw new ApiError(401, 'unauthorized', 'The session was not accepted.');
    return me;
  }

  async logout(): Promise<void> {
    await this.http.request('POST', '/api/v1/auth/logout');
  }

  /** The signed-in user, or null when there is no session. */
  async me(): Promise<SessionUser | null> {
    try {
      return normaliseUser(await this.http.request<unknown>('GET', '/api/v1/auth/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }

  // --- communities and installations ----------------------------------------------------

  async communities(): Promise<CommunitySummary[]> {
    return items<CommunitySummary>(await this.http.request('GET', '/api/v1/communities'));
  }

  async installations(communityId: string): Promise<Installation[]> {
    const path = `/api/v1/communities/${enc(communityId)}/installations`;
    return items<Installation>(
      await this.http.request('GET', path, { query: { include: 'manifest' } }),
    );
  }

  // --- portal draft ----------------------------------------------------------------------

  async draft(communityId: string): Promise<PortalDraft> {
    const res = await this.http.raw<unknown>('GET', portalPath(communityId, 'draft'));
    return normaliseDraft(res.data, res.headers);
  }

  /** Saves with If-Match; a stale etag throws DraftConflictError and writes nothing. */
  async saveDraft(communityId: string, portal: Portal, etag: string): Promise<PortalDraft> {
    try {
      const res = await this.http.raw<unknown>('PUT', portalPath(communityId, 'draft'), {
        body: { portal },
        headers: { 'if-match': etag },
      });
      return normaliseDraft(res.data ?? { portal }, res.headers);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) throw new DraftConflictError(err);
      throw err;
    }
  }

  async validateDraft(communityId: string): Promise<ValidationReport> {
    const data = await this.http.request<unknown>('POST', portalPath(communityId, 'validate'));
    return normaliseReport(data);
  }

  /** A report with errors comes back as ApiError 422 whose details hold the report. */
  async publish(communityId: string, etag: string, note?: string): Promise<PortalPublishResult> {
    const data = await this.http.request<Record<string, unknown>>(
      'POST',
      portalPath(communityId, 'publish'),
      { body: note ? { note } : {}, headers: { 'if-match': etag } },
    );
    return {
      version: Number(data.version),
      report: normaliseReport(data.report ?? data),
    };
  }

  // --- history ---------------------------------------------------------------------------

  async versions(communityId: string): Promise<PortalVersionSummary[]> {
    return items<PortalVersionSummary>(
      await this.http.request('GET', portalPath(communityId, 'versions')),
    );
  }

  async version(communityId: string, version: number): Promise<PortalVersion> {
    return this.http.request('GET', portalPath(communityId, `versions/${version}`));
  }

  async rollback(communityId: string, version: number): Promise<void> {
    await this.http.request('POST', portalPath(communityId, 'rollback'), { body: { version } });
  }
}

function portalPath(communityId: string, rest: string): string {
  return `/api/v1/communities/${enc(communityId)}/portal/${rest}`;
}

/** `GET /auth/me` answers `{ account: { platformRoles, … }, memberships: [{ communityId, role }] }`. */
export function normaliseUser(data: unknown): SessionUser {
  const wrapper = (data ?? {}) as Record<string, unknown>;
  const raw = (wrapper.account ?? wrapper.user ?? wrapper) as Record<string, unknown>;
  const memberships = items<Membership>(wrapper.memberships ?? raw.memberships ?? []).map((m) => ({
    communityId: m.communityId,
    role: m.role,
  }));
  const roles = new Set<StudioRole>(items<StudioRole>(raw.platformRoles ?? raw.roles ?? []));
  for (const m of memberships) roles.add(m.role);
  return {
    id: String(raw.id ?? raw._id ?? ''),
    username: String(raw.username ?? ''),
    displayName: String(raw.displayName ?? raw.username ?? ''),
    roles: [...roles],
    memberships,
  };
}

function normaliseDraft(data: unknown, headers: Headers): PortalDraft {
  const raw = data as Record<string, unknown>;
  const portal = (raw.portal ?? raw) as Portal;
  const etag = headers.get('etag') ?? String(raw.etag ?? '');
  return {
    portal,
    etag,
    updatedAt: raw.updatedAt as string | undefined,
    updatedBy: raw.updatedBy as string | undefined,
  };
}

export function normaliseReport(data: unknown): ValidationReport {
  const raw = (data ?? {}) as Record<string, unknown>;
  const all = items<ValidationIssue>(raw.issues ?? []);
  const errors = items<ValidationIssue>(raw.errors ?? []).concat(
    all.filter((i) => i.severity === 'error'),
  );
  const warnings = items<ValidationIssue>(raw.warnings ?? []).concat(
    all.filter((i) => i.severity === 'warning'),
  );
  return {
    ok: errors.length === 0,
    errors: errors.map((e) => ({ ...e, severity: 'error' })),
    warnings: warnings.map((w) => ({ ...w, severity: 'warning' })),
  };
}
