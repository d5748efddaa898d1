import { writeSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import type { SonicBoom } from 'sonic-boom';

/** Where a batch's lines go: sonic-boom (pino's own destination), which writes off the event loop. */
type Writer = Pick<SonicBoom, 'write' | 'flush' | 'flushSync'>;

export interface LineBatch extends DestinationStream {
  /** Hands the lines gathered so far to the writer; `cb` once the writer has written everything it holds. */
  flush(cb?: (err?: Error) => void): void;
  /** Writes everything the writer holds, then the lines gathered here, before it returns (pino's `fatal`, and exit). */
  flushSync(): void;
}

/** A stalled reader of a pipe: the synchronous write waits this long between tries, and gives up after the last. */
const BUSY_WAIT_MS = 100;
const BUSY_TRIES = 10;
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Set by the exit hook: from here on a synchronous write gives up on a stalled reader after ~1 s,
 * and on any other failure at once. Before (pino's `fatal` while the process runs) it waits for
 * the reader, and what it cannot write is kept for the asynchronous writer.
 */
let exiting = false;

/** The process is in its exit hook. */
export const isExiting = () => exiting;

/** A synchronous write that failed, and the part of its data not written. */
export class UnwrittenError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly rest: Buffer,
  ) {
    super(String(cause));
  }
}

/**
 * `data` to `fd`, all of it, before it returns: a pipe may take part of a write, or none while its
 * reader is busy (EAGAIN). At exit a reader stalled past ~1 s is given up on: an exit must not hang
 * on it. Throws an `UnwrittenError` with what was not written.
 */
export function writeAllSync(fd: number, data: string): void {
  let rest = Buffer.from(data);
  for (let tries = 0; rest.length > 0; ) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
      // A slow reader is still a reader: only ~1 s in which it takes nothing gives up on it.
      tries = 0;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN' || (exiting && ++tries >= BUSY_TRIES)) throw new UnwrittenError(e, rest);
      sleep(BUSY_WAIT_MS);
    }
  }
}

/** A line on stderr, best effort: it may be gone or stalled too. */
export function tell(message: string): void {
  try {
    writeSync(2, `mfa-login: ${message}\n`);
  } catch {
    // stderr is gone or stalled too: nothing left to tell
  }
}

let saidUnwritten = false;

/** Says on stderr, once, that lines were given up on. */
function sayUnwritten(e: unknown, bytes?: number): void {
  if (saidUnwritten) return;
  saidUnwritten = true;
  const cause = e instanceof UnwrittenError ? e.cause : e;
  const code = (cause as NodeJS.ErrnoException).code;
  const why =
    code === 'EPIPE'
      ? 'its reader is gone'
      : code === 'EAGAIN' || code === 'EBUSY'
        ? `its reader took nothing for ~${(BUSY_TRIES * BUSY_WAIT_MS) / 1000} s`
        : String(cause);
  tell(`${bytes ? `${bytes} bytes of log lines` : 'log lines'} could not be written (${why})`);
}

/**
 * For sonic-boom: its rule for a busy reader (`retryEAGAIN`), and `bound`, which makes its
 * synchronous flush (at exit, and for pino's `fatal`) give up as `writeAllSync` does and say so
 * on stderr rather than throw, whatever failed. While the process runs it tries again every 100
 * ms for as long as it takes (what waits is bounded). pino's own destination (sonic-boom 4) tried
 * forever in a synchronous flush, on a stalled reader of a non-blocking pipe and on a closed one
 * alike: the exit hung.
 */
