import { ApiError } from '@scene/client';
import type { RecordView } from '@scene/client/records';
import {
  localize,
  type AggregateAnswer,
  type FieldsResults,
  type LocalizedText,
} from '@scene/schema';
import { reactive } from 'vue';
import type { DataSource, NavigateTarget, RecordDoc, RuntimeUser } from '@scene/renderer';
import type { PortalApi } from '../api';
import type { Preferences } from './preferences';

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

/** Records carry `id` on the wire; manifests bind `item._id`. Both are kept. */
const toDoc = (r: RecordView): RecordDoc => ({ ...r, _id: r.id });

export interface ApiSourceOptions {
  api: PortalApi;
  prefs: Preferences;
  session: { user: RuntimeUser | null };
  navigate: (target: NavigateTarget) => void;
  href: (target: NavigateTarget) => string;
  onUnread?: (count: number) => void;
  /** The community's time zone, from the bundle (read when needed: the bundle may be replaced). */
  timeZone?: () => string | undefined;
}

/** The renderer's data source over the real API. */
export function createApiSource(o: ApiSourceOptions): DataSource {
  const { api } = o;
  const c = api.communityId;
  // Loaded by the first page that books (not with the portal's first chunk).
  const pauses = () => import('@scene/client/pauses').then((m) => m.pausesApi(api.http));
  const query = (
    plugin: string,
    name: string,
    params: Parameters<PortalApi['records']['query']>[3],
  ) => api.records.query(c, plugin, name, params);
  const source: DataSource = reactive({
    get locale() {
      return o.prefs.locale;
    },
    get user() {
      return o.session.user;
    },
    get elder() {
      return o.prefs.elder;
    },
    get timeZone() {
      return o.timeZone?.();
    },
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
    async unmask(req) {
      return toDoc(await api.records.unmask(c, req.plugin, req.collection, req.id, req.reason));
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
          record: a.record ? toDoc(a.record) : undefined,
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
    resultsFileUrl(req) {
      return api.records.resultsFileUrl(c, req.plugin, req.action, req.format, o.prefs.locale);
    },
    async onceDone(req) {
      const { onceApi } = await import('@scene/client/once');
      return onceApi(api.http).done(c, req.plugin, req.action);
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
      const people = await api.records.assignees(c, req.plugin, req.role);
      return people.map((p) => ({ id: p.accountId, displayName: p.displayName }));
    },
    async upload(file, onProgress) {
      return api.uploads.upload(c, file, onProgress);
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
      o.onUnread?.(page.unread);
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
    async markRead(id) {
      o.onUnread?.(await api.inbox.markRead([id]));
    },
    navigate: (target) => o.navigate(target),
    href: (target) => o.href(target),
    onBlockError(report) {
      // Visible to operators in the browser console and to the e2e tests; never to residents.
      console.warn('[scene] block failed', report);
    },
  } satisfies DataSource);
  return source;
}
