import { EcosystemApi, HttpClient } from '@scene/client';

/**
 * The one EcosystemApi the ecosystem screens use (same-origin, session cookie). Built per
 * language so server messages follow the studio's locale; tests inject a fake.
 */
let current: EcosystemApi | null = null;
let builtFor = '';
let injected = false;

export function ecosystemApi(): EcosystemApi {
  const language = globalThis.document?.documentElement.lang || 'zh-CN';
  if (!injected && (current === null || builtFor !== language)) {
    current = new EcosystemApi(
      new HttpClient({ baseUrl: '', headers: { 'accept-language': language } }),
    );
    builtFor = language;
  }
  return current!;
}

export function setEcosystemApi(api: EcosystemApi | null): void {
  current = api;
  injected = api !== null;
}
