import type { Logger } from 'pino';
import type { Keyring } from '../crypto/keyring.js';
import { timeFirst } from '../crypto/codes.js';
import { randomBytesFromPool } from '../crypto/random.js';
import { withoutOwnRedaction } from '../logger.js';
import type { AuditEventRecord, AuditStore } from '../store/ports/audit.js';
import type { AuditConfig } from './config.js';
import { cleanDetails, type AuditInput } from './events.js';
import { listEvents, type EventFilters } from './query.js';
import { isPowerOfTen } from '../batching/bounded-queue.js';
import { writeBehind } from '../batching/write-behind.js';
import type { AuditSink } from './sink.js';

/** Events a write takes from the queue at most; this many queued are written at once, without waiting. */
const STORE_BATCH = 100;
/** How long an event waits for others to share its write. */
const WRITE_DELAY_MS = 50;
/** Events held while the store is slow or down; beyond it the oldest are dropped and counted. */
const STORE_QUEUE = 10_000;

export interface AuditDeps {
  config: AuditConfig;
  store: AuditStore;
  logger: Logger;
  keyring: Pick<Keyring, 'hash'>;
  now: () => Date;
  /** The HTTP sink, when `audit.sink` is set. */
  sink?: AuditSink | null;
}

/** The security event log: one call to record, queries for the CLI and the admin API. */
export interface Audit {
  /**
   * Records one event: a log line now, the store and the sink soon after. Never waits and never
   * throws, so no login waits for (or fails with) the audit log.
   */
  record(event: AuditInput): void;
  /** A page of stored events (see `listEvents`). */
  listEvents(filters: EventFilters, cursor?: string): ReturnType<typeof listEvents>;
  /** Resolves once every event recorded so far is in the store (or was dropped). */
  flush(): Promise<void>;
  /** Writes what is queued, gives the sink its last try, and stops. */
  close(): Promise<void>;
  readonly sink: AuditSink | null;
}

/** Addresses whose keyed hash is kept: a sign-in's events come from one address, each would be an HMAC. */
const HASHED_ADDRESSES = 1000;
/**
 * Event ids: the event's time in ms (base 36, fixed width, so ids sort as their events happened), then 96
 * random bits. Each new id lands at the end of the id index instead of on a random page of it: a
 * batch of events dirties a page or two of that index, not one page per event.
 */
const eventId = (at: Date) => `${timeFirst(at)}${randomBytesFromPool(12).toString('base64url')}`;

/** The address as `audit.address` keeps it: a keyed hash by default, so the log holds no address. */
function addressOf(deps: AuditDeps, hashed: Map<string, string>, ip: string | null | undefined): string | null {
  if (!ip) return null;
  switch (deps.config.address) {
    case 'full':
      return ip;
    case 'none':
      return null;
    default: {
      let hash = hashed.get(ip);
      if (hash === undefined) {
        if (hashed.size >= HASHED_ADDRESSES) hashed.clear();
        hash = `h:${deps.keyring.hash(ip, 'audit-address').slice(0, 22)}`;
        hashed.set(ip, hash);
      }
      return hash;
    }
  }
}

export function createAudit(deps: AuditDeps): Audit {
  const { store, logger } = deps;
  // An event's line holds `audit` and the keys fixed in `record` below, none on our redaction
  // list, and its details sit deeper than the list's `*.x` paths reach: redacting would change nothing.
  const lines = withoutOwnRedaction(logger);
  const sink = deps.sink ?? null;
  const hashed = new Map<string, string>();
  // One write then carries a burst of sign-ins' events: a write per request cost each TOTP
  // sign-in ~0.1 ms of the event loop, as much as its own statements.
  const stored = writeBehind<AuditEventRecord>({
    write: (batch) => store.appendAuditEvents(batch),
    batch: STORE_BATCH,
    delayMs: WRITE_DELAY_MS,
    max: STORE_QUEUE,
    failed: (e, batch) => logger.warn({ err: e.message, events: batch.length }, 'audit events not stored'),
    dropped: (total, _, pushed) => {
      if (isPowerOfTen(total))
        logger.warn({ dropped: total, requestId: pushed.requestId ?? undefined }, 'audit store queue full: the oldest events were dropped');
    },
  });

  return {
    sink,
    record(input) {
      try {
        const at = deps.now();
        const event: AuditEventRecord = {
          id: eventId(at),
          at: at.toISOString(),
          type: input.type,
          userId: input.userId ?? null,
          clientId: input.clientId ?? null,
          requestId: input.requestId ?? null,
          address: addressOf(deps, hashed, input.address),
          actor: input.actor ?? null,
          details: cleanDetails(input.details),
        };
        // Named at the top as on the request's other lines (request-services.ts), for one search to find them all.
        lines.info({ requestId: event.requestId ?? undefined, audit: event }, 'audit event');
        stored.push(event);
        sink?.push([event]);
      } catch (e) {
        logger.warn({ err: (e as Error).message, type: input.type, requestId: input.requestId ?? undefined }, 'audit event not recorded');
      }
    },
    async listEvents(filters, cursor) {
      // This instance's own events so far are in the answer: an admin sees what was just done.
      await this.flush();
      return listEvents(store, filters, cursor);
    },
    flush: () => stored.flush(),
    async close() {
      await this.flush();
      await sink?.close();
    },
  };
}
