import { HttpClient, StudioApi } from '@scene/client';

/**
 * The one StudioApi the screens and stores use. Same-origin: the server serves the studio, and
 * the session cookie rides along. Tests swap in a fake with `setStudioApi`.
 */
let current: StudioApi | null = null;
let injected = false;
let language = 'zh-CN';

export function studioApi(): StudioApi {
  current ??= new StudioApi(
    new HttpClient({ baseUrl: '', headers: { 'accept-language': language } }),
  );
  return current;
}

export function setStudioApi(api: StudioApi | null): void {
  current = api;
  injected = api !== null;
}

/** Server messages follow the studio's language; the next request uses the new header. */
export function setApiLanguage(locale: string): void {
  if (locale === language) return;
  language = locale;
  if (!injected) current = null;
}
