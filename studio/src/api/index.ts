import {
  createApi,
  HttpClient,
  type Api,
  type HttpMethod,
  type RawResponse,
  type RequestOptions,
} from '@scene/client';
import { trackLoad } from '@scene/forms/busy';

/**
 * The browser's transport: each request counts as a load in flight until its answer is read
 * (`@scene/forms/busy`), so the studio's main region says it is busy while data is on the way.
 */
class StudioHttpClient extends HttpClient {
  override raw<T>(
    method: HttpMethod,
    path: string,
    opts?: RequestOptions,
  ): Promise<RawResponse<T>> {
    return trackLoad(super.raw<T>(method, path, opts));
  }
}

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
    new StudioHttpClient({ baseUrl: '', headers: { 'accept-language': language } }),
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
