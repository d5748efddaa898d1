import type { Logger } from 'pino';
import { isPowerOfTen } from '../batching/bounded-queue.js';
import { writeBehind } from '../batching/write-behind.js';
import { randomHandle, timeFirst } from '../crypto/codes.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import type { DeviceTokenRecord, DeviceTokenStore } from '../store/ports/credentials.js';

/**
 * Device tokens (OWASP "device cookies", held by the element rather than in a cookie): a
 * device that completed a login for a user gets one, and its later password attempts for that
 * user skip the per-username slow-down and spend a budget of their own. Only the keyed hash is
 * stored, so a copy of the database holds no token that would exempt anyone.
 */
export interface DeviceTokens {
  /**
   * A new token for `userId` (256 random bits), valid for `password.deviceTokenTtlDays`. Its row
   * is written a moment later with other logins' (this instance knows it at once): the answer
   * that completes a login waits for no write of its own. A token whose row never lands (a
   * crash, a failed write) is only an unknown device's: it exempts nothing.
   */
  issue(userId: string, now: Date): string;
  /** The token's id and end when it is a live token of `userId`; null for anything else (unknown, expired, revoked, another user's). */
  trusted(token: string | undefined, userId: string | undefined, now: Date): Promise<{ id: string; expiresAt: string } | null>;
  /**
   * Revokes every device token of the user, those still on their way to the store included (this
   * instance's are counted; another's are refused when they arrive); answers how many.
   */
  forget(userId: string, now: Date): Promise<number>;
  /** Resolves once every token issued so far is in the store (or its write failed). */
  flush(): Promise<void>;
}

/** Tokens a write takes at most; this many waiting are written at once. */
const WRITE_BATCH = 64;
/** How long a token's row waits for others to share its write. */
const WRITE_DELAY_MS = 50;
/** Rows held while the store is slow or down; beyond it the oldest are dropped (their devices are unknown ones). */
const WRITE_QUEUE = 10_000;

/** How long a token lives: `password.deviceTokenTtlDays`. */
const lifeMs = (config: Pick<Config, 'password'>) => config.password.deviceTokenTtlDays * 86_400_000;

type DeviceTokenDeps = { store: DeviceTokenStore; keyring: Keyring; config: Pick<Config, 'password'>; logger: Logger };

/** A token's characters that name its issue time (`timeFirst`); tokens from before they did are a bare 43. */
const TIME = 9;
const UNTIMED = 43;

/**
 * The keyed hash a token is stored by, after the token's own issue time: new rows then go to the end
 * of the id index, where a random id put each on a page of its own (half a batched row's cost, measured).
 */
export const deviceTokenId = (keyring: Keyring, token: string) =>
  token.length === UNTIMED ? keyring.hash(token, 'device-token') : `${token.slice(0, TIME)}${keyring.hash(token, 'device-token')}`;

export function createDeviceTokens({ store, keyring, config, logger }: DeviceTokenDeps): DeviceTokens {
  // Issued here and not yet written: a device that comes straight back is still known.
  const unwritten = new Map<string, DeviceTokenRecord>();
  const rows = writeBehind<DeviceTokenRecord>({
    write: (batch) => store.addDeviceTokens(batch),
    batch: WRITE_BATCH,
    delayMs: WRITE_DELAY_MS,
    max: WRITE_QUEUE,
    failed: (e, batch) => logger.warn({ err: e.message, tokens: batch.length }, 'device tokens not stored: those devices are unknown ones'),
    dropped: (total, tokens) => {
      for (const token of tokens) unwritten.delete(token.id);
      if (isPowerOfTen(total)) logger.warn({ dropped: total }, 'device token queue full: the oldest were dropped');
    },
    written: (batch) => {
      for (const token of batch) unwritten.delete(token.id);
    },
  });

  return {
    issue(userId, now) {
      const token = `${timeFirst(now)}${randomHandle()}`;
      const expiresAt = new Date(now.getTime() + lifeMs(config)).toISOString();
      const record = { id: deviceTokenId(keyring, token), userId, createdAt: now.toISOString(), expiresAt };
      unwritten.set(record.id, record);
      rows.push(record);
      return token;
    },

    async trusted(token, userId, now) {
      if (!token) return null;
      const id = deviceTokenId(keyring, token);
      const waiting = unwritten.get(id);
      const found = waiting && Date.parse(waiting.expiresAt) > now.getTime() ? waiting : await store.findDeviceToken(id, now);
      return found && userId !== undefined && found.userId === userId ? { id, expiresAt: found.expiresAt } : null;
    },

    async forget(userId, now) {
      // This instance's written first, so that they are counted with the rest.
      await rows.flush();
      for (const [id, token] of unwritten) if (token.userId === userId) unwritten.delete(id);
      return store.deleteDeviceTokens(userId, now);
    },

    flush: () => rows.flush(),
  };
}

/**
 * A device whose token has more than half its life left keeps it: a login from it completes
 * without a new one (and without a new row per login for every device of every user). An
 * older one is replaced, so a device in daily use never sees its token run out.
 */
export function keepsItsToken(device: { expiresAt: string }, config: Pick<Config, 'password'>, now: Date): boolean {
  return Date.parse(device.expiresAt) - now.getTime() > lifeMs(config) / 2;
}
