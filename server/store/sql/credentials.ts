import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../driver.js';
import type {
  BackupCodeStore,
  CredentialStore,
  DeviceTokenRecord,
  DeviceTokenStore,
  NewTotpCredential,
  TotpCredential,
  TotpStore,
} from '../ports/credentials.js';
import { count, markSecondFactor, one, str, type Row } from './rows.js';

function toTotp(r: Row): TotpCredential {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    sealedSecret: str(r.sealed_secret),
    algorithm: str(r.algorithm) as TotpCredential['algorithm'],
    digits: Number(r.digits),
    period: Number(r.period),
    lastTimeStep: r.last_time_step === null ? null : Number(r.last_time_step),
    createdAt: str(r.created_at),
  };
}

function sqlTotp(db: SqlDriver): TotpStore {
  const getTotp = (userId: string) => one(db, 'SELECT * FROM totp_credentials WHERE user_id = ?', [userId], toTotp);
  /** One credential per user (unique index): a second insert changes nothing. */
  const insertTotp = (c: NewTotpCredential, now: Date): Promise<number> =>
    db.run(
      'INSERT INTO totp_credentials (id, user_id, sealed_secret, algorithm, digits, period, last_time_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
      [randomUUID(), c.userId, c.sealedSecret, c.algorithm, c.digits, c.period, c.lastTimeStep ?? null, now.toISOString()],
    );
  return {
    getTotp,

    async setTotp(c, now) {
      await db.transaction(async () => {
        await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [c.userId]);
        await insertTotp(c, now);
      });
      return (await getTotp(c.userId))!;
    },

    async createTotp(c, now) {
      return (await insertTotp(c, now)) === 1 ? getTotp(c.userId) : null;
    },

    async deleteTotp(userId) {
      return (await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
    },

    async useTotpStep(credentialId, timeStep) {
      const changed = await db.run('UPDATE totp_credentials SET last_time_step = ? WHERE id = ? AND (last_time_step IS NULL OR last_time_step < ?)', [
        timeStep,
        credentialId,
        timeStep,
      ]);
      return changed === 1;
    },
  };
}

const countBackupCodes = (db: SqlDriver, userId: string) =>
  count(db, 'SELECT COUNT(*) AS n FROM backup_codes WHERE user_id = ? AND used_at IS NULL', [userId]);

function sqlBackupCodes(db: SqlDriver): BackupCodeStore {
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
      const changed = await db.run('UPDATE backup_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [
        now.toISOString(),
        userId,
        codeHash,
      ]);
      return changed === 1;
    },

    async releaseBackupCode(userId, codeHash, usedAt) {
      await db.run('UPDATE backup_codes SET used_at = NULL WHERE user_id = ? AND code_hash = ? AND used_at = ?', [
        userId,
        codeHash,
        usedAt.toISOString(),
      ]);
    },
  };
}

function toDeviceToken(r: Row): DeviceTokenRecord {
  return { id: str(r.id), userId: str(r.user_id), createdAt: str(r.created_at), expiresAt: str(r.expires_at) };
}

function sqlDeviceTokens(db: SqlDriver): DeviceTokenStore {
  return {
    async addDeviceToken(token, now) {
      await db.run('INSERT INTO device_tokens (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
        token.id,
        token.userId,
        now.toISOString(),
        token.expiresAt,
      ]);
    },

    findDeviceToken(id, now) {
      return one(db, 'SELECT * FROM device_tokens WHERE id = ? AND expires_at > ?', [id, now.toISOString()], toDeviceToken);
    },

    deleteDeviceTokens(userId) {
      return db.run('DELETE FROM device_tokens WHERE user_id = ?', [userId]);
    },

    async sweepDeviceTokens(before) {
      await db.run('DELETE FROM device_tokens WHERE expires_at < ?', [before.toISOString()]);
    },
  };
}

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
