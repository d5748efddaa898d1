import type { SqlDriver } from '../driver.js';
import type { AuthorizationCodeRecord, LoginSessionRecord, OidcStore } from '../ports/oidc.js';
import { json, one, str, strOrNull, type Row } from './rows.js';

const toCode = (r: Row): AuthorizationCodeRecord => ({
  codeHash: str(r.code_hash),
  clientId: str(r.client_id),
  grant: json(r.grant_data),
  createdAt: str(r.created_at),
  expiresAt: str(r.expires_at),
  usedAt: strOrNull(r.used_at),
  issuedJti: strOrNull(r.issued_jti),
});

const toSession = (r: Row): LoginSessionRecord => ({
  idHash: str(r.id_hash),
  userId: str(r.user_id),
  methods: json(r.methods),
  authTime: str(r.auth_time),
  createdAt: str(r.created_at),
  expiresAt: str(r.expires_at),
});

export function sqlOidc(db: SqlDriver): OidcStore {
  return {
    async createAuthorizationCode(c) {
      await db.run(
        'INSERT INTO authorization_codes (code_hash, client_id, grant_data, created_at, expires_at, used_at, issued_jti) VALUES (?, ?, ?, ?, ?, NULL, NULL)',
        [c.codeHash, c.clientId, JSON.stringify(c.grant), c.createdAt, c.expiresAt],
      );
    },

    async useAuthorizationCode(codeHash, jti, now) {
      const won = await db.run('UPDATE authorization_codes SET used_at = ?, issued_jti = ? WHERE code_hash = ? AND used_at IS NULL', [
        now.toISOString(),
        jti,
        codeHash,
      ]);
      const record = await one(db, 'SELECT * FROM authorization_codes WHERE code_hash = ?', [codeHash], toCode);
      return record ? { record, first: won === 1 } : null;
    },

    async createLoginSession(s) {
      await db.run('INSERT INTO login_sessions (id_hash, user_id, methods, auth_time, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        s.idHash,
        s.userId,
        JSON.stringify(s.methods),
        s.authTime,
        s.createdAt,
        s.expiresAt,
      ]);
    },

    getLoginSession: (idHash) => one(db, 'SELECT * FROM login_sessions WHERE id_hash = ?', [idHash], toSession),

    async deleteLoginSession(idHash) {
      await db.run('DELETE FROM login_sessions WHERE id_hash = ?', [idHash]);
    },

    async revokeToken(jti, expiresAt) {
      await db.run('INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING', [jti, expiresAt.toISOString()]);
    },

    async isTokenRevoked(jti) {
      return (await db.all('SELECT 1 FROM revoked_tokens WHERE jti = ?', [jti])).length > 0;
    },

    async sweepOidc(before) {
      const at = before.toISOString();
      await db.run('DELETE FROM authorization_codes WHERE expires_at < ?', [at]);
      await db.run('DELETE FROM login_sessions WHERE expires_at < ?', [at]);
      await db.run('DELETE FROM revoked_tokens WHERE expires_at < ?', [at]);
    },
  };
}
