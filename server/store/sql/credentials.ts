import type { SqlDriver } from '../driver.js';
import type { CredentialStore } from '../ports/credentials.js';
import { countBackupCodes, sqlBackupCodes } from './backup-codes.js';
import { sqlDeviceTokens } from './device-tokens.js';
import { sqlTotp } from './totp.js';

export function sqlCredentials(db: SqlDriver): CredentialStore {
  return {
    ...sqlTotp(db),
    ...sqlBackupCodes(db),
    ...sqlDeviceTokens(db),

    resetSecondFactors(userId, now) {
      return db.transaction(async () => {
        const backupCodesRemoved = await countBackupCodes(db, userId);
        const totpRemoved = (await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
        await db.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
        await db.run('UPDATE users SET mfa_since = NULL, updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
        return { totpRemoved, backupCodesRemoved };
      });
    },
  };
}
