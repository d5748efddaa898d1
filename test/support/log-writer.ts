// Writes `lines` log lines through the server's own logger to stdout in one synchronous burst (so
// they are all still queued), then ends as `how` says: `crash` (an uncaught exception), `exit`
// (process.exit), `end` (the event loop runs dry), `dropped` (the logger is let go and collected
// first, as a server's is at the end of its shutdown: needs --expose-gc), `fatal` (a fatal line,
// then SIGKILL at once while libuv's one thread is busy: run with UV_THREADPOOL_SIZE=1), `flushed`
// (SIGKILL as soon as logger.flush calls back) or `stay` (keeps running until killed, as a server
// does), `stalled` (to a FIFO, given as the next argument, whose reader is open and never reads,
// written non-blocking as a pipe shared with another program may be; then process.exit), `gone`
// (the same FIFO with its reader closed; process.exit at once) or `gone-later` (the same, ending
// 300 ms later, after more lines) or `full` (to /dev/full, as a full disk: every write fails with
// ENOSPC; ends 300 ms later, after more lines) or `slow` (to a FIFO given as the next argument,
// whose reader the test holds: a fatal line 300 ms later, process.exit 3 s after it) or
// `slow-exit` (the same FIFO; process.exit at once). `bufferBytes` bounds the queue.
import { pbkdf2 } from 'node:crypto';
import { closeSync, constants, openSync } from 'node:fs';
import { createLogger, logDestination } from '../../server/logger.js';

const [how, lines, bufferBytes] = [process.argv[2], Number(process.argv[3]), process.argv[4] ? Number(process.argv[4]) : undefined];

/** The write end of the FIFO at `path`, its reader held open here and never read (a stalled log reader), or closed (`gone`). */
function fifo(path: string, gone: boolean): number {
  const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  if (gone) closeSync(reader);
  return fd;
}

function writeLines() {
  const fd =
    how === 'full'
      ? openSync('/dev/full', 'w')
      : how?.startsWith('slow')
        ? openSync(process.argv[5]!, constants.O_WRONLY | constants.O_NONBLOCK)
        : how === 'stalled' || how?.startsWith('gone')
          ? fifo(process.argv[5]!, how !== 'stalled')
          : 1;
  const logger = createLogger({ logLevel: 'info' }, logDestination(fd, bufferBytes));
  for (let i = 0; i < lines; i++) logger.info({ i, filler: 'x'.repeat(100) }, 'line');
  return logger;
}

if (how === 'dropped') {
  writeLines();
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  setTimeout(collect, 10);
} else {
  const logger = writeLines();
  if (how === 'crash') throw new Error('crashed on purpose');
  if (how === 'exit') process.exit(3);
  if (how === 'stay') setInterval(() => undefined, 60_000);
  if (how === 'fatal') {
    // Holds the thread an asynchronous write would wait for: only a synchronous one gets out.
    pbkdf2('busy', 'salt', 2_000_000, 32, 'sha512', () => undefined);
    logger.fatal({ i: lines }, 'line');
    process.kill(process.pid, 'SIGKILL');
  }
  if (how === 'flushed') logger.flush(() => process.kill(process.pid, 'SIGKILL'));
  // Once the pipe is full and the rest waits in the destination's buffer.
  if (how === 'stalled') setTimeout(() => process.exit(3), 300);
  if (how === 'gone' || how === 'slow-exit') process.exit(3);
  if (how === 'slow')
    setTimeout(() => {
      logger.fatal({ i: lines }, 'line');
      setTimeout(() => process.exit(3), 3_000);
    }, 300);
  if (how === 'gone-later' || how === 'full')
    setTimeout(() => {
      for (let i = 0; i < lines; i++) logger.info({ i, filler: 'x'.repeat(100) }, 'line');
      setTimeout(() => process.exit(3), 300);
    }, 300);
}
