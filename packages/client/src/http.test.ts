import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HttpClient } from './index';

let server: Server;
let baseUrl: string;
const seen: { auth?: string; body?: string; url?: string } = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      Object.assign(seen, { auth: req.headers.authorization, body, url: req.url });
      if (req.url?.startsWith('/ok')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ echoed: JSON.parse(body || 'null') }));
      } else {
        res.statusCode = 409;
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            error: { code: 'conflict', message: 'Already there.', details: { f: 1 } },
          }),
        );
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('HttpClient', () => {
  it('sends JSON with the bearer token and returns the parsed answer', async () => {
    const client = new HttpClient({ baseUrl, token: 'tok' });
    const data = await client.request<{ echoed: unknown }>('POST', '/ok', {
      body: { a: '中文' },
      query: { page: 2, skip: undefined },
    });
    expect(data.echoed).toEqual({ a: '中文' });
    expect(seen.auth).toBe('Bearer tok');
    expect(seen.url).toBe('/ok?page=2');
  });

  it('throws ApiError carrying the shared error format', async () => {
    const err = await new HttpClient({ baseUrl }).request('GET', '/fail').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 409,
      code: 'conflict',
      message: 'Already there.',
      details: { f: 1 },
    });
  });

  it('tells its tracker of each request until the answer, or the refusal, has been read', async () => {
    const tracked: Promise<unknown>[] = [];
    const http = new HttpClient({
      baseUrl,
      track: (work) => (tracked.push(work), work),
    });
    await expect(http.request('POST', '/ok', { body: { n: 1 } })).resolves.toEqual({
      echoed: { n: 1 },
    });
    await expect(http.request('POST', '/nope')).rejects.toBeInstanceOf(ApiError);
    expect(tracked).toHaveLength(2);
    await expect(tracked[0]).resolves.toMatchObject({ status: 200, data: { echoed: { n: 1 } } });
    await expect(tracked[1]).rejects.toBeInstanceOf(ApiError);
  });

  it('reports an unreachable server as a network error', async () => {
    const err = await new HttpClient({ baseUrl: 'http://127.0.0.1:1' })
      .request('GET', '/x')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).isNetworkError).toBe(true);
  });
});
