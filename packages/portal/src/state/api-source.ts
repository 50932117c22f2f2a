import { inboxEntries, queryReads } from '@scene/client/query-reads';
import { trackLoad } from '@scene/forms/busy';
import { reactive } from 'vue';
import type { DataSource, NavigateTarget, RuntimeUser } from '@scene/renderer';
import type { PortalApi } from '../api';
import type { RestOfSource } from './api-source-more';
import type { Preferences } from './preferences';

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
  // Its code is a load the page waits for (busy) before the request it is fetched for.
  const more = () =>
    (rest ??= trackLoad(
      import('./api-source-more').then(
        (m) => m.restOfSource(o),
        (err: unknown) => {
          rest = undefined; // a failed download is tried again on the next use
          throw err;
        },
      ),
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
    ...queryReads(query),
    resultsFileUrl(req) {
      return api.records.resultsFileUrl(c, req.plugin, req.action, req.format, o.prefs.locale);
    },
    async onceDone(req) {
      const { onceApi } = await trackLoad(import('@scene/client/once'));
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
      return inboxEntries(page);
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
