import { isDatabaseUnavailable, isDuplicateKey } from '../db/errors';
/** The one error type of the HTTP layer; every non-2xx answer is `{ error: { code, message, details } }`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new HttpError(400, 'bad_request', message, details);
export const validationFailed = (message: string, details?: unknown) =>
  new HttpError(400, 'validation_failed', message, details);
export const unauthorized = (message = 'Log in first.') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role may not do this.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);
const BUSY = {
  'zh-CN': '服务暂时繁忙，请几秒后重试。',
  en: 'The service is busy or briefly unavailable. Please try again in a few seconds.',
};

export const conflict = (message: string, details?: unknown) =>
  new HttpError(409, 'conflict', message, details);
export const preconditionFailed = (message: string, details?: unknown) =>
  new HttpError(412, 'precondition_failed', message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new HttpError(429, 'too_many_requests', message, { retryAfterSeconds });

interface MongoServerErrorLike {
  code?: number;
  keyValue?: Record<string, unknown>;
  keyPattern?: Record<string, unknown>;
}

/**
 * Maps anything thrown while serving a request to an HttpError. Unknown errors become a 500
 * whose message says nothing about internals; the caller logs the original.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { name?: string; type?: string; status?: number } & MongoServerErrorLike;
  // body-parser errors carry `type` and a 4xx `status`
  if (e?.type === 'entity.parse.failed') return badRequest('The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') {
    return new HttpError(413, 'payload_too_large', 'The request body is too large.');
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new HttpError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.');
  }
  if (isDuplicateKey(err)) {
    // Name the fields, never the values: a duplicate key may be personal data. FerretDB does
    // not report the index, so the fields are only there on MongoDB.
    const fields = Object.keys(e.keyPattern ?? e.keyValue ?? {});
    return conflict('This already exists.', fields.length ? { fields } : undefined);
  }
  if (isDatabaseUnavailable(err)) {
    return new HttpError(
      503,
      'database_unavailable',
      'The service is busy or briefly unavailable. Please try again in a few seconds.',
      // Words the portal shows as they are (it shows no server `message`): without them a
      // resident was told to check their network.
      { retryAfterSeconds: 5, message: BUSY },
    );
  }
  if (e?.name === 'CastError' || e?.name === 'ValidationError' || e?.name === 'StrictModeError') {
    return badRequest('A value has the wrong type or shape.');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'bad_request', 'The request could not be read.');
  }
  return new HttpError(500, 'internal', 'Something went wrong on our side. Please try again.');
}
