import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerProblem } from './answer-check';
import { errorHandler } from './error-handler';
import { conflict } from './errors';
import { empty, failure, json } from './responses';
import { auth, defineRoute } from './route';
import { mountRoutes, type CallerResolver } from './router';
import { obj } from './schemas';

// The router checks answers with no database behind it: these routes never ask who is calling.
const nobody: CallerResolver = {
  resolve: async () => undefined,
  inCommunity: async () => undefined,
};
const thing = obj({ id: { type: 'string' } }, ['id']);
const routes = [
  defineRoute()({
    method: 'get',
    path: '/good',
    summary: 'keeps its contract',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(thing) },
    handler: () => ({ id: 'a' }),
  }),
  defineRoute()({
    method: 'get',
    path: '/wrong-shape',
    summary: 'answers a body its schema refuses',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(thing) },
    handler: () => ({ id: 7, extra: true }),
  }),
  defineRoute()({
    method: 'post',
    path: '/undocumented-error',
    summary: 'throws a status it never declared',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(thing) },
    handler: () => {
      throw conflict('Surprise.');
    },
  }),
  defineRoute()({
    method: 'post',
    path: '/documented-error',
    summary: 'throws a status it declared',
    tags: ['t'],
    auth: auth.public,
    responses: { 204: empty('Done'), 409: failure('Already done') },
    handler: () => {
      throw conflict('Already done.');
    },
  }),
  defineRoute()({
    method: 'post',
    path: '/undocumented-204',
    summary: 'returns nothing but documents a body',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(thing) },
    handler: () => undefined,
  }),
  defineRoute()({
    method: 'get',
    path: '/bytes',
    summary: 'sends bytes with a status it never declared',
    tags: ['t'],
    auth: auth.public,
    responses: { 200: json(thing) },
    handler: ({ res }) => {
      res.status(206).end(Buffer.from('partial'));
    },
  }),
];

function serve(
  checkAnswers?: (p: AnswerProblem) => void,
): Promise<{ base: string; server: Server }> {
  const app = express();
  app.use(mountRoutes(routes, nobody, { checkAnswers }));
  app.use(errorHandler);
  const server = app.listen(0, '127.0.0.1');
  return new Promise((resolve) =>
    server.once('listening', () =>
      resolve({ base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

const problems: AnswerProblem[] = [];
let checked: { base: string; server: Server };
let unchecked: { base: string; server: Server };
beforeAll(async () => {
  checked = await serve((p) => problems.push(p));
  unchecked = await serve();
});
afterAll(async () => {
  for (const { server } of [checked, unchecked])
    await new Promise<void>((r) => server.close(() => r()));
});

async function call(base: string, method: string, path: string) {
  const res = await fetch(base + path, { method });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('answers checked against the contract (tests only)', () => {
  it('lets documented answers through unchanged', async () => {
    expect(await call(checked.base, 'GET', '/good')).toEqual({ status: 200, body: { id: 'a' } });
    const refused = await call(checked.base, 'POST', '/documented-error');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'conflict' } });
  });

  it('turns a body that does not match its schema into a 500 naming the route', async () => {
    const res = await call(checked.base, 'GET', '/wrong-shape');
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      error: {
        code: 'undocumented_response',
        details: { route: 'GET /wrong-shape', status: 200, problem: 'body does not match schema' },
      },
    });
    expect(problems.some((p) => p.route === 'GET /wrong-shape')).toBe(true);
  });

  it('turns an undocumented status into a 500, whether thrown, returned or streamed', async () => {
    for (const [method, path, status] of [
      ['POST', '/undocumented-error', 409],
      ['POST', '/undocumented-204', 204],
      ['GET', '/bytes', 206],
    ] as const) {
      const res = await call(checked.base, method, path);
      expect(res.status, path).toBe(500);
      expect(problems).toContainEqual(
        expect.objectContaining({
          route: `${method} ${path}`,
          status,
          problem: 'status not documented',
        }),
      );
    }
  });

  it('checks nothing when switched off (production)', async () => {
    expect((await call(unchecked.base, 'GET', '/wrong-shape')).status).toBe(200);
    expect((await call(unchecked.base, 'POST', '/undocumented-error')).status).toBe(409);
  });
});
