import type { AuditEventType } from '../../contract/audit.js';
import type { AuditActor } from '../store/ports/audit.js';

export type { AuditEventType } from '../../contract/audit.js';
export type { AuditActor } from '../store/ports/audit.js';

/** A detail's value: plain facts only, no nested objects that could carry a request body along. */
export type AuditDetail = string | number | boolean | null | readonly string[];

/**
 * What a caller says about an event; `audit.record` adds the id, the time, the request id and
 * the address as the config keeps it. Details are masked facts: a method, a reason code, a
 * masked destination. Never a code, secret, token, password or full phone number.
 */
export interface AuditInput {
  type: AuditEventType;
  userId?: string | null;
  clientId?: string | null;
  /** The caller's address as the request gave it; stored per `audit.address`. */
  address?: string | null;
  actor?: AuditActor | null;
  details?: Record<string, AuditDetail | undefined>;
  /** The request that made the event (request-services.ts adds it). */
  requestId?: string | null;
}

/**
 * Detail names that hold secrets wherever they appear (the logger's redaction list): a value
 * under one of them is replaced, so a careless caller leaks nothing.
 */
const SECRET_NAMES = new Set([
  'password',
  'code',
  'secret',
  'clientsecret',
  'flow',
  'idtoken',
  'devicetoken',
  'token',
  'accesstoken',
  'phone',
  'email',
]);

/** The details with secret-named fields replaced and undefined ones left out. */
export function cleanDetails(details: AuditInput['details']): Record<string, AuditDetail> {
  const out: Record<string, AuditDetail> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === undefined) continue;
    out[key] = SECRET_NAMES.has(key.toLowerCase()) ? '[redacted]' : value;
  }
  return out;
}
