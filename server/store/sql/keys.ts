import type { SqlDriver, SqlStatements } from '../driver.js';
import type { KeyStore, NewSigningKey, SigningKeyRecord } from '../ports/keys.js';
import { count, json, str, strOrNull, type Row } from './rows.js';

function toKey(r: Row): SigningKeyRecord {
  return {
    kid: str(r.kid),
    alg: str(r.alg),
    sealedPrivateJwk: str(r.sealed_private_jwk),
    publicJwk: json(r.public_jwk),
    createdAt: str(r.created_at),
    retiredAt: strOrNull(r.retired_at),
  };
}

export function sqlKeys(db: SqlDriver): KeyStore {
  async function insertKey(on: SqlStatements, k: NewSigningKey) {
    await on.run('INSERT INTO signing_keys (kid, alg, sealed_private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      k.kid,
      k.alg,
      k.sealedPrivateJwk,
      JSON.stringify(k.publicJwk),
      k.createdAt,
    ]);
  }
  return {
    addSigningKey: (k) => insertKey(db, k),

    addFirstSigningKey(k) {
      return db.transaction(async (tx) => {
        // Instances starting together on an empty store take turns here, so they all end up with one key.
        await tx.lock('signing-keys');
        if ((await count(tx, 'SELECT COUNT(*) AS n FROM signing_keys WHERE alg = ?', [k.alg])) > 0) return false;
        await insertKey(tx, k);
        return true;
      });
    },

    async listSigningKeys() {
      return (await db.all('SELECT * FROM signing_keys ORDER BY created_at DESC, kid DESC')).map(toKey);
    },

    async retireSigningKeys(kid, now) {
      const [key] = await db.all<{ created_at: string }>('SELECT created_at FROM signing_keys WHERE kid = ?', [kid]);
      if (!key) throw new Error(`no signing key ${kid}`);
      await db.run('UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND (created_at < ? OR (created_at = ? AND kid < ?))', [
        now.toISOString(),
        key.created_at,
        key.created_at,
        kid,
      ]);
    },

    deleteSigningKeysRetiredBefore(before) {
      return db.run('DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?', [before.toISOString()]);
    },
  };
}
