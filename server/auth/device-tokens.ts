import { randomHandle } from '../crypto/codes.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Config } from '../config.js';
import type { DeviceTokenStore } from '../store/ports/credentials.js';

/**
 * Device tokens (OWASP "device cookies", held by the element rather than in a cookie): a
 * device that completed a login for a user gets one, and its later password attempts for that
 * user skip the per-username slow-down and spend a budget of their own. Only the keyed hash is
 * stored, so a copy of the database holds no token that would exempt anyone.
 */
type DeviceTokenDeps = { store: DeviceTokenStore; keyring: Keyring };

export const deviceTokenId = (keyring: Keyring, token: string) => keyring.hash(token, 'device-token');

/** A new token for `userId` (256 random bits), valid for `password.deviceTokenTtlDays`. */
export async function issueDeviceToken(services: DeviceTokenDeps & { config: Pick<Config, 'password'> }, userId: string, now: Date): Promise<string> {
  const token = randomHandle();
  const expiresAt = new Date(now.getTime() + services.config.password.deviceTokenTtlDays * 86_400_000);
  await services.store.addDeviceToken({ id: deviceTokenId(services.keyring, token), userId, expiresAt: expiresAt.toISOString() }, now);
  return token;
}

/** The token's id and end when it is a live token of `userId`; null for anything else (unknown, expired, revoked, another user's). */
export async function trustedDevice(
  services: DeviceTokenDeps,
  token: string | undefined,
  userId: string | undefined,
  now: Date,
): Promise<{ id: string; expiresAt: string } | null> {
  if (!token) return null;
  const id = deviceTokenId(services.keyring, token);
  const found = await services.store.findDeviceToken(id, now);
  return found && userId !== undefined && found.userId === userId ? { id, expiresAt: found.expiresAt } : null;
}

/**
 * A device whose token has more than half its life left keeps it: a login from it completes
 * without a new one (and without a new row per login for every device of every user). An
 * older one is replaced, so a device in daily use never sees its token run out.
 */
export function keepsItsToken(device: { expiresAt: string }, config: Pick<Config, 'password'>, now: Date): boolean {
  return Date.parse(device.expiresAt) - now.getTime() > (config.password.deviceTokenTtlDays * 86_400_000) / 2;
}

/** Revokes every device token of the user: after a new password or a reset, no device is trusted any more. */
export function forgetDevices(store: DeviceTokenStore, userId: string): Promise<number> {
  return store.deleteDeviceTokens(userId);
}
