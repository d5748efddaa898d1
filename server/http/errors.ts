import { SERVER_ERROR } from '../../contract/errors.js';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isMfaError, MfaError } from '../errors.js';
import { requestIdOf } from './request-id.js';

type Res = Parameters<RequestHandler>[1];

/** An error answer's body with the request's id, for support to find its log lines. */
export const errorBody = (res: Res, body: Record<string, unknown>): Record<string, unknown> => {
  const requestId = requestIdOf(res);
  return requestId === undefined ? body : { ...body, requestId };
};

/** Sends an MfaError in the contract's shape, with Retry-After when it has one. */
export function sendError(res: Res, error: MfaError): void {
  if (error.extras.retryAfter !== undefined) res.set('Retry-After', String(error.extras.retryAfter));
  res.status(error.status).json(errorBody(res, error.toJSON()));
}

/** The last stop: bad input never becomes a 500, and a 500 never says why. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (isMfaError(err)) return sendError(res, err);
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') return sendError(res, new MfaError('invalid_request', 'The body is not valid JSON.'));
    if (e.type === 'entity.too.large') return sendError(res, new MfaError('invalid_request', 'The body is too large.'));
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
      return sendError(res, new MfaError('invalid_request', 'Unsupported body encoding.'));
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
      return sendError(res, new MfaError('invalid_request', 'The request is not valid.'));
    logger.error({ err, path: req.path, requestId: requestIdOf(res) }, 'unexpected error');
    res.status(500).json(errorBody(res, { error: SERVER_ERROR, message: 'Something went wrong on our side. Please try again.' }));
  };
}

export const notFound: RequestHandler = (_req, res) => sendError(res, new MfaError('not_found'));
