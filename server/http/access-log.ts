import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** Polled by the demo page every few seconds: worth a line only when debugging. */
const QUIET = /^\/api\/v1\/dev\//;

/** One line per request: method, full path, status and time. Never bodies, queries or headers. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const path = req.originalUrl.split('?')[0] ?? '/';
    res.on('finish', () => {
      const ms = Math.round((Number(process.hrtime.bigint() - started) / 1e6) * 10) / 10;
      const level = res.statusCode >= 500 ? 'error' : QUIET.test(path) && res.statusCode < 400 ? 'debug' : 'info';
      logger[level]({ method: req.method, path, status: res.statusCode, ms }, 'request');
    });
    next();
  };
}
