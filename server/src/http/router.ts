import { Router, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor, CommunityActor } from '../control/auth/actor';
import { guardBody } from './body-guard';
import { badRequest, forbidden, HttpError, unauthorized } from './errors';
import { answerChecker, type AnswerProblem } from './answer-check';
import { successStatus } from './responses';
import type { AnyRoute } from './route';
import { tokenMayCall } from '../control/auth/tokens';
import { checkSameOrigin } from './same-origin';
import { checkRequestTarget } from './text';
import { coerceQuery, precompile, validatePart } from './validation';

/** What the router needs from the auth module to turn a request into an actor. */
export interface CallerResolver {
  /** The account behind the session cookie or bearer token, or undefined when anonymous. */
  resolve(req: Request): Promise<Actor | undefined>;
  /** The actor's roles in one community; undefined when they hold none there. */
  inCommunity(actor: Actor, communityId: string): Promise<CommunityActor | undefined>;
}

export interface MountOptions {
  /**
   * Check every answer against the route's documented responses (tests: `NODE_ENV=test`); see
   * `answerChecker`. Off in production, where it would parse every JSON answer twice.
   */
  checkAnswers?: (problem: AnswerProblem) => void;
}

/** Mounts route definitions on a router of their own: guard, validation, auth, then the handler. */
export function mountRoutes(
  routes: readonly AnyRoute[],
  callers: CallerResolver,
  options: MountOptions = {},
): Router {
  const router = Router();
  mountRoutesOn(router, routes, callers, options);
  return router;
}

/** Mounts route definitions on `router`, which may be the app itself. */
export function mountRoutesOn(
  router: Pick<Router, 'get' | 'post' | 'put' | 'patch' | 'delete'>,
  routes: readonly AnyRoute[],
  callers: CallerResolver,
  options: MountOptions = {},
): void {
  for (const route of routes) {
    for (const schema of [route.params, route.query, route.body]) if (schema) precompile(schema);
    const handlers: RequestHandler[] = [];
    if (options.checkAnswers) {
      const check = answerChecker(route, options.checkAnswers);
      handlers.push((_req, res, next) => {
        check(res);
        next();
      });
    }
    handlers.push(handlerFor(route, callers));
    router[route.method](route.path, ...handlers);
  }
}

/** Express's `app.handle`, which its types leave out. */
type Handle = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/**
 * Puts the routes' answers from memory (`front`) in front of the whole app: a request one of
 * them can answer at once is answered before Express sets the request up and walks its router
 * and middleware (the runtime bench, load 9: a cached bundle's 304 took 68 µs of CPU this way,
 * 262 through a bare Express handler); any other request goes to the app as before. Errors
 * cannot arise here: a `front` only reads memory.
 */
export function serveFromMemoryFirst(
  app: Express,
  routes: readonly AnyRoute[],
  options: MountOptions = {},
): void {
  const fronts = routes.flatMap((route) => {
    const front = route.front;
    if (!front) return [];
    // The contract check wraps the answer as the router's would (tests), only once it is known
    // the route answers here: a request that falls through is checked by the router.
    const check = options.checkAnswers && answerChecker(route, options.checkAnswers);
    return [{ front, check }];
  });
  if (!fronts.length) return;
  // Express calls `app.handle` for every request (`app` itself is `(req, res, next) =>
  // app.handle(req, res, next)`), whether the app serves as a listener or is mounted: the one
  // place ahead of its request setup.
  const door = app as unknown as { handle: Handle };
  const handle = door.handle.bind(app);
  door.handle = (req, res, next) => {
    for (const { front, check } of fronts) {
      const answer = front(req);
      if (!answer) continue;
      if (check) check(res);
      answer(res);
      return;
    }
    handle(req, res, next);
  };
}

function handlerFor(route: AnyRoute, callers: CallerResolver): RequestHandler {
  const hasBody = route.method !== 'get' && route.method !== 'delete';
  const status = successStatus(route);
  const readsInput = Boolean(route.params || route.query || route.body || route.rawBody);

  /** Reads the query and body, runs the handler and sends what it returns. */
  const serve = (
    req: Request,
    res: Response,
    params: Record<string, unknown>,
    actor: Actor | CommunityActor | undefined,
  ): Promise<void> | void => {
    let query: Record<string, unknown> = {};
    if (route.query) {
      query = coerceQuery(route.query, req.query as Record<string, unknown>);
      validatePart('query', route.query, query);
    }

    let body: unknown = undefined;
    if (hasBody && route.body) {
      if (!req.is('application/json')) {
        throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
      }
      body = req.body;
      if (body === undefined) throw badRequest('The request needs a JSON body.');
      guardBody(body, route.bodyGuard);
      validatePart('body', route.body, body);
    }

    const result = route.handler({ req, res, params, query, body, actor });
    // Any thenable (a mongoose query too), as `await` took it.
    if (isThenable(result))
      return Promise.resolve(result).then((value) => sendResult(res, status, value));
    sendResult(res, status, result);
  };

  // Not an async function: a public route whose handler answers at once (the runtime bundle
  // from its cache, on every page load) is served in the request's own turn, without the
  // promises and microtask turns an async wrapper costs each request. A throw here or a rejected
  // promise returned reaches the error handler all the same (Express 5 passes both to `next`).
  return (req, res) => {
    checkSameOrigin(req);
    if (readsInput) checkRequestTarget(req.originalUrl);
    const params = { ...req.params } as Record<string, unknown>;
    if (route.params) validatePart('params', route.params, params);
    // Who is asking comes before what they sent: an anonymous caller learns nothing about a
    // protected route's input rules.
    if (route.auth.kind === 'public') return serve(req, res, params, undefined);
    return authorize(route, req, params, callers).then((actor) => serve(req, res, params, actor));
  };
}

async function authorize(
  route: AnyRoute,
  req: Request,
  params: Record<string, unknown>,
  callers: CallerResolver,
): Promise<Actor | CommunityActor | undefined> {
  const spec = route.auth;
  if (spec.kind === 'public') return undefined;
  let actor = await callers.resolve(req);
  if (actor?.tokenScopes && !tokenMayCall(actor.tokenScopes, route.method, route.tokenScope)) {
    // An optional route answers a token without the scope as it answers anyone.
    if (spec.kind === 'optional') actor = undefined;
    else throw new HttpError(403, 'token_scope', 'This API token may not do this.');
  }
  if (spec.kind === 'optional') return actor;
  if (!actor) throw unauthorized();
  if (spec.kind === 'account') {
    const allowed = spec.platformRoles;
    if (allowed && !allowed.some((r) => actor.platformRoles.includes(r))) throw forbidden();
    return actor;
  }
  const communityId = params.communityId;
  if (typeof communityId !== 'string') throw new Error('community route without :communityId');
  const inCommunity = await callers.inCommunity(actor, communityId);
  if (!inCommunity) throw forbidden('You are not a member of this community.');
  if (inCommunity.communityRoles.includes('admin')) return inCommunity;
  if (!spec.roles.some((r) => inCommunity.communityRoles.includes(r))) throw forbidden();
  return inCommunity;
}

/** Sends what a handler returned, unless it answered through `res` itself. */
function sendResult(res: Response, status: number, value: unknown): void {
  if (res.headersSent) return;
  if (value === undefined) {
    res.status(204).end();
    return;
  }
  res.status(status).json(value);
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
