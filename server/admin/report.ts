import type { Services } from '../services.js';

/** Who did an admin action: the CLI on the server's machine, the static admin token, or a client's access token. */
export type AdminActor = { kind: 'cli' } | { kind: 'admin-token' } | { kind: 'client'; clientId: string };

export interface AdminAction {
  /** What was done, e.g. `user.update`, `client.rotate-secret`. */
  action: string;
  /** What it was done to: ids only. */
  target: { userId?: string; clientId?: string };
  /** The names of the fields that changed, never their values (a phone number, a secret). */
  changed?: string[];
}

/**
 * The one place every admin action, from the API or the CLI, is reported: who, what, to which
 * user or client, which fields. An audit port records it here once the store has one.
 */
export function reportAdminAction(services: Pick<Services, 'logger'>, actor: AdminActor, what: AdminAction): void {
  services.logger.info({ event: 'admin.action', actor, ...what }, 'admin action');
}
