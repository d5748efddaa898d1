import type { AuditDetail } from '../audit/events.js';
import { auditActorOf } from '../admin/report.js';
import type { Services } from '../services.js';
import { CLI } from './context.js';

/**
 * A change an admin made through the CLI outside the admin operations (key rotation): they
 * report their own actions (server/admin/report.ts), so nothing is recorded twice.
 */
export function recordCliChange(
  services: Pick<Services, 'audit'>,
  type: 'factor.changed' | 'admin.action',
  userId: string | null,
  details: Record<string, AuditDetail | undefined>,
): void {
  services.audit.record({ type, userId, actor: auditActorOf(CLI), details: { via: 'cli', ...details } });
}
