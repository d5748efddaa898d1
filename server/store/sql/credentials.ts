import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlStatements } from '../driver.js';
import type {
  BackupCodeStore,
  CredentialStore,
  DeviceTokenRecord,
  DeviceTokenStore,
  NewTotpCredential,
  TotpCredential,
  TotpStore,
} from '../ports/credentials.js';
import { RECENT_OFFSETS } from '../ports/credentials.js';
import { chunkedInsert, valuesOf } from './chunked-insert.js';
import { count, json, markSecondFactor, one, str, strOrNull, type Row } from './rows.js';

function toTotp(r: Row): TotpCredential {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    name: str(r.name),
    sealedSecret: str(r.sealed_secret),
    algorithm: str(r.algorithm) as TotpCredential['algorithm'],
    digits: Number(r.digits),
    period: Number(r.period),
    lastTimeStep: r.last_time_step === null ? null : Number(r.last_time_step),
    recentOffsets: json<number[]>(r.recent_offsets),
    createdAt: str(r.created_at),
    lastUsedAt: strOrNull(r.last_used_at),
  };
}

/** Thrown inside a transaction to roll it back: the step was used meanwhile. */
class StepTaken extends Error {}

function sqlTotp(db: SqlDriver): TotpStore {
  const listTotp = (userId: string) =>
    db.all<Row>('SELECT * FROM totp_credentials WHERE user_id = ? ORDER BY created_at, id', [userId]).then((rows) => rows.map(toTotp));
  const byId = (on: SqlStatements, id: string) => one(on, 'SELECT * FROM totp_credentials WHERE id = ?', [id], toTotp);
  /** Writing the user row first locks it until commit (Postgres row lock, SQLite write lock): counts stay true under a race. */
  const lockUser = (on: SqlStatements, userId: string, now: Date) =>
    on.run('UPDATE users SET updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
  const countTotp = (on: SqlStatements, userId: string) => count(on, 'SELECT COUNT(*) AS n FROM totp_credentials WHERE user_id = ?', [userId]);

  /** The confirming code's step is used for the user at once, so no other app of theirs takes it again. */
  async function insertTotp(on: SqlStatements, c: NewTotpCredential, now: Date): Promise<TotpCredential> {
    const id = randomUUID();
    const lastTimeStep = c.lastTimeStep ?? null;
    await on.run(
      'INSERT INTO totp_credentials (id, user_id, name, sealed_secret, algorithm, digits, period, last_time_step, recent_offsets, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        c.userId,
        c.name ?? 'Authenticator',
        c.sealedSecret,
        c.algorithm,
        c.digits,
        c.period,
        lastTimeStep,
        JSON.stringify((c.recentOffsets ?? []).slice(-RECENT_OFFSETS)),
        now.toISOString(),
      ],
    );
    if (lastTimeStep !== null) {
      await on.run('INSERT INTO totp_used_steps (user_id, time_step, credential_id, used_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [
        c.userId,
        lastTimeStep,
        id,
        now.toISOString(),
      ]);
    }
    return (await byId(on, id))!;
  }

  return {
    listTotp,

    async getTotp(userId) {
      return (await listTotp(userId))[0] ?? null;
    },

    setTotp(c, now) {
      return db.transaction(async (tx) => {
        await tx.run('DELETE FROM totp_credentials WHERE user_id = ?', [c.userId]);
        return insertTotp(tx, c, now);
      });
    },

    addTotp(c, now, max) {
      return db.transaction(async (tx) => {
        await lockUser(tx, c.userId, now);
        if ((await countTotp(tx, c.userId)) >= max) return null;
        return insertTotp(tx, c, now);
      });
    },

    createTotp(c, now) {
      return db.transaction(async (tx) => {
        await lockUser(tx, c.userId, now);
        if ((await countTotp(tx, c.userId)) > 0) return null;
        return insertTotp(tx, c, now);
      });
    },

    async deleteTotp(userId) {
      return (await db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
    },

    removeTotp(userId, credentialId, opts = {}) {
      const remove = async (on: SqlStatements) =>
        (await on.run('DELETE FROM totp_credentials WHERE id = ? AND user_id = ?', [credentialId, userId])) > 0;
      if (!opts.unlessLast) return remove(db);
      return db.transaction(async (tx) => {
        // Locked first, so two removals at once cannot each find the other still there.
        await tx.run('UPDATE users SET updated_at = updated_at WHERE id = ?', [userId]);
        return (await countTotp(tx, userId)) > 1 && remove(tx);
      });
    },

    async renameTotp(userId, credentialId, name) {
      return (await db.run('UPDATE totp_credentials SET name = ? WHERE id = ? AND user_id = ?', [name, credentialId, userId])) > 0;
    },

    async useTotpStep({ userId, credentialId, timeStep, offset, recentOffsets }, now) {
      const usedAt = now.toISOString();
      const newer = '(last_time_step IS NULL OR last_time_step < ?)';
      const withOffset = (offsets: number[]) => JSON.stringify([...offsets, offset].slice(-RECENT_OFFSETS));
      try {
        return await db.transaction(async (tx) => {
          // The primary key (user, step) is what makes a step single-use across all of a user's apps.
          const claimed = await tx.run(
            'INSERT INTO totp_used_steps (user_id, time_step, credential_id, used_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
            [userId, timeStep, credentialId, usedAt],
          );
          if (claimed !== 1) return false;
          // The offsets read with the credential are still the stored ones: one write, no read.
          if (
            recentOffsets &&
            (await tx.run(
              `UPDATE totp_credentials SET last_time_step = ?, last_used_at = ?, recent_offsets = ? WHERE id = ? AND user_id = ? AND ${newer} AND recent_offsets = ?`,
              [timeStep, usedAt, withOffset(recentOffsets), credentialId, userId, timeStep, JSON.stringify(recentOffsets)],
            )) === 1
          )
            return true;
          const moved = await tx.run(`UPDATE totp_credentials SET last_time_step = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND ${newer}`, [
            timeStep,
            usedAt,
            credentialId,
            userId,
            timeStep,
          ]);
          if (moved !== 1) throw new StepTaken();
          // Read after the update: the row is locked now, so no other code's offset is lost.
          const [row] = await tx.all<Row>('SELECT recent_offsets FROM totp_credentials WHERE id = ?', [credentialId]);
          await tx.run('UPDATE totp_credentials SET recent_offsets = ? WHERE id = ?', [
            withOffset(json<number[]>(row!.recent_offsets)),
            credentialId,
          ]);
          return true;
        });
      } catch (e) {
        if (e instanceof StepTaken) return false;
        throw e;
      }
    },

    async sweepTotpSteps(before) {
      await db.run('DELETE FROM totp_used_steps WHERE used_at < ?', [before.toISOString()]);
    },
  };
}

