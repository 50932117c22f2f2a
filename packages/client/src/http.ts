import { ApiError, errorFor } from './errors';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8080` or '' for same-origin requests in the browser. */
  baseUrl?: string;
  /** Bearer token for the CLI and scripts; browsers use the session cookie instead. */
  token?: string;
  fetch?: typeof fetch;
  /** Extra headers on every request (e.g. Accept-Language). */
  headers?: Record<string, string>;
  /**
   * Told of each request, until its answer has been read: a browser app counts them as loads in
   * flight (`@scene/forms/busy`'s `trackLoad`) to say when its screen is complete.
   */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RawResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The transport under every typed API call: JSON in, JSON out, ApiError on failure. */
export class HttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ClientOptions = {}) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    return (await this.raw<T>(method, path, opts)).data;
  }

  raw<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<RawResponse<T>> {
    const answer = this.send<T>(method, path, opts);
    return this.options.track ? this.options.track(answer) : answer;
  }

  private async send<T>(
    method: HttpMethod,
    path: string,
    opts: RequestOptions,
  ): Promise<RawResponse<T>> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.options.headers,
      ...opts.headers,
    };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let body: BodyInit | undefined;
    if (
      opts.body instanceof FormData ||
      (typeof Blob !== 'undefined' && opts.body instanceof Blob)
    ) {
      body = opts.body;
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, opts.query), {
        method,
        headers,
        body,
        credentials: 'include',
        signal: opts.signal,
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new ApiError(0, 'network_error', 'The server could not be reached.', {
        cause: (err as Error)?.message,
      });
    }
    const data = await readBody(response);
    if (!response.ok && response.status !== 304) throw errorFor(response.status, data);
    return { status: response.status, headers: response.headers, data: data as T };
  }

  url(path: string, query?: RequestOptions['query']): string {
    const base = (this.options.baseUrl ?? '').replace(/\/$/, '');
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    return `${base}${path}${qs ? `?${qs}` : ''}`;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 304) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  if (!(response.headers.get('content-type') ?? '').includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
