import { randomUUID } from 'node:crypto';
import type { SqlDriver } from '../driver.js';
import type { PasskeyRecord, PasskeyStore } from '../ports/passkeys.js';
import { json, one, str, strOrNull, type Row } from './rows.js';

function toPasskey(r: Row): PasskeyRecord {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    credentialId: str(r.credential_id),
    publicKey: str(r.public_key),
    counter: Number(r.counter),
    transports: json(r.transports),
    backupEligible: Number(r.backup_eligible) === 1,
    backedUp: Number(r.backed_up) === 1,
    name: str(r.name),
    createdAt: str(r.created_at),
    lastUsedAt: strOrNull(r.last_used_at),
  };
}

export function sqlPasskeys(db: SqlDriver): PasskeyStore {
  const byId = (id: string) => one(db, 'SELECT * FROM passkeys WHERE id = ?', [id], toPasskey);
  return {
    async listPasskeys(userId) {
      return (await db.all('SELECT * FROM passkeys WHERE user_id = ? ORDER BY created_at DESC, id', [userId])).map(toPasskey);
    },

    findPasskey: (credentialId) => one(db, 'SELECT * FROM passkeys WHERE credential_id = ?', [credentialId], toPasskey),

    async createPasskey(p, now) {
      const id = randomUUID();
      const added = await db.run(
        `INSERT INTO passkeys (id, user_id, credential_id, public_key, counter, transports, backup_eligible, backed_up, name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (credential_id) DO NOTHING`,
        [
          id,
          p.userId,
          p.credentialId,
          p.publicKey,
          p.counter,
          JSON.stringify(p.transports),
          p.backupEligible ? 1 : 0,
          p.backedUp ? 1 : 0,
          p.name,
          now.toISOString(),
        ],
      );
      return added === 1 ? byId(id) : null;
    },

    async usePasskey(id, seen, counter, backedUp, now) {
      // Compare-and-set on the counter read: of two uses with the same counter only one goes through.
      const changed = await db.run(
        'UPDATE passkeys SET counter = ?, backed_up = ?, last_used_at = ? WHERE id = ? AND counter = ? AND (? > counter OR (? = 0 AND counter = 0))',
        [counter, backedUp ? 1 : 0, now.toISOString(), id, seen, counter, counter],
      );
      return changed === 1;
    },

    async renamePasskey(userId, id, name) {
      return (await db.run('UPDATE passkeys SET name = ? WHERE id = ? AND user_id = ?', [name, id, userId])) === 1;
    },

    async deletePasskey(userId, id) {
      return (await db.run('DELETE FROM passkeys WHERE id = ? AND user_id = ?', [id, userId])) === 1;
    },
  };
}
