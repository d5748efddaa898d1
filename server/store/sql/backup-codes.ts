import type { SqlDriver } from '../driver.js';
import type { BackupCodeStore } from '../ports/credentials.js';
import { count, markSecondFactor } from './rows.js';

export const countBackupCodes = (db: SqlDriver, userId: string) =>
  count(db, 'SELECT COUNT(*) AS n FROM backup_codes WHERE user_id = ? AND used_at IS NULL', [userId]);

export function sqlBackupCodes(db: SqlDriver): BackupCodeStore {
  /** Answers how many codes were new: a code the user has, used or not, stays as it is. */
  async function insertBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<number> {
    if (codeHashes.length > 0) await markSecondFactor(db, userId, now);
    let added = 0;
    for (const hash of codeHashes) {
      added += await db.run(
        'INSERT INTO backup_codes (user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL) ON CONFLICT (user_id, code_hash) DO NOTHING',
        [userId, hash, now.toISOString()],
      );
    }
    return added;
  }

  return {
    async replaceBackupCodes(userId, codeHashes, now) {
      await db.transaction(async () => {
        await db.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
        await insertBackupCodes(userId, codeHashes, now);
      });
    },

    addBackupCodes(userId, codeHashes, now) {
      return db.transaction(() => insertBackupCodes(userId, codeHashes, now));
    },

    createBackupCodes(userId, codeHashes, now) {
      return db.transaction(async () => {
        // Writing the user row first locks it (Postgres row lock, SQLite write lock) until commit,
        // so two enrolments finishing at once cannot both find no codes and both hand some out.
        await db.run('UPDATE users SET updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
        if ((await countBackupCodes(db, userId)) > 0) return false;
        await insertBackupCodes(userId, codeHashes, now);
        return true;
      });
    },

    countBackupCodes: (userId) => countBackupCodes(db, userId),

    async consumeBackupCode(userId, codeHash, now) {
      const changed = await db.run('UPDATE backup_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [now.toISOString(), userId, codeHash]);
      return changed === 1;
    },

    async releaseBackupCode(userId, codeHash, usedAt) {
      await db.run('UPDATE backup_codes SET used_at = NULL WHERE user_id = ? AND code_hash = ? AND used_at = ?', [userId, codeHash, usedAt.toISOString()]);
    },
  };
}
