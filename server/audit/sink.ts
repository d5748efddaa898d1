import type { Logger } from 'pino';
import { ConfigError } from '../errors.js';
import { expandEnv } from '../providers/template.js';
import type { AuditEventRecord } from '../store/ports/audit.js';
import type { AuditSinkConfig } from './config.js';
import { BoundedQueue, isPowerOfTen } from '../batching/bounded-queue.js';
import { SIGNATURE_HEADER, signBody } from './signature.js';

export interface SinkDeps {
  logger: Logger;
  now: () => Date;
  env: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** How a retry waits; tests record the waits instead. Resolves early when `signal` aborts. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface AuditSink {
  /** Queues events; never waits and never throws. */
  push(events: AuditEventRecord[]): void;
  /** Resolves once everything queued so far was delivered or dropped (tests; waits through retries). */
  flush(): Promise<void>;
  /** Stops: one last try at what is queued (no retries), then nothing more is sent. */
  close(): Promise<void>;
  stats(): { queued: number; dropped: number; sent: number; failures: number };
}

const MIN_SECRET = 32;
/** How long a shutdown gives the sink for what is queued, the POST in flight included. */
const CLOSE_MS = 2000;

/** The wait before retry number `attempt` (1, 2, …): `base × 2^(attempt-1)`, at most `max`. */
export const backoffMs = (attempt: number, base: number, max: number): number => Math.min(base * 2 ** (attempt - 1), max);

/** A refusal that will not change on a retry (a 4xx other than 408 and 429): the batch is dropped. */
const permanent = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

const abortableWait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * Streams events to an HTTP endpoint as JSON lines, one signed POST per batch. One POST is in
 * flight at a time, so a slow or dead receiver holds one connection, never a login: `push` only
 * queues, and the queue is bounded (the oldest dropped, with a counted warning).
 */
export function createHttpSink(config: AuditSinkConfig, deps: SinkDeps): AuditSink {
  const url = expandEnv(config.url, deps.env);
  const secret = expandEnv(config.secret, deps.env);
  if (secret.length < MIN_SECRET)
    throw new ConfigError(`audit.sink.secret must be at least ${MIN_SECRET} characters (a random value shared with the receiver).`);
  const send = deps.fetch ?? fetch;
  const wait = deps.wait ?? abortableWait;
  const queue = new BoundedQueue<AuditEventRecord>(config.maxQueue);
  const stopping = new AbortController();
  let sent = 0;
  let failures = 0;
  let running: Promise<void> | null = null;
  let closed = false;

  async function post(batch: AuditEventRecord[]): Promise<'ok' | 'retry' | 'drop'> {
    const body = `${batch.map((e) => JSON.stringify(e)).join('\n')}\n`;
    try {
      const res = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', [SIGNATURE_HEADER]: signBody(secret, body, deps.now()) },
        body,
        signal: AbortSignal.any([AbortSignal.timeout(config.timeoutMs), stopping.signal]),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.ok) return 'ok';
      deps.logger.warn({ status: res.status, events: batch.length }, 'audit sink refused a batch');
      return permanent(res.status) ? 'drop' : 'retry';
    } catch (e) {
      deps.logger.warn({ err: (e as Error).name, events: batch.length }, 'audit sink unreachable');
      return 'retry';
    }
  }

  /** Sends batches until the queue is empty, retrying each with back-off until it goes through. */
  async function drain(): Promise<void> {
    while (queue.size > 0 && !closed) {
      const batch = queue.take(config.batchSize);
      for (let attempt = 1; ; attempt++) {
        const outcome = await post(batch);
        if (outcome === 'ok') {
          sent += batch.length;
          break;
        }
        failures += 1;
        if (closed && outcome === 'retry') {
          // Closing: the batch goes back for the last try in `close`.
          queue.putBack(batch);
          return;
        }
        if (outcome === 'drop') {
          deps.logger.warn({ events: batch.length }, 'audit events dropped: the sink refused them');
          break;
        }
        await wait(backoffMs(attempt, config.backoffMs, config.maxBackoffMs), stopping.signal);
      }
    }
  }

  function kick(): void {
    if (running || closed) return;
    running = drain().finally(() => {
      running = null;
      if (queue.size >= config.batchSize) kick();
    });
  }

  const timer = setInterval(() => {
    if (queue.size > 0) kick();
  }, config.intervalMs);
  timer.unref();

  return {
    push(events) {
      if (closed) return;
      for (const e of events) {
        if (queue.push(e).length > 0 && isPowerOfTen(queue.dropped))
          deps.logger.warn(
            { dropped: queue.dropped, maxQueue: config.maxQueue, requestId: e.requestId ?? undefined },
            'audit sink queue full: the oldest events were dropped',
          );
      }
      if (queue.size >= config.batchSize) kick();
    },
    async flush() {
      while ((queue.size > 0 && !closed) || running) {
        kick();
        await running;
      }
    },
    async close() {
      clearInterval(timer);
      if (closed) return;
      closed = true;
      // What is queued gets one try within a short time in all; then the process may exit.
      const deadline = AbortSignal.timeout(Math.min(config.timeoutMs, CLOSE_MS));
      deadline.addEventListener('abort', () => stopping.abort(), { once: true });
      await running;
      while (queue.size > 0 && !deadline.aborted) {
        const batch = queue.take(config.batchSize);
        if ((await post(batch)) !== 'ok') {
          queue.putBack(batch);
          break;
        }
        sent += batch.length;
      }
      stopping.abort();
      if (queue.size > 0) deps.logger.warn({ events: queue.size }, 'audit events not delivered to the sink before shutdown');
    },
    stats: () => ({ queued: queue.size, dropped: queue.dropped, sent, failures }),
  };
}
