import type { AuditStore } from './ports/audit.js';
import type { ClientStore } from './ports/clients.js';
import type { CounterStore } from './ports/counters.js';
import type { CredentialStore } from './ports/credentials.js';
import type { FlowStartStore, FlowStore } from './ports/flows.js';
import type { KeyStore } from './ports/keys.js';
import type { OidcStore } from './ports/oidc.js';
import type { PasskeyStore } from './ports/passkeys.js';
import type { StoreLifecycle } from './ports/lifecycle.js';
import type { TrustedDeviceStore } from './ports/trusted-devices.js';
import type { UserStore } from './ports/users.js';

export * from './ports/audit.js';
export * from './ports/clients.js';
export * from './ports/counters.js';
export * from './ports/credentials.js';
export * from './ports/flows.js';
export * from './ports/keys.js';
export * from './ports/lifecycle.js';
export * from './ports/oidc.js';
export * from './ports/passkeys.js';
export * from './ports/trusted-devices.js';
export * from './ports/users.js';

/**
 * Everything the server keeps: every port, as the one SQL provider serves them for SQLite and
 * Postgres. Callers ask for the ports they use. Methods that guard a secret's single use
 * (`useTotpStep`, `consumeBackupCode`, `saveFlow`) are atomic, so N server instances on one
 * database stay correct.
 */
export interface Store
  extends StoreLifecycle,
    UserStore,
    CredentialStore,
    PasskeyStore,
    ClientStore,
    KeyStore,
    FlowStore,
    FlowStartStore,
    CounterStore,
    AuditStore,
    OidcStore,
    TrustedDeviceStore {}
