import type { Portal } from '@scene/schema';
import type { Schemas } from '../contract';
import { ApiError } from '../errors';
import { communityPath } from '../contract';
import type { HttpClient } from '../http';

export type PortalDraft = Schemas['PortalDraft'];
export type SavedPortalDraft = Schemas['SavedPortalDraft'];
export type ValidationReport = Schemas['ValidationReport'];
export type ValidationIssue = Schemas['ReportIssue'];
export type PortalPublishResult = Schemas['PublishedPortal'];
export type PortalVersionSummary = Schemas['PortalVersionSummary'];
export type PortalVersion = Schemas['PortalVersion'];
export type PortalDiff = Schemas['PortalDiff'];

/** Thrown by `saveDraft` when the draft changed since `etag` was read (HTTP 412). */
export class DraftConflictError extends Error {
  override name = 'DraftConflictError';
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

/** A community's portal: the draft, publishing, history and rollback (operators). */
export interface PortalsApi {
  draft(communityId: string): Promise<PortalDraft>;
  /** Saves with If-Match; a stale etag throws DraftConflictError and writes nothing. */
  saveDraft(communityId: string, portal: Portal, etag: string): Promise<SavedPortalDraft>;
  /** What publishing the saved draft would report, without publishing. */
  validate(communityId: string): Promise<ValidationReport>;
  /** A report with errors comes back as ApiError 422 whose details hold the report. */
  publish(
    communityId: string,
    options?: { etag?: string; note?: string },
  ): Promise<PortalPublishResult>;
  versions(communityId: string, limit?: number): Promise<PortalVersionSummary[]>;
  version(communityId: string, version: number): Promise<PortalVersion>;
  diff(communityId: string, from: number, to: number): Promise<PortalDiff>;
  rollback(communityId: string, version: number): Promise<{ version: number }>;
}

export function portalsApi(http: HttpClient): PortalsApi {
  const path = (communityId: string, rest: string) =>
    `${communityPath(communityId)}/portal/${rest}`;
  return {
    draft: (communityId) => http.request('GET', path(communityId, 'draft')),
    async saveDraft(communityId, portal, etag) {
      try {
        return await http.request<SavedPortalDraft>('PUT', path(communityId, 'draft'), {
          body: { portal },
          headers: { 'if-match': etag },
        });
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) throw new DraftConflictError(err);
        throw err;
      }
    },
    validate: (communityId) => http.request('POST', path(communityId, 'validate')),
    publish: (communityId, { etag, note } = {}) =>
      http.request('POST', path(communityId, 'publish'), {
        body: note ? { note } : {},
        headers: etag ? { 'if-match': etag } : undefined,
      }),
    versions: async (communityId, limit) =>
      (
        await http.request<{ items: PortalVersionSummary[] }>(
          'GET',
          path(communityId, 'versions'),
          {
            query: { limit },
          },
        )
      ).items,
    version: (communityId, version) =>
      http.request('GET', path(communityId, `versions/${version}`)),
    diff: (communityId, from, to) =>
      http.request('GET', path(communityId, 'diff'), { query: { from, to } }),
    rollback: (communityId, version) =>
      http.request('POST', path(communityId, 'rollback'), { body: { version } }),
  };
}
