export { ApiError, isApiErrorBody, type ApiErrorBody } from './errors';
export {
  HttpClient,
  type ClientOptions,
  type HttpMethod,
  type RawResponse,
  type RequestOptions,
} from './http';
export * from './studio-api';
export * from './runtime-api';
export * from './ecosystem-api';
