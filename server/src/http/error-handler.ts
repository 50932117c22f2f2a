import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { messageFor } from './error-words';
import { notFound, toHttpError } from './errors';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`No route for ${req.method} ${req.path}.`));
};

/**
 * Errors of a connection its client closed: a write to a gone socket, sendFile's own abort, or
 * a stream piped into the answer (an upload's file) cut short.
 */
const CLIENT_GONE = new Set(['ECONNABORTED', 'ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * The code of the error when the client closed the connection before the answer was sent (a tab
 * closed, a page left while its scripts loaded): nothing went wrong here and nobody is left to
 * answer. Undefined for any other error.
 */
function clientGoneCode(err: unknown, req: Request): string | undefined {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return CLIENT_GONE.has(code) && req.socket.destroyed ? code : undefined;
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const gone = clientGoneCode(err, req);
  if (gone) {
    req.log?.debug({ code: gone }, 'client went away');
    res.destroy();
    return;
  }
  const httpError = toHttpError(err);
  // Hot routes run before pino-http, so `req.log` may be missing there.
  if (httpError.status >= 500) (req.log ?? console).error({ err }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const retryAfter = (httpError.details as { retryAfterSeconds?: unknown } | undefined)
    ?.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(Math.ceil(retryAfter)));
  const body = httpError.toJSON();
  body.error.message = messageFor(httpError, req);
  res.status(httpError.status).json(body);
};
