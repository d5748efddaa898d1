/** Who made a change: the user themself (settings), or an admin through the CLI or the admin API. */
export type AuditActor =
  | { kind: 'user'; userId: string }
  | {
      kind: 'admin';
      via: 'cli' | 'api';
      /** The admin API's caller: the OAuth client of a client_credentials token, or `static-token`. */
      clientId?: string;
      /** Which token: its `jti`, or a short keyed hash of a static token, never the token itself. */
      tokenId?: string;
      /** The CLI's operating-system account, when known. */
      osUser?: string;
    }
  | { kind: 'system' };

/** One security event as the store keeps it. */
export interface AuditEventRecord {
  /** Random, unique; with `at` it orders events (`at`, then `id`). */
  id: string;
  /** ISO 8601, UTC. */
  at: string;
  type: string;
  userId: string | null;
  clientId: string | null;
  requestId: string | null;
  /** The client address, or its keyed hash (`audit.address` in the config). */
  address: string | null;
  actor: AuditActor | null;
  /** Masked, secret-free facts of the event (method, reason, masked destination…). */
  details: Record<string, unknown>;
}

/** A position in the order (`at`, `id`): paging goes on after it. */
export interface AuditPosition {
  at: string;
  id: string;
}

export interface AuditQuery {
  userId?: string;
  clientId?: string;
  /** Any of these types. */
  types?: string[];
  /** From this moment on (inclusive). */
  from?: Date;
  /** Before this moment (exclusive). */
  to?: Date;
  /** Events after this position in `order`. */
  after?: AuditPosition;
  order: 'asc' | 'desc';
  limit: number;
}

/** The audit log: appended to, read in a stable order, swept after the retention period. */
export interface AuditStore {
  /** Writes the events; an id already stored is skipped, so a retried batch adds no duplicates. */
  appendAuditEvents(events: AuditEventRecord[]): Promise<void>;
  listAuditEvents(query: AuditQuery): Promise<AuditEventRecord[]>;
  /** Deletes the events older than `before`; answers how many. */
  sweepAuditEvents(before: Date): Promise<number>;
}
