import type { components, paths } from './generated/openapi';

/**
 * Types derived from the generated contract (`generated/openapi.ts`, written by `pnpm gen:api`
 * from the server's route definitions). The resource modules type every call with these, so a
 * change of the API breaks the compile of the client and of whatever implements its interfaces.
 */
export type Schemas = components['schemas'];
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body of the answer with status `S`. */
export type Answer<P extends ApiPath, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { 'application/json': infer B } }
        ? B
        : never
      : never
    : never;

/** The JSON request body. */
export type Body<P extends ApiPath, M extends Method> =
  NonNullable<Operation<P, M>['requestBody']> extends { content: { 'application/json': infer B } }
    ? B
    : never;

/** The query string's parameters. */
export type Query<P extends ApiPath, M extends Method> = NonNullable<
  Operation<P, M>['parameters']['query']
>;

/** `encodeURIComponent`, for path segments. */
export const seg = encodeURIComponent;

export const communityPath = (communityId: string) => `/api/v1/communities/${seg(communityId)}`;
