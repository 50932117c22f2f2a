import type { LocalizedText, Page as PortalPage, PluginManifest, Portal } from '@scene/schema';
import { ApiError, isApiErrorBody } from './errors';
import type { HttpClient } from './http';

/**
 * Typed calls of the resident portal: the published bundle, sign-in, plugin queries and
 * actions, uploads, points and the inbox. Answers are normalised here (e.g. records get
 * `_id`, the name manifests use) so the portal's screens never see wire details.
 */

export interface RuntimeCommunity {
  id: string;
  name: LocalizedText | string;
}

export interface RuntimePlugin {
  pluginId: string;
  version?: string;
  manifest: PluginManifest;
  config: Record<string, unknown>;
}

export interface RuntimeBundle {
  community: RuntimeCommunity;
  /** The published portal version number. */
  version?: number;
  portal: Portal;
  plugins: RuntimePlugin[];
}

export interface RuntimeAccount {
  id: string;
  username: string;
  displayName: string;
  platformRoles?: string[];
}

export interface RuntimeMembership {
  communityId: string;
  communityName?: LocalizedText | string;
  role: 'operator' | 'staff' | 'resident';
  pluginRoles: string[];
}

export interface RuntimeMe {
  account: RuntimeAccount;
  memberships: RuntimeMembership[];
}

export type RuntimeRecord = Record<string, unknown> & { _id: string; id?: string };

export interface QueryParams {
  limit?: number;
  cursor?: string;
  id?: string;
  sort?: string;
  /** field → value; sent as `f.<field>.eq=<value>` (arrays as `in`). */
  filter?: Record<string, unknown>;
}

export type QueryAnswer =
  | { kind: 'list'; items: RuntimeRecord[]; nextCursor: string | null }
  | { kind: 'record'; item: RuntimeRecord }
  | { kind: 'count'; count: number }
  | { kind: 'group'; groups: { value: unknown; count: number }[] }
  | { kind: 'capacity'; items: CapacityItem[] };

/** Places used and allowed for one key (e.g. date + meal) of a capacity rule. */
export interface CapacityItem {
  key: Record<string, unknown>;
  used: number;
  limit: number;
}

export interface ActionAnswer {
  record: RuntimeRecord | null;
  pointsAwarded?: number;
  pointsSpent?: number;
  deleted?: string;
}

export interface PointsEntry {
  id: string;
  _id: string;
  delta: number;
  balanceAfter: number;
  kind: 'earn' | 'spend' | 'refund';
  pluginId?: string;
  reason: LocalizedText | null;
  createdAt: string;
}

export interface InboxItem {
  id: string;
  _id: string;
  communityId: string;
  pluginId?: string;
  recordId?: string;
  view?: string;
  title: LocalizedText;
  body: LocalizedText | null;
  read: boolean;
  createdAt: string;
}

/** Records carry `id` on the wire; manifests bind `item._id`. Both are kept. */
export function normaliseRecord(raw: unknown): RuntimeRecord {
  const r = (raw ?? {}) as Record<string, unknown>;
  const id = String(r._id ?? r.id ?? '');
  return { ...r, _id: id, id };
}

/** Accepts the bundle with plugins as a list or keyed by id, with `plugins` or `installations`. */
export function normaliseBundle(raw: unknown, communityId: string): RuntimeBundle {
  const b = (raw ?? {}) as Record<string, unknown>;
  const listed = (b.plugins ?? b.installations ?? []) as unknown;
  const entries: unknown[] = Array.isArray(listed)
    ? listed
    : Object.entries(listed as Record<string, unknown>).map(([pluginId, v]) => ({
        pluginId,
        ...(v as object),
      }));
  const plugins = entries.map((e) => {
    const p = e as Record<string, unknown>;
    const manifest = p.manifest as PluginManifest;
    return {
      pluginId: String(p.pluginId ?? p.id ?? manifest?.id),
      version: (p.version as string | undefined) ?? manifest?.version,
      manifest,
      config: (p.config as Record<string, unknown>) ?? {},
    };
  });
  const community = (b.community as RuntimeCommunity | undefined) ?? {
    id: communityId,
    name: (b.communityName as string | undefined) ?? communityId,
  };
  return {
    community,
    version: b.version as number | undefined,
    portal: b.portal as Portal,
    plugins,
  };
}

export class RuntimeApi {
  constructor(
    readonly http: HttpClient,
    readonly communityId: string,
  ) {}

  private plugin(pluginId: string): string {
    return `/api/v1/communities/${encodeURIComponent(this.communityId)}/plugins/${encodeURIComponent(pluginId)}`;
  }

  /** The published portal; `notModified` when `etag` still matches. */
  async bundle(
    etag?: string,
  ): Promise<{ bundle?: RuntimeBundle; etag?: string; notModified: boolean }> {
    const res = await this.http.raw<unknown>(
      'GET',
      `/api/v1/runtime/${encodeURIComponent(this.communityId)}`,
      {
        headers: etag ? { 'if-none-match': etag } : undefined,
      },
    );
    if (res.status === 304) return { notModified: true, etag };
    return {
      bundle: normaliseBundle(res.data, this.communityId),
      etag: res.headers.get('etag') ?? undefined,
      notModified: false,
    };
  }

