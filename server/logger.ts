import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

/** Field names that must never reach a log line, wherever they appear. */
const redact = [
  'password', '*.password', 'code', '*.code', 'secret', '*.secret', 'clientSecret', '*.clientSecret',
  'flow', '*.flow', 'idToken', '*.idToken', 'deviceToken', '*.deviceToken', 'body.*', 'req.headers.authorization', 'req.headers.cookie',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: redact, censor: '[redacted]' }, base: { service: 'mfa-login' } }, destination as never);
}
