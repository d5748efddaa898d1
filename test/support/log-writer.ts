// Writes `lines` log lines through the server's own logger to stdout in one synchronous burst (so
// they are all still queued), then ends as `how` says: `crash` (an uncaught exception), `exit`
// (process.exit), `end` (the event loop runs dry) or `stay` (keeps running until killed, as a
// server does). `bufferBytes` bounds the queue.
import { createLogger, logDestination } from '../../server/logger.js';

const [how, lines, bufferBytes] = [process.argv[2], Number(process.argv[3]), process.argv[4] ? Number(process.argv[4]) : undefined];
const logger = createLogger({ logLevel: 'info' }, logDestination(1, bufferBytes));
for (let i = 0; i < lines; i++) logger.info({ i, filler: 'x'.repeat(100) }, 'line');
if (how === 'crash') throw new Error('crashed on purpose');
if (how === 'exit') process.exit(3);
if (how === 'stay') setInterval(() => undefined, 60_000);
