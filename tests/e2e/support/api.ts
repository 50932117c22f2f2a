import type { APIRequestContext } from '@playwright/test';
import { createApi, type Api } from '@scene/client';

/**
 * The API client over a Playwright request context, so set-up steps share the context's
 * cookies (a log-in through the client signs the context in) and its base URL.
 */
export function clientFor(request: APIRequestContext): Api {
  return createApi({
    baseUrl: '',
    fetch: async (input, init) => {
      const res = await request.fetch(String(input), {
        method: init?.method ?? 'GET',
        headers: init?.headers as Record<string, string> | undefined,
        ...(typeof init?.body === 'string' ? { data: init.body } : {}),
      });
      const empty = res.status() === 204 || res.status() === 304;
      return new Response(empty ? null : new Uint8Array(await res.body()), {
        status: res.status(),
        headers: res.headers(),
      });
    },
  });
}
