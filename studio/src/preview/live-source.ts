import { ApiError, type Api } from '@scene/client';
import { onceApi } from '@scene/client/once';
import { pausesApi } from '@scene/client/pauses';
import type { RecordView } from '@scene/client/records';
import type { AggregateAnswer, FieldsResults } from '@scene/schema';
import { reactive } from 'vue';
import type { DataSource, Locale, NavigateTarget, RecordDoc, RuntimeUser } from '@scene/renderer';

/** Records carry `id` on the wire; manifests bind `item._id`. Both are kept. */
const toDoc = (r: RecordView): RecordDoc => ({ ...r, _id: r.id });

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
    async list(req) {
      const a = await query(req.plugin, req.query, {
        cursor: req.cursor,
        limit: req.limit,
        filter: req.filter,
      });
      return a.kind === 'list'
        ? { items: a.items.map(toDoc), nextCursor: a.nextCursor }
        : { items: [] };
    },
    async get(req) {
      try {
        const a = await query(req.plugin, req.query, { id: req.id });
        const item = a.kind === 'record' ? a.item : a.kind === 'list' ? a.items[0] : undefined;
        return item ? toDoc(item) : null;
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    async count(req) {
      const a = await query(req.plugin, req.query, { filter: req.filter });
      return a.kind === 'count' ? a.count : 0;
    },
    async group(req) {
      const a = await query(req.plugin, req.query, { filter: req.filter });
      return a.kind === 'group' ? a.groups : [];
    },
    async capacity(req) {
      const a = await query(req.plugin, req.query, { filter: req.filter, for: req.for });
      return a.kind === 'capacity' ? a.slots : [];
    },
    async aggregate(req) {
      const a = await query(req.plugin, req.query, {
        filter: req.filter,
        from: req.from,
        to: req.to,
        compare: req.compare,
        for: req.for,
      });
      if (a.kind !== 'aggregate') throw new Error(`"${req.query}" is not an aggregate query`);
      // The wire schema types a row's figures as optional; @scene/schema's type says they are
      // there exactly when the row is not suppressed, which the server guarantees.
      return a as AggregateAnswer;
    },
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
      const people = await api.records.assignees(c, req.plugin, req.role);
      return people.map((p) => ({ id: p.accountId, displayName: p.displayName }));
    },
    uploadUrl(idOrUrl) {
      if (/^https:\/\//.test(idOrUrl)) return idOrUrl;
      return api.uploads.url(c, idOrUrl.replace(/^upload:/, ''));
    },
    async pointsBalance() {
      return (await api.points.mine(c, { limit: 1 })).balance;
    },
    async pointsLedger(cursor) {
      const p = await api.points.mine(c, { cursor });
      return {
        items: p.entries.map((e) => ({
          _id: e.id,
          amount: e.delta,
          balanceAfter: e.balanceAfter,
          reason: e.reason,
          createdAt: e.createdAt,
        })),
        nextCursor: p.nextCursor,
      };
    },
    async inbox(cursor) {
      const page = await api.inbox.list({ cursor, communityId: c });
      return {
        items: page.items.map((m) => ({
          _id: m.id,
          title: m.title,
          body: m.body,
          read: m.read,
          createdAt: m.createdAt,
          plugin: m.pluginId,
          view: m.view ?? undefined,
          recordId: m.recordId ?? undefined,
        })),
        nextCursor: page.nextCursor,
      };
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
