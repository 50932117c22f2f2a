import { ApiError, type Api } from '@scene/client';
import { onceApi } from '@scene/client/once';
import { pausesApi } from '@scene/client/pauses';
import {
  assigneeChoices,
  inboxEntries,
  ledgerEntries,
  queryReads,
} from '@scene/client/query-reads';
import type { FieldsResults } from '@scene/schema';
import { reactive } from 'vue';
import type { DataSource, Locale, NavigateTarget, RuntimeUser } from '@scene/renderer';

/**
 * What a write in the preview answers: a refusal in words (409 with a localized
 * `details.message`), which the renderer shows where the form shows its errors, as a notice.
 */
export function previewWriteRefused(): ApiError {
  return new ApiError(409, 'preview_read_only', 'Nothing is submitted in a preview.', {
    message: {
      'zh-CN': '预览中不会提交：请在居民门户中操作。',
      en: 'Nothing is submitted in a preview: do this in the resident portal.',
    },
  });
}

export interface LiveSourceOptions {
  api: Api;
  communityId: string;
  /** The signed-in operator with their roles in this community: the server reads as them. */
  user: RuntimeUser | null;
  locale: Locale;
  /** The community's time zone (default Asia/Shanghai). */
  timeZone?: string;
}

export type LiveSource = DataSource & {
  locale: Locale;
  user: RuntimeUser | null;
  /** Where the preview's links and tab taps asked to go (the compose screen follows pages). */
  navigations: NavigateTarget[];
};

/**
 * The renderer's data source over the community's live data for the compose preview. Every read
 * goes to the API as the signed-in operator, so the server applies the operator's roles and
 * masks personal data as for them; a read they may not make fails as it would in the portal (the
 * renderer's empty or failure state). Nothing is ever written from a preview.
 */
export function createLiveSource(o: LiveSourceOptions): LiveSource {
  const { api, communityId: c } = o;
  const query = (plugin: string, name: string, params: Parameters<Api['records']['query']>[3]) =>
    api.records.query(c, plugin, name, params);
  const refuse = () => Promise.reject(previewWriteRefused());
  const source: LiveSource = reactive({
    locale: o.locale,
    user: o.user,
    timeZone: o.timeZone,
    navigations: [] as NavigateTarget[],
    explainHidden: true,
    ...queryReads(query),
    async results(req) {
      // The wire schema types the optional parts loosely; @scene/schema's type is the server's.
      return (await api.records.results(c, req.plugin, req.action)) as FieldsResults;
    },
    resultsFileUrl(req) {
      return api.records.resultsFileUrl(c, req.plugin, req.action, req.format, source.locale);
    },
    async onceDone(req) {
      return onceApi(api.http).done(c, req.plugin, req.action);
    },
    async pause(req) {
      return pausesApi(api.http).pause(c, req.plugin, req.action, req.for);
    },
    async paused(req) {
      return pausesApi(api.http).paused(c, req.plugin, req.guard);
    },
    async assignees(req) {
      return assigneeChoices(await api.records.assignees(c, req.plugin, req.role));
    },
    uploadUrl(idOrUrl) {
      if (/^https:\/\//.test(idOrUrl)) return idOrUrl;
      return api.uploads.url(c, idOrUrl.replace(/^upload:/, ''));
    },
    async pointsBalance() {
      return (await api.points.mine(c, { limit: 1 })).balance;
    },
    async pointsLedger(cursor) {
      return ledgerEntries(await api.points.mine(c, { cursor }));
    },
    async inbox(cursor) {
      return inboxEntries(await api.inbox.list({ cursor, communityId: c }));
    },
    // Writes: a preview looks, it never acts on the community's records.
    run: refuse,
    upload: refuse,
    markRead: refuse,
    liftPause: refuse,
    unmask: refuse,
    navigate(target) {
      source.navigations.push(target);
    },
    onBlockError(report) {
      // For the operator's browser console and the e2e tests.
      console.warn('[scene] block failed', report);
    },
  } satisfies LiveSource);
  return source;
}
