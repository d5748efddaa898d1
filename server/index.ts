export { createServer, mfaLogin, type RunningServer, type MfaLoginRouter } from './app.js';
export { loadConfig, parseConfig, configSchema, ConfigError, type Config, type ConfigInput } from './config.js';
export { MfaError, type ErrorCode } from './errors.js';
export { withSameShapes } from './http/same-shapes.js';
export type { Store, FlowStore, CounterStore } from './store/types.js';
export { openStore } from './store/index.js';
export type { SmsSender, EmailSender } from './providers/types.js';
export { verifySignature as verifyAuditSignature, SIGNATURE_HEADER as AUDIT_SIGNATURE_HEADER } from './audit/signature.js';
export type { AuditEvent, AuditEventType } from '../contract/audit.js';
