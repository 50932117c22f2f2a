import type { ErrorRequestHandler, RequestHandler } from 'express';
import { notFound, toHttpError } from './errors';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(notFound(`No route for ${req.method} ${req.path}.`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const httpError = toHttpError(err);
  if (httpError.status >= 500) req.log.error({ err }, 'request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(httpError.status).json(httpError.toJSON());
};
