import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { currentRequestId } from './request-context.js';

/** Field names that must never reach a log line, wherever they appear. */
const redact = [
  'password',
  '*.password',
  'code',
  '*.code',
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'flow',
  '*.flow',
  'idToken',
  '*.idToken',
  'deviceToken',
  '*.deviceToken',
  'body.*',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: redact, censor: '[redacted]' }, base: { service: 'mfa-login' } }, destination as never);
}

type LogFormatter = (object: object) => object;

/**
 * A child of `logger` whose every line written while a request is handled carries that request's
 * `requestId`, however deep the code that logs it: support finds a user's failure from the id in
 * the error answer without each call passing a logger along. Works on any pino logger, so one an
 * integrator hands in gets the ids too.
 */
export function withRequestIds(logger: Logger): Logger {
  const own = (logger as unknown as Record<symbol, { log?: LogFormatter }>)[pino.symbols.formattersSym]?.log;
  const log: LogFormatter = (object) => {
    const formatted = own ? own(object) : object;
    const requestId = currentRequestId();
    return requestId === undefined || 'requestId' in formatted ? formatted : { ...formatted, requestId };
  };
  return logger.child({}, { formatters: { log } });
}
