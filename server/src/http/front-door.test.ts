import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerProblem } from './answer-check';
import { errorHandler } from './error-handler';
import { json } from './responses';
import { auth, defineRoute } from './route';
import { mountRoutesOn, serveFromMemoryFirst, type CallerResolver } from './router';
import { obj } from './schemas';

// Pure routing, no database: these routes never ask who is calling.
const nobody: CallerResolver = {
  resolve: async () => undefined,
  inCommunity: async () => undefined,
};
const from = obj({ from: { type: 'string' } }, ['from']);
const remembered = new Map([['kept', '{"from":"memory"}']]);
const routes = [
  defineRoute<{ params: { id: string } }>()({
    method: 'get',
    path: '/things/:id',
    summary: 'a thing, from memory when it is there',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(from) },
    hot: true,
    params: obj({ id: { type: 'string', pattern: '^[a-z]+$' } }, ['id']),
    front: (req) => {
      const body = remembered.get(req.url?.slice('/things/'.length) ?? '');
      if (body === undefined) return undefined;
      return (res) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(body);
      };
    },
    handler: () => ({ from: 'router' }),
  }),
  defineRoute()({
    method: 'get',
    path: '/wrong',
    summary: 'answers from memory a status it never declared',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(from) },
    hot: true,
    front: (req) =>
      req.url === '/wrong'
        ? (res) => {
            res.statusCode = 418;
            res.end();
          }
        : undefined,
    handler: () => ({ from: 'router' }),
  }),
];

/** The app as createApp builds it: hot routes, then middleware every other request passes. */
function serve(checkAnswers?: (p: AnswerProblem) => void) {
  const app = express();
  const passed: string[] = [];
  mountRoutesOn(app, routes, nobody, { checkAnswers });
  serveFromMemoryFirst(app, routes, { checkAnswers });
  app.use((req, _res, next) => {
    passed.push(req.url);
    next();
  });
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  return new Promise<{ base: string; server: Server; passed: string[] }>((resolve) =>
    server.once('listening', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        server,
        passed,
      }),
    ),
  );
}

let plain: Awaited<ReturnType<typeof serve>>;
let checked: Awaited<ReturnType<typeof serve>>;
const problems: AnswerProblem[] = [];
beforeAll(async () => {
  plain = await serve();
  checked = await serve((p) => problems.push(p));
});
afterAll(async () => {
  for (const { server } of [plain, checked])
    await new Promise<void>((r) => server.close(() => r()));
});

const get = async (base: string, path: string) => {
  const res = await fetch(base + path);
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.includes('json');
  return { status: res.status, body: isJson ? (JSON.parse(text) as unknown) : undefined };
};

describe('answers from memory ahead of Express', () => {
  it('answers what a route has in memory before any router or middleware runs', async () => {
    expect(await get(plain.base, '/things/kept')).toEqual({
      status: 200,
      body: { from: 'memory' },
    });
    // The router's route and the middleware after it never saw it; what is not in memory goes
    // through the router, its validation and its handler as before.
    expect(await get(plain.base, '/things/other')).toEqual({
      status: 200,
      body: { from: 'router' },
    });
    expect((await get(plain.base, '/things/NOT')).status).toBe(400);
    expect(await get(plain.base, '/missing')).toMatchObject({ status: 404 });
    expect(plain.passed).toEqual(['/missing']);
  });

  it("holds a memory answer to the route's contract where the router would (tests)", async () => {
    expect(await get(checked.base, '/things/kept')).toEqual({
      status: 200,
      body: { from: 'memory' },
    });
    expect(problems).toEqual([]);
    const wrong = await get(checked.base, '/wrong');
    expect(wrong.status).toBe(500);
    expect(problems).toEqual([
      expect.objectContaining({
        route: 'GET /wrong',
        status: 418,
        problem: 'status not documented',
      }),
    ]);
  });
});
