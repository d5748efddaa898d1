import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../driver.js';
import { UsernameTakenError, type UserPatch, type UserRecord, type UserStore } from '../ports/users.js';
import { isUniqueViolation, markSecondFactor, one, str, strOrNull, type Row } from './rows.js';

function toUser(r: Row): UserRecord {
  return {
    id: str(r.id),
    username: str(r.username),
    displayName: str(r.display_name),
    passwordHash: str(r.password_hash),
    phone: strOrNull(r.phone),
    email: strOrNull(r.email),
    smsDisabled: Number(r.sms_disabled) === 1,
    mfaSince: strOrNull(r.mfa_since),
    disabled: Number(r.disabled) === 1,
    version: Number(r.version),
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

const columns: Record<keyof UserPatch, string> = {
  displayName: 'display_name',
  passwordHash: 'password_hash',
  phone: 'phone',
  email: 'email',
  smsDisabled: 'sms_disabled',
  mfaSince: 'mfa_since',
  disabled: 'disabled',
};

const BOOLEANS = new Set<keyof UserPatch>(['smsDisabled', 'disabled']);

/** `SET …` for the patch, the version bumped: every change makes a new ETag. */
function setClause(patch: UserPatch, now: Date): { sql: string; params: unknown[] } {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, column] of Object.entries(columns) as [keyof UserPatch, string][]) {
    if (patch[key] === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(BOOLEANS.has(key) ? (patch[key] ? 1 : 0) : patch[key]);
  }
  sets.push('updated_at = ?', 'version = version + 1');
  params.push(now.toISOString());
  return { sql: sets.join(', '), params };
}

/** LIKE's own characters taken literally. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function sqlUsers(db: SqlDriver): UserStore {
  const getUser = (id: string) => one(db, 'SELECT * FROM users WHERE id = ?', [id], toUser);
  return {
    getUser,

    async createUser(user, now) {
      const t = now.toISOString();
      const id = randomUUID();
      try {
        await db.run(
          'INSERT INTO users (id, username, display_name, password_hash, phone, email, sms_disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, user.username, user.displayName, user.passwordHash, user.phone ?? null, user.email ?? null, user.smsDisabled ? 1 : 0, t, t],
        );
      } catch (e) {
        if (isUniqueViolation(e)) throw new UsernameTakenError(user.username);
        throw e;
      }
      return (await getUser(id))!;
    },

    findUserByUsername(username) {
      return one(db, 'SELECT * FROM users WHERE username = ?', [username], toUser);
    },

    async listUsers() {
      return (await db.all('SELECT * FROM users ORDER BY username')).map(toUser);
    },

    async updateUser(id, patch, now) {
      const set = setClause(patch, now);
      await db.run(`UPDATE users SET ${set.sql} WHERE id = ?`, [...set.params, id]);
      const user = await getUser(id);
      if (!user) throw new Error(`no user ${id}`);
      return user;
    },

    async updateUserIfVersion(id, version, patch, now) {
      const set = setClause(patch, now);
      const changed = await db.run(`UPDATE users SET ${set.sql} WHERE id = ? AND version = ?`, [...set.params, id, version]);
      return changed === 1 ? getUser(id) : null;
    },

    async searchUsers(q) {
      const filters: [string, unknown][] = [];
      if (q.after !== undefined) filters.push(['username > ?', q.after]);
      if (q.usernamePrefix !== undefined) filters.push(["username LIKE ? ESCAPE '\\'", likePrefix(q.usernamePrefix)]);
      if (q.email !== undefined) filters.push(['LOWER(email) = LOWER(?)', q.email]);
      if (q.phone !== undefined) filters.push(['phone = ?', q.phone]);
      const where = filters.map(([clause]) => clause);
      const params = filters.map(([, value]) => value);
      const sql = `SELECT * FROM users${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY username LIMIT ?`;
      return (await db.all(sql, [...params, q.limit])).map(toUser);
    },

    markSecondFactor: (userId, now) => markSecondFactor(db, userId, now),

    async enrollPhone(userId, phone, now) {
      const t = now.toISOString();
      const changed = await db.run(
        'UPDATE users SET phone = ?, mfa_since = COALESCE(mfa_since, ?), updated_at = ?, version = version + 1 WHERE id = ? AND phone IS NULL',
        [phone, t, t, userId],
      );
      return changed === 1;
    },

    deleteUser(id) {
      return db.transaction(async (tx) => {
        await tx.run('DELETE FROM totp_credentials WHERE user_id = ?', [id]);
        await tx.run('DELETE FROM backup_codes WHERE user_id = ?', [id]);
        await tx.run('DELETE FROM device_tokens WHERE user_id = ?', [id]);
        return (await tx.run('DELETE FROM users WHERE id = ?', [id])) === 1;
      });
    },
  };
}
