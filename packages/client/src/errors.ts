/** The shared error format every API answer uses for a non-2xx status. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

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
