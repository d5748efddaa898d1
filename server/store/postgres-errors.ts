import { StoreError } from './types.js';

/** Failures of the connection itself, as Node names them. */
const networkCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** `db:5432` from the connection URL: never its user or password. */
export function postgresAddress(url: string): string {
  try {
    const u = new URL(url);
    const socket = u.searchParams.get('host');
    if (!u.hostname && socket) return socket;
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return 'the configured server';
  }
}

/**
 * Says which part failed and with what (`store: cannot reach Postgres at db:5432 (ENOTFOUND)`):
 * the driver's own message names neither the store nor, for a lookup, the port. Query errors pass unchanged.
 */
export function explainPostgresError(url: string, e: unknown): unknown {
  if (e instanceof StoreError || !(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  const at = postgresAddress(url);
  if (typeof code === 'string' && networkCodes.has(code)) return new StoreError(`store: cannot reach Postgres at ${at} (${code})`, e);
  if (/timeout/i.test(e.message) && /connect/i.test(e.message)) return new StoreError(`store: cannot reach Postgres at ${at} (no answer in time)`, e);
  // SQLSTATE 28xxx: the login was refused; 3D000: no such database. Their messages name the user or database, never a password.
  if (typeof code === 'string' && (code.startsWith('28') || code === '3D000'))
    return new StoreError(`store: Postgres at ${at} refused the connection: ${e.message} (${code})`, e);
  return e;
}
