import type { SqlDriver } from '../driver.js';
import type { TrustedDeviceRecord, TrustedDeviceStore } from '../ports/trusted-devices.js';
import { count, json, one, str, strOrNull, type Row } from './rows.js';

function toDevice(r: Row): TrustedDeviceRecord {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    clientId: str(r.client_id),
    publicJwk: json(r.public_jwk),
    name: str(r.name),
    createdAt: str(r.created_at),
    lastUsedAt: strOrNull(r.last_used_at),
    expiresAt: str(r.expires_at),
  };
}

export function sqlTrustedDevices(db: SqlDriver): TrustedDeviceStore {
  const get = (id: string, now: Date) => one(db, 'SELECT * FROM trusted_devices WHERE id = ? AND expires_at > ?', [id, now.toISOString()], toDevice);
  return {
    async addTrustedDevice(d, now) {
      const { kty, crv, x, y } = d.publicJwk;
      await db.run(
        'INSERT INTO trusted_devices (id, user_id, client_id, public_jwk, name, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
        [d.id, d.userId, d.clientId, JSON.stringify({ kty, crv, x, y }), d.name, now.toISOString(), d.expiresAt],
      );
      return (await get(d.id, new Date(0)))!;
    },

    getTrustedDevice: get,

    async listTrustedDevices(userId, now) {
      const rows = await db.all('SELECT * FROM trusted_devices WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC, id', [
        userId,
        now.toISOString(),
      ]);
      return rows.map(toDevice);
    },

    async hasTrustedDevice(userId, clientId, now) {
      return (
        (await count(db, 'SELECT COUNT(*) AS n FROM trusted_devices WHERE user_id = ? AND client_id = ? AND expires_at > ?', [
          userId,
          clientId,
          now.toISOString(),
        ])) > 0
      );
    },

    async touchTrustedDevice(id, now) {
      return (await db.run('UPDATE trusted_devices SET last_used_at = ? WHERE id = ?', [now.toISOString(), id])) === 1;
    },

    async deleteTrustedDevice(userId, id) {
      return (await db.run('DELETE FROM trusted_devices WHERE user_id = ? AND id = ?', [userId, id])) === 1;
    },

    deleteTrustedDevices(userId) {
      return db.run('DELETE FROM trusted_devices WHERE user_id = ?', [userId]);
    },

    async sweepTrustedDevices(before) {
      await db.run('DELETE FROM trusted_devices WHERE expires_at < ?', [before.toISOString()]);
    },
  };
}