export function busyReader(): {
  retryEAGAIN: (e: Error, writing: number, queued: number) => boolean;
  bound: (stream: Pick<Writer, 'flushSync'>) => void;
  /** A synchronous flush at exit gave up: later ones (the lines a batch still holds) are not tried, so an exit waits ~1 s at most. */
  gaveUp: () => boolean;
} {
  /** Tries so far in the synchronous flush under way; null outside one. */
  let syncTries: number | null = null;
  let left = 0;
  let gaveUp = false;
  return {
    gaveUp: () => gaveUp,
    retryEAGAIN: (_e, writing, queued) => {
      // Less left than at the last busy answer: the reader took some, and its ~1 s starts again.
      if (syncTries !== null && writing + queued < left) syncTries = 0;
      left = writing + queued;
      return syncTries === null || !exiting || ++syncTries < BUSY_TRIES;
    },
    bound(stream) {
      const flushSync = stream.flushSync.bind(stream);
      stream.flushSync = () => {
        if (gaveUp) return;
        syncTries = 0;
        left = Number.POSITIVE_INFINITY;
        try {
          flushSync();
        } catch (e) {
          // A log line must not throw. While the process runs, what is left stays with the
          // asynchronous writer, whose own error says why; at exit it is given up on, and said so.
          if (!exiting) return;
          gaveUp = true;
          sayUnwritten(e, Number.isFinite(left) ? left : undefined);
        } finally {
          syncTries = null;
        }
      };
    },
  };
}

/**
 * The synchronous flushes of batches holding lines not yet handed over, held until they are: a
 * logger dropped with lines waiting (a server at the end of its shutdown, its last lines logged)
 * still writes them at exit. A batch with nothing waiting is not held.
 */
const waiting = new Set<() => void>();
/**
 * Writers that may hold lines handed over and not yet written, weakly: one with a write under
 * way is held by that write until it has written all it holds, and one that holds nothing may go.
 */
const writers = new Set<WeakRef<Pick<Writer, 'flushSync'>>>();
let exitHooked = false;

/** `flushSync` runs at exit, lines a reader cannot take said on stderr. */
function atExit(flushSync: () => void): void {
  try {
    flushSync();
  } catch (e) {
    // The reader is gone (a closed pipe) or stalled: nothing more can be written.
    sayUnwritten(e);
  }
}

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  // 'exit' also follows an uncaught exception and process.exit: only synchronous work runs here.
  // What writers hold was handed over before what batches still gather: it is written first.
  process.on('exit', () => {
    exiting = true;
    for (const ref of writers) {
      const writer = ref.deref();
      if (writer) atExit(() => writer.flushSync());
    }
    for (const flushSync of [...waiting]) atExit(flushSync);
  });
}

/** `writer`'s synchronous flush runs at exit while it is still in memory. */
export function flushedAtExit(writer: Pick<Writer, 'flushSync'>): void {
  for (const ref of writers) if (!ref.deref()) writers.delete(ref);
  writers.add(new WeakRef(writer));
  hookExit();
}

/**
 * Log lines gathered in an array and handed to `writer` joined, once `bytes` (in characters) have
 * gathered or `ms` after the first; `flushSync` (and exit) writes them with `writeSync` instead,
 * since the writer's own write would only start an asynchronous one. sonic-boom, given each line,
 * appends it to one growing string and measures that string's length in bytes on every write,
 * which flattens it into a copy: with its own 8 KiB batches that copied ~6 KB a line, the largest
 * allocation of a TOTP verify (17.8 of ~135 KB a verify, heap sampling). A line cost 1.7–3.4 µs
 * there against 0.5–0.8 here, and 400,000 lines 475 young-generation collections against 22 (to
 * /dev/null, in bursts of 24 a turn).
 */
export function lineBatch(writer: Writer, sync: (data: string) => void, bytes: number, ms: number): LineBatch {
  let lines: string[] = [];
  let length = 0;
  let timer: NodeJS.Timeout | null = null;
  /** The lines gathered so far, joined, and none left here. */
  const take = (): string | null => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (lines.length === 0) return null;
    const data = lines.length === 1 ? lines[0]! : lines.join('');
    lines = [];
    length = 0;
    waiting.delete(flushSync);
    return data;
  };
  const handOver = () => {
    const data = take();
    if (data !== null) writer.write(data);
  };
  function flushSync(): void {
    writer.flushSync();
    const data = take();
    if (data !== null) sync(data);
  }
  hookExit();
  return {
    write(line: string) {
      if (lines.length === 0) waiting.add(flushSync);
      lines.push(line);
      length += line.length;
      if (length >= bytes) handOver();
      // Unreferenced: a process with nothing else to do ends, and its exit writes the lines.
      else timer ??= setTimeout(handOver, ms).unref();
    },
    flush(cb) {
      handOver();
      writer.flush(cb);
    },
    flushSync,
  };
}
