import type { Request, Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor, CommunityActor } from '../control/auth/actor';
import type { TokenScope } from '../control/auth/model';
import type { BodyGuardOptions } from './body-guard';
import type { JsonSchema } from './validation';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Roles a community route may require; `admin` (platform) always passes a community guard. */
export type CommunityRole = 'operator' | 'staff' | 'resident' | `plugin:${string}`;

/**
 * Who may call a route.
 * - `public`: anyone; the caller is not even looked up (cheap, used by the runtime bundle).
 * - `optional`: anyone; `ctx.actor` is set when a session or token is present.
 * - `account`: any logged-in account, optionally only some platform roles (`admin`, `vendor`).
 * - `community`: the path has `:communityId`; the caller must hold one of `roles` there (platform
 *   admins always pass); `ctx.actor` is a `CommunityActor`.
 */
export type AuthSpec =
  | { kind: 'public' }
  | { kind: 'optional' }
  | { kind: 'account'; platformRoles?: readonly ('admin' | 'vendor')[] }
  | { kind: 'community'; roles: readonly CommunityRole[] };

export const auth = {
  public: { kind: 'public' } as const,
  optional: { kind: 'optional' } as const,
  account: { kind: 'account' } as const,
  platform: <R extends 'admin' | 'vendor'>(...platformRoles: R[]) =>
    ({ kind: 'account', platformRoles }) as const,
  community: (...roles: CommunityRole[]) => ({ kind: 'community', roles }) as const,
};

/** The actor a handler receives, by the route's auth requirement. */
export type ActorFor<A extends AuthSpec> = A extends { kind: 'community' }
  ? CommunityActor
  : A extends { kind: 'account' }
    ? Actor
    : Actor | undefined;

export interface RouteContext<A extends AuthSpec, P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  actor: ActorFor<A>;
}

export interface RouteTypes {
  params?: unknown;
  query?: unknown;
  body?: unknown;
}

type Part<T extends RouteTypes, K extends keyof RouteTypes> = T[K] extends undefined
  ? Record<string, never>
  : T[K];

/** One documented answer: a JSON body matching `schema`, a binary body of `binary`, or none. */
export interface ResponseSpec {
  description: string;
  /** JSON Schema of a JSON body; absent for 204/304 and binary answers. */
  schema?: JsonSchema;
  /** Media type of a binary body (e.g. `image/*`), for the OpenAPI document. */
  binary?: string;
}

/** Answers by status. Statuses the framework answers itself are added by `allResponses`. */
export type Responses = Record<number, ResponseSpec>;

export interface RouteDef<A extends AuthSpec = AuthSpec, T extends RouteTypes = RouteTypes> {
  method: HttpMethod;
  /** Express path, e.g. `/api/v1/communities/:communityId`. */
  path: string;
  summary: string;
  tags: string[];
  auth: A;
  params?: JsonSchema;
  query?: JsonSchema;
  body?: JsonSchema;
  bodyGuard?: BodyGuardOptions;
  /** The route reads the raw body itself, of these media types (uploads). */
  rawBody?: readonly string[];
  /**
   * The API-token scope that lets a token make this write (reads need `read`); writes without
   * one need a signed-in session.
   */
  tokenScope?: TokenScope;
  /** A login-style throttle may refuse the caller for a while (429). */
  throttled?: boolean;
  /** The route claims places by unique insert and may give up under contention (503 `busy`). */
  busy?: boolean;
  /** `false` for the few routes that never touch the database (no 503 `database_unavailable`). */
  database?: false;
  /**
   * Served ahead of request logging and helmet (the runtime bundle: public, cached, measured
   * against a bare handler). Such a route sets its own security headers.
   */
  hot?: boolean;
  /**
   * A hot route's answer from memory, ahead of Express (see `frontDoor` in router.ts): given
   * the raw request, what sends the answer when this route can give it at once without its
   * input checks (it matches the path itself, and only input those checks would pass), else
   * undefined and the request takes the router as usual. The answer must be the one the
   * handler would give.
   */
  front?: (req: IncomingMessage) => ((res: ServerResponse) => void) | undefined;
  /**
   * Every answer the route itself gives: its success (the lowest 2xx other than 204 is the
   * status of a returned value; 204 when the handler returns `undefined`) and its own failures.
   */
  responses: Responses;
  /**
   * Returns the JSON answer. Returning `undefined` answers 204 unless the handler already sent
   * something through `ctx.res` (the runtime bundle sends bytes itself).
   */
  handler: (
    ctx: RouteContext<A, Part<T, 'params'>, Part<T, 'query'>, Part<T, 'body'>>,
  ) => Promise<unknown> | unknown;
}

/**
 * Declares a route: method, path, documentation, who may call it and the JSON Schemas its input
 * must match. Types of params/query/body are stated once as the type argument and must agree
 * with the schemas (the schemas are what is enforced).
 */
export function defineRoute<T extends RouteTypes = RouteTypes>() {
  return <A extends AuthSpec>(def: RouteDef<A, T>): AnyRoute => def as unknown as AnyRoute;
}

/** A route with its types erased, as the router and the OpenAPI generator hold them. */
// The handler's context is checked where the route is defined; here it is opaque.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<AuthSpec, any>;
