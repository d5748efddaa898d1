import { z } from 'zod';

/**
 * Schemas of the audit log as it leaves the server: `GET /admin/v1/events` pages, the CLI's
 * `events tail` lines and the HTTP sink's JSON lines all carry `AuditEvent`s.
 */

export const auditEventTypes = [
  'flow.started',
  'step.passed',
  'step.failed',
  'code.sent',
  'lockout',
  'slowdown',
  'factor.enrolled',
  'factor.changed',
  'token.issued',
  'token.revoked',
  'admin.action',
] as const;
export const auditEventType = z.enum(auditEventTypes);
export type AuditEventType = z.output<typeof auditEventType>;

export const auditActor = z
  .union([
    z.object({ kind: z.literal('user'), userId: z.string() }),
    z.object({
      kind: z.literal('admin'),
      via: z.enum(['cli', 'api']),
      clientId: z.string().optional().meta({ description: "The admin API caller's OAuth client, or `static-token`." }),
      tokenId: z.string().optional().meta({ description: 'Which token (its jti or a short keyed hash), never the token.' }),
      osUser: z.string().optional().meta({ description: "The CLI's operating-system account." }),
    }),
    z.object({ kind: z.literal('system') }),
  ])
  .meta({ description: 'Who made a change: the user in settings, an admin through the CLI or the API.' });

export const auditEvent = z
  .object({
    id: z.string(),
    at: z.string().meta({ format: 'date-time' }),
    type: auditEventType,
    userId: z.string().nullable(),
    clientId: z.string().nullable(),
    requestId: z.string().nullable(),
    address: z.string().nullable().meta({ description: 'The client address, or its keyed hash (`audit.address`).' }),
    actor: auditActor.nullable(),
    details: z.record(z.string(), z.unknown()).meta({ description: 'Masked facts of the event; never a code, secret, token or full phone number.' }),
  })
  .meta({ description: 'One security event.' });
export type AuditEvent = z.output<typeof auditEvent>;

const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

/** Filters of `GET /admin/v1/events` (query string) and `events tail`. */
export const auditEventsQuery = z.object({
  user: z.string().min(1).max(200).optional().meta({ description: 'A user id.' }),
  client: z.string().min(1).max(64).optional(),
  type: z
    .union([auditEventType, z.array(auditEventType)])
    .transform((t) => [t].flat())
    .optional(),
  from: instant.optional().meta({ description: 'Events at or after this moment.' }),
  to: instant.optional().meta({ description: 'Events before this moment.' }),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).max(500).optional().meta({ description: '`nextCursor` of the previous page; the filters must stay the same.' }),
});
export type AuditEventsQuery = z.output<typeof auditEventsQuery>;

export const auditEventsPage = z.object({
  events: z.array(auditEvent),
  nextCursor: z.string().nullable().meta({ description: 'Opaque; null on the last page.' }),
});
export type AuditEventsPage = z.output<typeof auditEventsPage>;
