import type { SqlDriver } from '../driver.js';
import type { DeviceTokenRecord, DeviceTokenStore } from '../ports/credentials.js';
import { one, str, type Row } from './rows.js';

const toDeviceToken = (r: Row): DeviceTokenRecord => ({ id: str(r.id), userId: str(r.user_id), createdAt: str(r.created_at), expiresAt: str(r.expires_at) });

export function sqlDeviceTokens(db: SqlDriver): DeviceTokenStore {
  return {
    async addDeviceToken(token, now) {
      await db.run('INSERT INTO device_tokens (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [token.id, token.userId, now.toISOString(), token.expiresAt]);
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
