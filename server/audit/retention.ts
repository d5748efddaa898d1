import type { AuditStore } from '../store/ports/audit.js';
import type { AuditConfig } from './config.js';

const DAY_MS = 86_400_000;

/** Deletes the events older than `audit.retentionDays`; answers how many. */
export function sweepAuditEvents(services: {
  store: Pick<AuditStore, 'sweepAuditEvents'>;
  now: () => Date;
  config: { audit: Pick<AuditConfig, 'retentionDays'> };
}): Promise<number> {
  return services.store.sweepAuditEvents(new Date(services.now().getTime() - services.config.audit.retentionDays * DAY_MS));
}