const countBackupCodes = (db: SqlStatements, userId: string) =>
  count(db, 'SELECT COUNT(*) AS n FROM backup_codes WHERE user_id = ? AND used_at IS NULL', [userId]);

function sqlBackupCodes(db: SqlDriver): BackupCodeStore {
  /** Answers how many codes were new: a code the user has, used or not, stays as it is. */
  async function insertBackupCodes(on: SqlStatements, userId: string, codeHashes: string[], now: Date): Promise<number> {
    if (codeHashes.length > 0) await markSecondFactor(on, userId, now);
    let added = 0;
    for (const hash of codeHashes) {
      added += await on.run(
        'INSERT INTO backup_codes (user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL) ON CONFLICT (user_id, code_hash) DO NOTHING',
        [userId, hash, now.toISOString()],
      );
    }
    return added;
  }

  return {
    async replaceBackupCodes(userId, codeHashes, now) {
      await db.transaction(async (tx) => {
        await tx.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
        await insertBackupCodes(tx, userId, codeHashes, now);
      });
    },

    addBackupCodes(userId, codeHashes, now) {
      return db.transaction((tx) => insertBackupCodes(tx, userId, codeHashes, now));
    },

    createBackupCodes(userId, codeHashes, now) {
      return db.transaction(async (tx) => {
        // Writing the user row first locks it (Postgres row lock, SQLite write lock) until commit,
        // so two enrolments finishing at once cannot both find no codes and both hand some out.
        await tx.run('UPDATE users SET updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
        if ((await countBackupCodes(tx, userId)) > 0) return false;
        await insertBackupCodes(tx, userId, codeHashes, now);
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

/**
 * VALUES names its columns column1… in SQLite and Postgres alike. A user deleted after the login is
 * skipped, not an error; so is the row of a token made before its user's devices were forgotten
 * (revoked before it landed). On Postgres the statement holds the users' rows against a revocation
 * or a deletion under way, and reads them again once it is done: without it, a row read before
 * either committed landed after it (or failed its foreign key, and the whole chunk with it).
 */
const insertDeviceTokens = chunkedInsert<DeviceTokenRecord>(
  (rows, kind) =>
    `INSERT INTO device_tokens (id, user_id, created_at, expires_at) SELECT v.column1, v.column2, v.column3, v.column4 FROM (VALUES ${valuesOf(rows, 4)}) AS v
     JOIN users u ON u.id = v.column2 WHERE u.devices_forgotten_at IS NULL OR u.devices_forgotten_at < v.column3${kind === 'postgres' ? ' FOR SHARE OF u' : ''}`,
  (t) => [t.id, t.userId, t.createdAt, t.expiresAt],
);

function sqlDeviceTokens(db: SqlDriver): DeviceTokenStore {
  return {
    addDeviceTokens(tokens) {
      return insertDeviceTokens(db, tokens);
    },

    findDeviceToken(id, now) {
      return one(db, 'SELECT * FROM device_tokens WHERE id = ? AND expires_at > ?', [id, now.toISOString()], toDeviceToken);
    },

    async deleteDeviceTokens(userId, now) {
      // First the time (never moved back), then the rows: a token made before it and still on its way is refused when it arrives.
      const at = now.toISOString();
      await db.run('UPDATE users SET devices_forgotten_at = ? WHERE id = ? AND (devices_forgotten_at IS NULL OR devices_forgotten_at < ?)', [
        at,
        userId,
        at,
      ]);
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
      return db.transaction(async (tx) => {
        const backupCodesRemoved = await countBackupCodes(tx, userId);
        const totpRemoved = (await tx.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
        await tx.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
        await tx.run('UPDATE users SET mfa_since = NULL, updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
        return { totpRemoved, backupCodesRemoved };
      });
    },
  };
}
