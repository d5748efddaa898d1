import type { Config } from '../config.js';
import type { Keyring } from '../crypto/keyring.js';
import { addressKey } from './address-key.js';
import { refund, spend, type Limit, type RegulatorStore } from './regulator.js';

type SlowDown = Config['password']['slowDown'];

/** How long an attempt waits after `failures` failed ones for its username in the window: min(base × 2^k, max). */
export function slowDownMs(failures: number, rules: SlowDown): number {
  if (failures < rules.afterFailures) return 0;
  return Math.round(Math.min(rules.baseSeconds * 2 ** (failures - rules.afterFailures), rules.maxSeconds) * 1000);
}

/** Who attempts, when, and what the budgets are kept in. */
export interface AttemptContext {
  services: { store: RegulatorStore; keyring: Keyring; config: Pick<Config, 'password'>; sleep: (ms: number) => Promise<void> };
  now: Date;
  ip: string | null;
}

/** An admitted password attempt: a right password gives back what it spent. */
export interface PasswordAttempt {
  succeeded(): Promise<void>;
  /** How long the attempt waited out the username's slow-down, in milliseconds (0: none). */
  waitedMs: number;
}

/**
 * Spends the budgets of one password attempt before it is checked. A trusted device spends its
 * own; anyone else spends the (username, address) budget, a hard limit, and then waits out the
 * username's slow-down, which only delays and so can never lock the owner out. Counters are
 * keyed by a keyed hash of the username: what people type in the username box (a password,
 * now and then) never lands in the store.
 */
export async function admitPasswordAttempt(ctx: AttemptContext, username: string, device: string | null): Promise<PasswordAttempt> {
  const { store, keyring, config, sleep } = ctx.services;
  const rules = config.password;
  const windowSeconds = rules.windowSeconds;
  const giveBack = (limits: Limit[], waitedMs = 0) => ({
    waitedMs,
    async succeeded() {
      for (const limit of limits) await refund(store, limit, ctx.now);
    },
  });
  if (device) {
    const own: Limit = { key: `password:device:${device}`, windowSeconds, max: rules.perDeviceLimit };
    await spend(store, own, ctx.now);
    return giveBack([own]);
  }
  const name = keyring.hash(username, 'password-counter');
  const pair: Limit = { key: `password:ip:${name}:${addressKey(ctx.ip)}`, windowSeconds, max: rules.perUsernameAndIpLimit };
  await spend(store, pair, ctx.now);
  // Counted before it is checked, like every limit: parallel attempts each wait for those before them.
  const across: Limit = { key: `password:user:${name}`, windowSeconds, max: Number.POSITIVE_INFINITY };
  const { count } = await store.hit(across.key, windowSeconds, ctx.now);
  const wait = slowDownMs(count - 1, rules.slowDown);
  if (wait > 0) await sleep(wait);
  return giveBack([pair, across], wait);
}
