import { createApi, HttpClient, type Api } from '@scene/client';
import { trackLoad } from '@scene/forms/busy';

/**
 * The one API client of the whole studio (every screen). Same-origin: the
 * server serves the studio, and the session cookie rides along. Server messages follow the
 * studio's language. Tests swap in a fake (`studio/src/testing/fake-api.ts`) with `setApi`.
 */
let current: Api | null = null;
let injected = false;
let language = 'zh-CN';

export function api(): Api {
  current ??= createApi(
    // Each request counts as a load in flight until its answer is read: the studio's main
    // region says it is busy while data is on the way.
    new HttpClient({ baseUrl: '', headers: { 'accept-language': language }, track: trackLoad }),
  );
  return current;
}

export function setApi(fake: Api | null): void {
  current = fake;
  injected = fake !== null;
}

/** Server messages follow the studio's language; the next request uses the new header. */
export function setApiLanguage(locale: string): void {
  if (locale === language) return;
  language = locale;
  if (!injected) current = null;
}
