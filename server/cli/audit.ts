import { userInfo } from 'node:os';
import type { AuditActor, AuditDetail } from '../audit/events.js';
import type { Services } from '../services.js';

/** The admin at the server's console: the operating-system account, when the system names one. */
function cliActor(): AuditActor {
  try {
    return { kind: 'admin', via: 'cli', osUser: userInfo().username };
  } catch {
    return { kind: 'admin', via: 'cli' };
  }
}

/** A change an admin made through the CLI: `factor.changed` for a user's sign-in factors, else `admin.action`. */
export function recordCliChange(
  services: Pick<Services, 'audit'>,
  type: 'factor.changed' | 'admin.action',
  userId: string | null,
  details: Record<string, AuditDetail | undefined>,
): void {
  services.audit.record({ type, userId, actor: cliActor(), details: { via: 'cli', ...details } });
}
