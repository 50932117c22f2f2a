import type { Schemas } from './contract';

/** The shared error format every API answer uses for a non-2xx status. */
export type ApiErrorBody = Schemas['Error'];

/** Thrown by the client for every non-2xx answer and for network failures (status 0). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** True when the request never got an answer: offline, DNS, refused connection. */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The ApiError for a non-2xx answer: the body's own when it is in the shared format. */
export function errorFor(status: number, body: unknown): ApiError {
  if (isApiErrorBody(body)) {
    return new ApiError(status, body.error.code, body.error.message, body.error.details);
  }
  return new ApiError(status, 'http_error', `The server answered ${status}.`);
}
