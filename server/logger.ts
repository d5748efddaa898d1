import { writeSync } from 'node:fs';
import { pino, type DestinationStream, type Logger } from 'pino';
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

/** What may wait in memory while the OS is slow to take it; past this, lines are dropped, not held. */
export const LOG_BUFFER_BYTES = 8 * 2 ** 20;

/**
 * A file descriptor (stdout by default) written asynchronously: a line is appended to a buffer
 * and the write itself happens off the event loop, one write for all lines queued meanwhile. The
 * buffer is bounded (a stalled reader costs dropped lines, said once a minute on stderr, never
 * the heap). pino writes what is left synchronously at exit, a crash's included.
 */
export function logDestination(fd = 1, maxBytes = LOG_BUFFER_BYTES): DestinationStream {
  const stream = pino.destination({ dest: fd, sync: false, maxLength: maxBytes });
  let dropped = 0;
  let saidAt = 0;
  stream.on('drop', () => {
    dropped++;
    if (Date.now() - saidAt < 60_000) return;
    saidAt = Date.now();
    try {
      writeSync(2, `mfa-login: the log's reader is not keeping up: ${dropped} line(s) dropped so far (${maxBytes} bytes wait at most)\n`);
    } catch {
      // stderr closed too: nothing left to tell
    }
  });
  return stream;
}

const OWN_REDACTION = Symbol('mfa-login redaction');

/** True for a logger made by createLogger or a child of one (pino's children inherit through the prototype): it redacts the list above, nothing else. */
export const redactsOwnList = (logger: Logger): boolean => (logger as unknown as Record<symbol, unknown>)[OWN_REDACTION] === true;

export function createLogger(config: Pick<Config, 'logLevel'>, destination: NodeJS.WritableStream | DestinationStream = logDestination()): Logger {
  const logger = pino(
    { level: config.logLevel, redact: { paths: redact, censor: '[redacted]' }, base: { service: 'mfa-login' } },
    destination as never,
  );
  return Object.assign(logger, { [OWN_REDACTION]: true });
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
