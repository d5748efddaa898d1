import { backupCode, normaliseBackupCode } from '../crypto/codes.js';
import type { Keyring } from '../crypto/keyring.js';
import type { Services } from '../services.js';

/** Keyed with the master key and salted with the user id: no lookup table fits two users. */
export const hashBackupCode = (keyring: Keyring, userId: string, code: string) =>
  keyring.hash(normaliseBackupCode(code), `backup-code:${userId}`);

const newCodes = (services: Services) => Array.from({ length: services.config.backupCodes.count }, backupCode);
const hashesOf = (services: Services, userId: string, codes: string[]) => codes.map((c) => hashBackupCode(services.keyring, userId, c));

/** New codes for the user, replacing any left; the plain codes are shown once. */
export async function regenerateBackupCodes(services: Services, userId: string, now: Date): Promise<string[]> {
  const codes = newCodes(services);
  await services.store.replaceBackupCodes(userId, hashesOf(services, userId, codes), now);
  return codes;
}

/** Codes made on a user's first second factor; none when the user has some already. */
export async function backupCodesOnFirstFactor(services: Services, userId: string, now: Date): Promise<{ backupCodes?: string[] }> {
  const codes = newCodes(services);
  return (await services.store.createBackupCodes(userId, hashesOf(services, userId, codes), now)) ? { backupCodes: codes } : {};
}