  async me(): Promise<RuntimeMe | null> {
    try {
      return await this.http.request<RuntimeMe>('GET', '/api/v1/auth/me');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }

  async login(username: string, password: string): Promise<void> {
    await this.http.request('POST', '/api/v1/auth/login', { body: { username, password } });
  }

  async logout(): Promise<void> {
    await this.http.request('POST', '/api/v1/auth/logout');
  }

  async register(input: {
    invitationCode: string;
    username: string;
    displayName: string;
    password: string;
  }) {
    return this.http.request<{ account: RuntimeAccount; communityId: string }>(
      'POST',
      '/api/v1/auth/register',
      { body: input },
    );
  }

  async query(pluginId: string, query: string, params: QueryParams = {}): Promise<QueryAnswer> {
    const qs: Record<string, string | number | undefined> = {
      limit: params.limit,
      cursor: params.cursor,
      id: params.id,
      sort: params.sort,
    };
    for (const [field, value] of Object.entries(params.filter ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) qs[`f.${field}.in`] = value.join(',');
      else qs[`f.${field}.eq`] = String(value);
    }
    const answer = await this.http.request<QueryAnswer>(
      'GET',
      `${this.plugin(pluginId)}/queries/${encodeURIComponent(query)}`,
      { query: qs },
    );
    if (answer.kind === 'list') return { ...answer, items: answer.items.map(normaliseRecord) };
    if (answer.kind === 'record') return { ...answer, item: normaliseRecord(answer.item) };
    if (answer.kind === 'capacity') {
      const raw = answer as unknown as Record<string, unknown>;
      const list = (raw.items ?? raw.entries ?? raw.slots ?? raw.keys ?? []) as CapacityItem[];
      return { kind: 'capacity', items: Array.isArray(list) ? list : [] };
    }
    return answer;
  }

  async action(
    pluginId: string,
    action: string,
    body: { input?: Record<string, unknown>; recordId?: string; comment?: string },
    idempotencyKey?: string,
  ): Promise<ActionAnswer> {
    const answer = await this.http.request<ActionAnswer>(
      'POST',
      `${this.plugin(pluginId)}/actions/${encodeURIComponent(action)}`,
      {
        body: {
          input: body.input ?? {},
          ...(body.recordId ? { recordId: body.recordId } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
        },
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : undefined,
      },
    );
    return { ...answer, record: answer.record ? normaliseRecord(answer.record) : null };
  }

  uploadUrl(uploadId: string): string {
    return this.http.url(
      `/api/v1/communities/${encodeURIComponent(this.communityId)}/uploads/${encodeURIComponent(uploadId)}`,
    );
  }

  /**
   * Stores an image (raw bytes). With `onProgress`, XMLHttpRequest reports upload progress,
   * which fetch cannot; errors are the same ApiError either way.
   */
  async upload(file: Blob, onProgress?: (fraction: number) => void): Promise<{ id: string }> {
    const path = `/api/v1/communities/${encodeURIComponent(this.communityId)}/uploads`;
    if (!onProgress || typeof XMLHttpRequest === 'undefined') {
      return this.http.request<{ id: string }>('POST', path, {
        body: file,
        headers: { 'content-type': file.type },
      });
    }
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.http.url(path));
      xhr.withCredentials = true;
      xhr.setRequestHeader('content-type', file.type);
      xhr.setRequestHeader('accept', 'application/json');
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onerror = () =>
        reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
      xhr.onload = () => {
        let data: unknown;
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = undefined;
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress(1);
          resolve(data as { id: string });
        } else if (isApiErrorBody(data)) {
          reject(new ApiError(xhr.status, data.error.code, data.error.message, data.error.details));
        } else reject(new ApiError(xhr.status, 'http_error', `The server answered ${xhr.status}.`));
      };
      xhr.send(file);
    });
  }

  async points(
    cursor?: string,
    limit?: number,
  ): Promise<{ balance: number; entries: PointsEntry[]; nextCursor: string | null }> {
    const res = await this.http.request<{
      balance: number;
      entries: PointsEntry[];
      nextCursor: string | null;
    }>('GET', `/api/v1/communities/${encodeURIComponent(this.communityId)}/points/me`, {
      query: { cursor, limit },
    });
    return { ...res, entries: res.entries.map((e) => ({ ...e, _id: e.id })) };
  }

  async inbox(
    cursor?: string,
  ): Promise<{ items: InboxItem[]; unread: number; nextCursor: string | null }> {
    const res = await this.http.request<{
      items: InboxItem[];
      unread: number;
      nextCursor: string | null;
    }>('GET', '/api/v1/me/inbox', {
      query: { cursor, communityId: this.communityId },
    });
    return { ...res, items: res.items.map((m) => ({ ...m, _id: m.id })) };
  }

  async unreadCount(): Promise<number> {
    return (
      await this.http.request<{ unread: number }>('GET', '/api/v1/me/inbox/unread-count', {
        query: { communityId: this.communityId },
      })
    ).unread;
  }

  async markRead(ids: string[]): Promise<number> {
    return (
      await this.http.request<{ unread: number }>('POST', '/api/v1/me/inbox/read', {
        body: { ids },
      })
    ).unread;
  }
}

export type { PortalPage };
