import type { ErrorRequestHandler, RequestHandler } from 'express';
import { messageFor } from './error-words';
import { notFound, toHttpError } from './errors';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`No route for ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
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
