import { ApiError } from '@scene/client';
import type { RecordView } from '@scene/client/records';
import type { AggregateAnswer } from '@scene/schema';
import { reactive } from 'vue';
import type { DataSource, NavigateTarget, RecordDoc, RuntimeUser } from '@scene/renderer';
import type { PortalApi } from '../api';
import type { RestOfSource } from './api-source-more';
import type { Preferences } from './preferences';

/** Records carry `id` on the wire; manifests bind `item._id`. Both are kept. */
export const toDoc = (r: RecordView): RecordDoc => ({ ...r, _id: r.id });

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
  let rest: Promise<RestOfSource> | undefined;
  const more = () =>
    (rest ??= import('./api-source-more').then(
      (m) => m.restOfSource(o),
      (err: unknown) => {
        rest = undefined; // a failed download is tried again on the next use
        throw err;
      },
    ));
  // Fetched once the page is up, so a tap does not wait for it (nor fail for it offline).
  if (!import.meta.env.SSR) globalThis.setTimeout(() => void more().catch(() => undefined), 0);
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
    resultsFileUrl(req) {
      return api.records.resultsFileUrl(c, req.plugin, req.action, req.format, o.prefs.locale);
    },
    async onceDone(req) {
      const { onceApi } = await import('@scene/client/once');
      return onceApi(api.http).done(c, req.plugin, req.action);
    },
    uploadUrl(idOrUrl) {
      if (/^https:\/\//.test(idOrUrl)) return idOrUrl;
      return api.uploads.url(c, idOrUrl.replace(/^upload:/, ''));
    },
    async pointsBalance() {
      return (await api.points.mine(c, { limit: 1 })).balance;
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
    // Writes and reads no first page makes: their code loads on first use (see api-source-more).
    run: (req) => more().then((m) => m.run(req)),
    results: (req) => more().then((m) => m.results(req)),
    unmask: (req) => more().then((m) => m.unmask(req)),
    pause: (req) => more().then((m) => m.pause(req)),
    paused: (req) => more().then((m) => m.paused(req)),
    liftPause: (req) => more().then((m) => m.liftPause(req)),
    assignees: (req) => more().then((m) => m.assignees(req)),
    upload: (file, onProgress) => more().then((m) => m.upload(file, onProgress)),
    pointsLedger: (cursor) => more().then((m) => m.pointsLedger(cursor)),
    markRead: (id) => more().then((m) => m.markRead(id)),
    navigate: (target) => o.navigate(target),
    href: (target) => o.href(target),
    onBlockError(report) {
      // Visible to operators in the browser console and to the e2e tests; never to residents.
      console.warn('[scene] block failed', report);
    },
  } satisfies DataSource);
  return source;
}
