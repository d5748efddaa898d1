// Writes `lines` log lines through the server's own logger to stdout in one synchronous burst (so
// they are all still queued), then ends as `how` says: `crash` (an uncaught exception), `exit`
// (process.exit), `end` (the event loop runs dry), `dropped` (the logger is let go and collected
// first, as a server's is at the end of its shutdown: needs --expose-gc) or `stay` (keeps running
// until killed, as a server does). `bufferBytes` bounds the queue.
import { createLogger, logDestination } from '../../server/logger.js';

const [how, lines, bufferBytes] = [process.argv[2], Number(process.argv[3]), process.argv[4] ? Number(process.argv[4]) : undefined];

function writeLines(): void {
  const logger = createLogger({ logLevel: 'info' }, logDestination(1, bufferBytes));
  for (let i = 0; i < lines; i++) logger.info({ i, filler: 'x'.repeat(100) }, 'line');
}

writeLines();
if (how === 'dropped') {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  setTimeout(collect, 10);
}
if (how === 'crash') throw new Error('crashed on purpose');
if (how === 'exit') process.exit(3);
if (how === 'stay') setInterval(() => undefined, 60_000);
