import { auditEventsQuery, type AuditEventsPage, type AuditEventsQuery } from '../../contract/audit.js';
import { MfaError } from '../errors.js';
import type { AuditPosition, AuditStore } from '../store/ports/audit.js';
import { parseBody } from '../validate.js';

/** The filters of a query, as `GET /admin/v1/events` and `events tail` take them (the contract's names). */
export type EventFilters = Omit<AuditEventsQuery, 'cursor'>;

/** The filters, parsed by the contract's schema (a query string or the CLI's options). */
export const parseEventFilters = (input: unknown): AuditEventsQuery => parseBody(auditEventsQuery, input);

/** Opaque to callers: the last event's position and the order it was read in. */
function encodeCursor(position: AuditPosition, order: 'asc' | 'desc'): string {
  return Buffer.from(JSON.stringify({ at: position.at, id: position.id, o: order })).toString('base64url');
}

function decodeCursor(cursor: string, order: 'asc' | 'desc'): AuditPosition {
  try {
    const { at, id, o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof at === 'string' && typeof id === 'string' && o === order && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // answered below, like any other cursor this server did not make
  }
  throw new MfaError('invalid_request', 'The cursor is not valid for this query.');
}

/**
 * One page of events matching `filters`, in a stable order (time, then id), and the cursor of
 * the next page (null on the last). Events written later with a time inside a page already read
 * are not seen by its cursor: `events tail --follow` reads a little behind for that.
 */
export async function listEvents(store: Pick<AuditStore, 'listAuditEvents'>, filters: EventFilters, cursor?: string): Promise<AuditEventsPage> {
  const after = cursor ? decodeCursor(cursor, filters.order) : undefined;
  const rows = await store.listAuditEvents({
    ...(filters.user ? { userId: filters.user } : {}),
    ...(filters.client ? { clientId: filters.client } : {}),
    ...(filters.type ? { types: filters.type } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(after ? { after } : {}),
    order: filters.order,
    limit: filters.limit + 1,
  });
  const events = rows.slice(0, filters.limit);
  const last = events.at(-1);
  return { events: events as AuditEventsPage['events'], nextCursor: rows.length > filters.limit && last ? encodeCursor(last, filters.order) : null };
}
