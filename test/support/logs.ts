import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createLogger } from '../../server/logger.js';

export interface CapturedLogs {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
}

/** A logger whose JSON lines the test can read back; a plain pino one unless `make` says otherwise. */
export function captureLogs(make: (stream: Writable) => Logger = (stream) => pino({ level: 'debug' }, stream)): CapturedLogs {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = make(stream);
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
}

/** The server's own logger, with its redaction: what a log really holds. */
export const realLogs = (): CapturedLogs => captureLogs((stream) => createLogger({ logLevel: 'debug' }, stream));
