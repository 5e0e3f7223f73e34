import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isTransientStoreError } from '../../domain/entities/store-retry';
import type { Logger } from '../../platform/logger';
import { HttpError } from './http-error';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Maps errors raised by express's own middleware (body parsing) to our codes. */
function fromMiddleware(error: unknown): HttpError | undefined {
  const e = error as BodyParserError;
  if (e?.type === 'entity.too.large') return new HttpError('payload_too_large', 'Request body is too large');
  if (e?.type === 'entity.parse.failed') {
    return new HttpError('bad_request', 'Request body is not valid JSON', [
      { path: '', message: e.message ?? '' },
    ]);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError('bad_request', e.message ?? 'Bad request');
  }
  return undefined;
}

/** The one error handler: every failure leaves the API in the same JSON shape. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof HttpError ? error : fromMiddleware(error);
    if (known) {
      res
        .status(known.status)
        .json({ error: { code: known.code, message: known.message, details: known.details } });
      return;
    }
    if (isTransientStoreError(error)) {
      // The store is overloaded or briefly away (pool exhausted, locked, reconnecting): try again.
      log.warn({ err: error, method: req.method, url: req.originalUrl }, 'store unavailable');
      res.setHeader('Retry-After', '1');
      res.status(503).json({
        error: { code: 'unavailable', message: 'The store is busy; retry shortly', details: [] },
      });
      return;
    }
    log.error({ err: error, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: 'Internal server error', details: [] } });
  };
}

/** 404 in the API's shape for any /api route nobody handled. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError('not_found', `No route for ${req.method} ${req.path}`));
};
