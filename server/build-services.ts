import { setTimeout as wait } from 'node:timers/promises';
import type { Logger } from 'pino';
import { createAudit } from './audit/audit.js';
import { createHttpSink } from './audit/sink.js';
import { createDeviceTokens } from './auth/device-tokens.js';
import { createPasswords } from './auth/passwords.js';
import type { Config } from './config.js';
import { createKeyring, loadMasterKey } from './crypto/keyring.js';
import { createLogger } from './logger.js';
import { noMetrics } from './metrics/metrics.js';
import { countedSender } from './metrics/senders.js';
import { createEmailSender } from './providers/email/index.js';
import { Outbox } from './providers/outbox.js';
import { createSmsSender } from './providers/sms/index.js';
import type { Services } from './services.js';
import { cachedClients } from './store/client-cache.js';
import { withPorts } from './store/compose.js';
import { openStore } from './store/index.js';
import type { CounterStore } from './store/ports/counters.js';
import type { FlowStore } from './store/ports/flows.js';
import type { Store } from './store/types.js';
import { createTokens } from './tokens/tokens.js';

export interface ServiceOptions {
  logger?: Logger;
  /** The clock; tests move it. */
  now?: () => Date;
  /** How the server waits (the password slow-down); tests record the waits. */
  sleep?: (ms: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  /** An open store to use instead of the one in config. */
  store?: Store;
  /** Where flows in progress are kept instead of the store (opened, migrated and closed by the caller). */
  flows?: FlowStore;
  /** Where rate counters are kept instead of the store (opened, migrated and closed by the caller). */
  counters?: CounterStore;
}

/** Opens the store (migrating it), loads the key and wires every service from config. */
export async function buildServices(config: Config, options: ServiceOptions = {}): Promise<Services> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(config);
  const keyring = createKeyring(loadMasterKey(config.keyFile, env));
  const outbox = config.devOutbox ? new Outbox() : null;
  const now = options.now ?? (() => new Date());
  const providerDeps = { logger, env, now, ...(outbox ? { outbox } : {}) };
  // prom-client (with the OpenTelemetry API it loads) is ~100 files: a server without metrics never reads them.
  const metrics = config.metrics.enabled ? (await import('./metrics/prometheus.js')).createPrometheusMetrics() : noMetrics;
  // Providers first: a mistake in their settings (an unset ${ENV}) stops the start before any database is opened.
  const sms = createSmsSender(config.sms.provider, { ...providerDeps, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const email = createEmailSender(config.email.provider, providerDeps);
  const sink = config.audit.sink ? createHttpSink(config.audit.sink, { logger, now, env }) : null;
  const clients = cachedClients(withPorts(options.store ?? openStore(config.store), { flows: options.flows, counters: options.counters }));
  const { store } = clients;
  try {
    await store.migrate();
    return {
      config,
      store,
      loginClient: clients.read,
      keyring,
      logger,
      now,
      sleep: options.sleep ?? ((ms) => wait(ms)),
      passwords: await createPasswords(metrics, { nice: config.password.hashNice }),
      deviceTokens: createDeviceTokens({ store, keyring, config, logger }),
      tokens: createTokens({ store, keyring, issuer: config.issuer, alg: config.tokens.alg, idTokenTtlSeconds: config.tokens.idTokenTtlSeconds }),
      sms: countedSender(sms, metrics, 'sms', config.sms.provider.type),
      email: countedSender(email, metrics, 'email', config.email.provider.type),
      outbox,
      metrics,
      audit: createAudit({ config: config.audit, store, logger, keyring, now, sink }),
    };
  } catch (e) {
    // An open Postgres pool would keep the process alive after the failure is printed.
    await sink?.close();
    if (!options.store) await store.close().catch(() => undefined);
    throw e;
  }
}

/** Before the store closes: the device tokens and audit events still on their way land (and the audit sink gets its last try). */
export async function closeWriters(services: Pick<Services, 'deviceTokens' | 'audit'>): Promise<void> {
  await services.deviceTokens.flush();
  await services.audit.close();
}
