import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { withoutOwnRedaction } from '../logger.js';
import { requestIdOf } from './request-id.js';

/** Polled every few seconds (the demo page, health probes): worth a line only when debugging. */
const QUIET = /^\/api\/v1\/dev\/|^\/(healthz|readyz)$/;

/** One line per request: method, full path, status, time and the client address (for a timeline). Never bodies, queries or headers. */
export function accessLog(logger: Logger): RequestHandler {
  // The fields below are fixed here and none is on our redaction list (an integrator's logger keeps its own: the address).
  const lines = withoutOwnRedaction(logger);
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? '/';
    res.on('finish', () => {
      const ms = Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 10) / 10;
      const level = res.statusCode >= 500 ? 'error' : QUIET.test(path) && res.statusCode < 400 ? 'debug' : 'info';
      // Named here: 'finish' may fire outside the request's async context.
      lines[level]({ requestId: requestIdOf(res), method: req.method, path, status: res.statusCode, ms, ip: req.ip ?? null }, 'request');
    });
    next();
  };
}
