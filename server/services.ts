import type { Logger } from 'pino';
import type { Audit } from './audit/audit.js';
import type { DeviceTokens } from './auth/device-tokens.js';
import type { Passwords } from './auth/passwords.js';
import type { Config } from './config.js';
import type { Keyring } from './crypto/keyring.js';
import type { Metrics } from './metrics/metrics.js';
import type { Outbox } from './providers/outbox.js';
import type { EmailSender, SmsSender } from './providers/types.js';
import type { ClientRecord } from './store/ports/clients.js';
import type { Store } from './store/types.js';
import type { Tokens } from './tokens/tokens.js';

/** Everything a request handler may use, passed in: no module holds state of its own. */
export interface Services {
  config: Config;
  store: Store;
  /**
   * A client as the login steps read it: kept up to a second (store/client-cache.ts). Checking a
   * client's secret and the admin API read `store` instead.
   */
  loginClient: (clientId: string) => Promise<ClientRecord | null>;
  keyring: Keyring;
  logger: Logger;
  now: () => Date;
  /** Waits `ms` milliseconds (the password slow-down); tests record the waits instead. */
  sleep: (ms: number) => Promise<void>;
  passwords: Passwords;
  /** Tokens of devices that completed a login (auth/device-tokens.ts). */
  deviceTokens: DeviceTokens;
  tokens: Tokens;
  sms: SmsSender;
  email: EmailSender;
  /** Present only when `devOutbox` is on. */
  outbox: Outbox | null;
  /** Prometheus counters; hooks that do nothing when `metrics.enabled` is off. */
  metrics: Metrics;
  /** The security event log: `audit.record({ type, userId, clientId, address, details })`. */
  audit: Audit;
}
