import { backupCode, normaliseBackupCode } from '../crypto/codes.js';
import type { Keyring } from '../crypto/keyring.js';
import type { BackupCodeStore } from '../store/ports/credentials.js';

/** What handing out backup codes needs: where they are kept, the key that hashes them and how many. */
export interface BackupCodeDeps {
  store: Pick<BackupCodeStore, 'replaceBackupCodes' | 'createBackupCodes'>;
  keyring: Keyring;
  config: { backupCodes: { count: number } };
}

/** Keyed with the master key and salted with the user id: no lookup table fits two users. */
export const hashBackupCode = (keyring: Keyring, userId: string, code: string) => keyring.hash(normaliseBackupCode(code), `backup-code:${userId}`);

const newCodes = (deps: BackupCodeDeps) => Array.from({ length: deps.config.backupCodes.count }, backupCode);
const hashesOf = (deps: BackupCodeDeps, userId: string, codes: string[]) => codes.map((c) => hashBackupCode(deps.keyring, userId, c));

/** New codes for the user, replacing any left; the plain codes are shown once. */
export async function regenerateBackupCodes(deps: BackupCodeDeps, userId: string, now: Date): Promise<string[]> {
  const codes = newCodes(deps);
  await deps.store.replaceBackupCodes(userId, hashesOf(deps, userId, codes), now);
  return codes;
}

/** Codes made on a user's first second factor; none when the user has some already. */
export async function backupCodesOnFirstFactor(deps: BackupCodeDeps, userId: string, now: Date): Promise<{ backupCodes?: string[] }> {
  const codes = newCodes(deps);
  return (await deps.store.createBackupCodes(userId, hashesOf(deps, userId, codes), now)) ? { backupCodes: codes } : {};
}
