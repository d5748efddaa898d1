import { backupCode, normaliseBackupCode } from '../crypto/codes.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Services } from '../services.js';

/** Keyed with the master key and salted with the user id: no lookup table fits two users. */
export const hashBackupCode = (keyring: Keyring, userId: string, code: string) =>
  keyring.hash(normaliseBackupCode(code), `backup-code:${userId}`);

/** New codes for the user, replacing any left; the plain codes are shown once. */
export async function regenerateBackupCodes(services: Services, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: services.config.backupCodes.count }, backupCode);
  await services.store.replaceBackupCodes(userId, codes.map((c) => hashBackupCode(services.keyring, userId, c)), now);
  return codes;
}

/** Codes made on a user's first second factor; none when the user has some already. */
export async function backupCodesOnFirstFactor(services: Services, userId: string, now: Date): Promise<{ backupCodes?: string[] }> {
  if ((await services.store.countBackupCodes(userId)) > 0) return {};
  return { backupCodes: await regenerateBackupCodes(services, userId, now) };
}
