import { ApiError } from '@scene/client';
import { localize, type FieldsResults, type LocalizedText } from '@scene/schema';
import type { DataSource } from '@scene/renderer';
import { assigneeChoices, ledgerEntries, toBound } from '@scene/client/query-reads';
import { trackLoad } from '@scene/forms/busy';
import type { ApiSourceOptions } from './api-source';

interface Issue {
  pointer?: string;
  message?: string | LocalizedText;
}

/**
 * The server's validation issues (`details.issues`, pointers into `input`, localized
 * messages) as the field errors the form shows: `[{pointer: '/title', message}]`.
 */
export function withFieldErrors(err: unknown, locale: string): unknown {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed') return err;
  const issues = (err.details as { issues?: Issue[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return err;
  const details = issues.map((i) => ({
    pointer: String(i.pointer ?? '').replace(/^\/(body\/)?input(?=\/|$)/, ''),
    message: localize(i.message, locale),
  }));
  return new ApiError(err.status, err.code, err.message, details);
}

export type RestOfSource = Required<
  Pick<
    DataSource,
    | 'run'
    | 'results'
    | 'unmask'
    | 'pause'
    | 'paused'
    | 'liftPause'
    | 'assignees'
    | 'upload'
    | 'pointsLedger'
    | 'markRead'
  >
>;

/**
 * The data source's writes and the reads no first page makes (a person acts, opens results,
 * books, uploads, pages through points), apart from the portal's first chunk: it is loaded
 * after the first page and on first use.
 */
export function restOfSource(o: ApiSourceOptions): RestOfSource {
  const { api } = o;
  const c = api.communityId;
  // Counted as a load (busy) as the request it comes for is.
  const pauses = () => trackLoad(import('@scene/client/pauses')).then((m) => m.pausesApi(api.http));
  return {
    async run(req) {
      try {
        const a = await api.records.action(
          c,
          req.plugin,
          req.action,
          {
            input: req.input ?? {},
            ...(req.recordId ? { recordId: req.recordId } : {}),
            ...(req.forAccountId ? { forAccountId: req.forAccountId } : {}),
          },
          req.idempotencyKey,
        );
        return {
          record: a.record ? toBound(a.record) : undefined,
          pointsAwarded: a.pointsAwarded,
          pointsSpent: a.pointsSpent,
          waitlist: a.waitlist,
        };
      } catch (err) {
        throw withFieldErrors(err, o.prefs.locale);
      }
    },
    async results(req) {
      // The wire schema types the optional parts loosely; @scene/schema's type is what the
      // server's tally returns.
      return (await api.records.results(c, req.plugin, req.action)) as FieldsResults;
    },
    async unmask(req) {
      return toBound(await api.records.unmask(c, req.plugin, req.collection, req.id, req.reason));
    },
    async pause(req) {
      return (await pauses()).pause(c, req.plugin, req.action, req.for);
    },
    async paused(req) {
      return (await pauses()).paused(c, req.plugin, req.guard);
    },
    async liftPause(req) {
      await (await pauses()).lift(c, req.plugin, req.guard, req.accountId, req.note);
    },
    async assignees(req) {
      return assigneeChoices(await api.records.assignees(c, req.plugin, req.role));
    },
    async upload(file, onProgress) {
      return api.uploads.upload(c, file, onProgress);
    },
    async pointsLedger(cursor) {
      return ledgerEntries(await api.points.mine(c, { cursor }));
    },
    async markRead(id) {
      o.onUnread?.(await api.inbox.markRead([id]));
    },
  };
}
