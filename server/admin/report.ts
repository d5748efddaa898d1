import { userInfo } from 'node:os';
import type { AuditActor, AuditDetail } from '../audit/events.js';
import type { Services } from '../services.js';

/**
 * Who did an admin action: the CLI on the server's machine (its operating-system account), the
 * static admin token (named by a short keyed hash, never the token), or a client's access token
 * (its client id and the token's `jti`). An API caller's address goes to the audit log as
 * `audit.address` keeps addresses.
 */
export type AdminActor =
  | { kind: 'cli'; osUser?: string }
  | { kind: 'admin-token'; tokenId: string; address?: string | null }
  | { kind: 'client'; clientId: string; tokenId: string; address?: string | null };

/** The operator at the server's console, by the system account when the system names one. */
export function cliActor(): AdminActor {
  try {
    return { kind: 'cli', osUser: userInfo().username };
  } catch {
    return { kind: 'cli' };
  }
}

export interface AdminAction {
  /** What was done, e.g. `user.update`, `client.rotate-secret`. */
  action: string;
  /** What it was done to: ids only. */
  target: { userId?: string; clientId?: string };
  /** The names of the fields that changed, never their values (a phone number, a secret). */
  changed?: string[];
  /**
   * For a change of a user's sign-in factors: the audit log's `factor.changed` `change`
   * (`totp-reset`, `phone-set`, …); other actions are `admin.action` events.
   */
  factorChange?: string;
  /** Masked facts beside it: a masked destination, counts. Never a value an admin set. */
  facts?: Record<string, AuditDetail>;
}

/** The audit log's actor for an admin. */
export function auditActorOf(actor: AdminActor): AuditActor {
  switch (actor.kind) {
    case 'cli':
      return { kind: 'admin', via: 'cli', ...(actor.osUser ? { osUser: actor.osUser } : {}) };
    case 'admin-token':
      return { kind: 'admin', via: 'api', clientId: 'static-token', tokenId: actor.tokenId };
    case 'client':
      return { kind: 'admin', via: 'api', clientId: actor.clientId, tokenId: actor.tokenId };
  }
}

/**
 * The one place every admin action, from the API or the CLI, is reported: an audit event (which
 * also makes the log line) saying who, what, to which user or client, which fields — never a value.
 */
export function reportAdminAction(services: Pick<Services, 'audit'>, actor: AdminActor, what: AdminAction): void {
  const via = actor.kind === 'cli' ? 'cli' : 'api';
  const changed = what.changed ? { changed: what.changed } : {};
  // As the rest of the log has them: a factor change says which (`change`), another action what and to what.
  const details = what.factorChange
    ? { change: what.factorChange, via, ...changed, ...what.facts }
    : { action: what.action, target: what.target.userId ?? what.target.clientId ?? null, via, ...changed, ...what.facts };
  services.audit.record({
    type: what.factorChange ? 'factor.changed' : 'admin.action',
    userId: what.target.userId ?? null,
    clientId: what.target.clientId ?? null,
    address: actor.kind === 'cli' ? null : (actor.address ?? null),
    actor: auditActorOf(actor),
    details,
  });
}
