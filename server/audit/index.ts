export { createAudit, type Audit } from './audit.js';
export type { AuditActor, AuditDetail, AuditEventType, AuditInput } from './events.js';
export { listEvents, parseEventFilters, type EventFilters } from './query.js';
export { sweepAuditEvents } from './retention.js';
export { createHttpSink, type AuditSink } from './sink.js';
export { SIGNATURE_HEADER, signBody, verifySignature } from './signature.js';
