import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';
import sonicBoom from 'sonic-boom';
import { busyReader, flushedAtExit, isExiting, lineBatch, tell, UnwrittenError, writeAllSync } from './log-batch.js';

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

/** Lines are written once this much is queued, or after `LOG_FLUSH_MS`, whichever comes first. */
const LOG_WRITE_BYTES = 8 * 1024;
/** The longest a line waits in the buffer while the server keeps running. */
const LOG_FLUSH_MS = 100;

/**
 * A file descriptor (stdout by default) written asynchronously: lines are gathered (`lineBatch`)
 * and written off the event loop, one write for ~8 KiB of lines (or what has gathered after 100
 * ms). Each write is a job for libuv's threads: one a line (four a TOTP sign-in) woke a thread
 * that then took the event loop's core (a flow start cost ~9 % more of the event loop and its
 * process ~14 % more CPU). What waits for the file is bounded (a stalled reader costs dropped
 * lines, said once a minute on stderr, never the heap). What is left is written synchronously at
 * exit, a crash's included, unless the reader is gone or takes nothing for ~1 s. A write that
 * fails never ends the server: a reader gone while it runs (EPIPE) ends the log, said once on
 * stderr; another failure (a full disk) is said on stderr and tried again.
 */
export function logDestination(fd = 1, maxBytes = LOG_BUFFER_BYTES): DestinationStream {
  const busy = busyReader();
  // minLength 1: what it is handed is written at once, and `flush(cb)` still waits for the write (at 0 it calls back at once).
  const stream = new sonicBoom.SonicBoom({ fd, sync: false, maxLength: maxBytes, minLength: 1, retryEAGAIN: busy.retryEAGAIN });
  busy.bound(stream);
  flushedAtExit(stream);
  let dropped = 0;
  let saidAt = 0;
  // sonic-boom drops what it is handed whole: a batch of lines.
  stream.on('drop', (data: string) => {
    dropped += data.split('\n').length - 1;
    if (Date.now() - saidAt < 60_000) return;
    saidAt = Date.now();
    tell(`the log's reader is not keeping up: ${dropped} line(s) dropped so far (${maxBytes} bytes wait at most)`);
  });
  // A reader gone (EPIPE) is gone for good: the log ends there. Any other failure (a full disk)
  // may pass: what waits is tried again with the next write, and said at most once a minute.
  let ended = false;
  let failedSaidAt = 0;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (ended) return;
    if (e.code === 'EPIPE') {
      ended = true;
      // Nothing more is handed to it, and nothing is tried at exit.
      stream.flushSync = () => undefined;
      tell('the log could not be written, and is given up (its reader is gone)');
      return;
    }
    if (Date.now() - failedSaidAt < 60_000) return;
    failedSaidAt = Date.now();
    tell(`the log could not be written (${String(e)}): its lines wait (${maxBytes} bytes at most) and are tried again with the next`);
  });
  const writer = {
    write: (data: string) => ended || stream.write(data),
    flush: (cb?: (err?: Error) => unknown) => (ended ? cb?.() : stream.flush(cb)),
    flushSync: () => stream.flushSync(),
  };
  const sync = (data: string) => {
    if (ended || busy.gaveUp()) return;
    try {
      writeAllSync(fd, data);
    } catch (e) {
      // At exit the exit hook says what was lost. While running (pino's `fatal`) a log line must
      // not throw: what is left goes to the asynchronous writer, after what it already holds.
      if (!(e instanceof UnwrittenError) || isExiting()) throw e;
      writer.write(e.rest.toString());
    }
  };
  return lineBatch(writer, sync, LOG_WRITE_BYTES, LOG_FLUSH_MS);
}

const OWN_REDACTION = Symbol('mfa-login redaction');

/** True for a logger made by createLogger or a child of one (pino's children inherit through the prototype): it redacts the list above, nothing else. */
const redactsOwnList = (logger: Logger): boolean => (logger as unknown as Record<symbol, unknown>)[OWN_REDACTION] === true;

/**
 * For lines whose fields are fixed by our code and none on the list above (the access log, audit
 * events, step decisions): they skip the redaction pass, most of a line's cost (~15 of ~19 µs
 * measured). An integrator's logger keeps its own redaction: it may hide fields we do not.
 */
export const withoutOwnRedaction = (logger: Logger): Logger => (redactsOwnList(logger) ? logger.child({}, { redact: { paths: [] } }) : logger);

export function createLogger(config: Pick<Config, 'logLevel'>, destination: NodeJS.WritableStream | DestinationStream = logDestination()): Logger {
  const logger = pino(
    { level: config.logLevel, redact: { paths: redact, censor: '[redacted]' }, base: { service: 'mfa-login' } },
    destination as never,
  );
  return Object.assign(logger, { [OWN_REDACTION]: true });
}
