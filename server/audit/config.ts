import { z } from 'zod';

/**
 * Where security events go besides the store and the log: a SIEM's HTTP endpoint, sent JSON
 * lines signed with HMAC-SHA256 (README, Audit log: how a receiver verifies them). Strings may be `${ENV}`.
 */
const sinkConfig = z.strictObject({
  url: z.url(),
  /** The HMAC key, shared with the receiver; at least 32 characters. */
  secret: z.string().min(1),
  /** Events per POST at most. */
  batchSize: z.number().int().min(1).max(1000).default(100),
  /** How often a partial batch is sent, in milliseconds. */
  intervalMs: z.number().int().min(10).max(60_000).default(1000),
  /** Events held while the sink is down; beyond it the oldest are dropped (and counted in a warning). */
  maxQueue: z.number().int().min(1).max(1_000_000).default(10_000),
  /** One POST may take this long before it counts as failed. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** The first retry's wait; each next one doubles, up to `maxBackoffMs`. */
  backoffMs: z.number().int().min(1).max(60_000).default(500),
  maxBackoffMs: z.number().int().min(1).max(3_600_000).default(60_000),
});

export const auditConfig = z
  .strictObject({
    /** Events older than this are deleted by the periodic sweep. */
    retentionDays: z.number().int().min(1).max(3650).default(90),
    /**
     * How the client address is kept: `hash` (a keyed hash: the same address gives the same
     * value, so events correlate, but the log holds no address), `full`, or `none`.
     */
    address: z.enum(['hash', 'full', 'none']).default('hash'),
    sink: sinkConfig.optional(),
  })
  .prefault({});

export type AuditConfig = z.output<typeof auditConfig>;
export type AuditSinkConfig = z.output<typeof sinkConfig>;
