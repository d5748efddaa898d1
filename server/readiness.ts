import type { Services } from './services.js';
import type { StoreLifecycle } from './store/ports/lifecycle.js';

export type CheckResult = 'ok' | 'failed' | 'timeout';

export interface Readiness {
  ready: boolean;
  checks: { store: CheckResult; signingKey: CheckResult; providers: CheckResult };
}

type ReadinessDeps = Pick<Services, 'tokens' | 'sms' | 'email' | 'now'> & { store: Pick<StoreLifecycle, 'ping'> };

/** Under the probe timeout the README's example sets (3 s): a hung database gives a 503, not a probe that times out. */
export const CHECK_TIMEOUT_MS = 2000;

async function bounded(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    return await Promise.race([check().then((): CheckResult => 'ok'), timeout]);
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this instance can serve logins now: its store answers a query, the key that signs
 * id_tokens is open, and the text and e-mail senders built from the config are in place (their
 * settings and `${ENV}` secrets were checked at start-up; a probe must not send anything).
 */
export async function checkReadiness(services: ReadinessDeps, timeoutMs = CHECK_TIMEOUT_MS): Promise<Readiness> {
  const [store, signingKey, providers] = await Promise.all([
    bounded(() => services.store.ping(), timeoutMs),
    bounded(() => services.tokens.openSigningKey(services.now()), timeoutMs),
    bounded(async () => {
      for (const sender of [services.sms, services.email]) if (typeof sender?.send !== 'function') throw new Error('no sender');
    }, timeoutMs),
  ]);
  const checks = { store, signingKey, providers };
  return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
}
