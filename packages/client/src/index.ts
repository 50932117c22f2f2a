// Public surface of @scene/client: the one HTTP client of the API, one module per resource,
// each typed by the contract generated from the server's routes (`pnpm gen:api`). Each resource
// is also its own entry (`@scene/client/<resource>`), so an app pulls only what it uses.
export { ApiError, isApiErrorBody, type ApiErrorBody } from './errors';
export {
  HttpClient,
  type ClientOptions,
  type HttpMethod,
  type RawResponse,
  type RequestOptions,
} from './http';
export type { Answer, ApiPath, Body, Query, Schemas } from './contract';
export { createApi, type Api } from './api';
export * from './resources/accounts';
export * from './resources/audit';
export * from './resources/communities';
export * from './resources/family';
export * from './resources/inbox';
export * from './resources/installations';
export * from './resources/schedules';
export * from './resources/invitations';
export * from './resources/members';
export * from './resources/metrics';
export * from './resources/operations';
export * from './resources/notifications';
export * from './resources/pauses';
export * from './resources/once';
export * from './resources/points';
export * from './resources/portals';
export * from './resources/privacy';
export * from './resources/records';
export * from './resources/registry';
export * from './resources/runtime';
export * from './resources/session';
export * from './resources/tokens';
export * from './resources/uploads';
