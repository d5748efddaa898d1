import type { SqlDriver } from '../driver.js';
import type { ClientRecord, ClientStore, NewClient } from '../ports/clients.js';
import { isUniqueViolation, json, one, str, strOrNull, type Row } from './rows.js';

function toClient(r: Row): ClientRecord {
  return {
    clientId: str(r.client_id),
    name: str(r.name),
    allowedOrigins: json(r.allowed_origins),
    clientSecretHash: strOrNull(r.client_secret_hash),
    sequence: json(r.sequence),
    acrSequences: json(r.acr_sequences),
    defaultAcr: str(r.default_acr),
    allowPhoneEnrollment: Number(r.allow_phone_enrollment) === 1,
    allowTotpEnrollment: Number(r.allow_totp_enrollment) === 1,
    redirectUris: json(r.redirect_uris),
    postLogoutRedirectUris: json(r.post_logout_redirect_uris),
    public: Number(r.public_client) === 1,
    logoUri: strOrNull(r.logo_uri),
    cssUri: strOrNull(r.css_uri),
    passkeyAlone: Number(r.passkey_alone) === 1,
    trustDeviceDays: Number(r.trust_device_days ?? 0),
    scopes: json(r.scopes),
    version: Number(r.version),
    createdAt: str(r.created_at),
  };
}

const COLUMNS =
  'client_id, name, allowed_origins, client_secret_hash, sequence, acr_sequences, default_acr, allow_phone_enrollment, allow_totp_enrollment, ' +
  'redirect_uris, post_logout_redirect_uris, public_client, logo_uri, css_uri, passkey_alone, trust_device_days, scopes';
const PLACES = COLUMNS.split(',')
  .map(() => '?')
  .join(', ');
/** Every column but the key, for an update in the order of COLUMNS. */
const SETS = COLUMNS.split(', ')
  .slice(1)
  .map((c) => `${c} = ?`)
  .join(', ');

/** In the order of COLUMNS. */
const values = (c: NewClient): unknown[] => [
  c.clientId,
  c.name,
  JSON.stringify(c.allowedOrigins),
  c.clientSecretHash,
  JSON.stringify(c.sequence),
  JSON.stringify(c.acrSequences),
  c.defaultAcr,
  c.allowPhoneEnrollment ? 1 : 0,
  c.allowTotpEnrollment ? 1 : 0,
  JSON.stringify(c.redirectUris),
  JSON.stringify(c.postLogoutRedirectUris),
  c.public ? 1 : 0,
  c.logoUri,
  c.cssUri,
  c.passkeyAlone ? 1 : 0,
  c.trustDeviceDays,
  JSON.stringify(c.scopes),
];

export function sqlClients(db: SqlDriver): ClientStore {
  const getClient = (clientId: string) => one(db, 'SELECT * FROM clients WHERE client_id = ?', [clientId], toClient);
  return {
    getClient,

    async upsertClient(c, now) {
      await db.run(
        `INSERT INTO clients (${COLUMNS}, created_at) VALUES (${PLACES}, ?)
         ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins,
           client_secret_hash = excluded.client_secret_hash, sequence = excluded.sequence, acr_sequences = excluded.acr_sequences,
           default_acr = excluded.default_acr, allow_phone_enrollment = excluded.allow_phone_enrollment,
           allow_totp_enrollment = excluded.allow_totp_enrollment, redirect_uris = excluded.redirect_uris,
           post_logout_redirect_uris = excluded.post_logout_redirect_uris, public_client = excluded.public_client,
           logo_uri = excluded.logo_uri, css_uri = excluded.css_uri, passkey_alone = excluded.passkey_alone,
           trust_device_days = excluded.trust_device_days, scopes = excluded.scopes,
           version = clients.version + 1`,
        [...values(c), now.toISOString()],
      );
      return (await getClient(c.clientId))!;
    },

    async createClient(c, now) {
      try {
        await db.run(`INSERT INTO clients (${COLUMNS}, created_at) VALUES (${PLACES}, ?)`, [...values(c), now.toISOString()]);
      } catch (e) {
        if (isUniqueViolation(e)) return null;
        throw e;
      }
      return getClient(c.clientId);
    },

    async replaceClientIfVersion(c, version) {
      const [, ...rest] = values(c);
      const changed = await db.run(`UPDATE clients SET ${SETS}, version = version + 1 WHERE client_id = ? AND version = ?`, [
        ...rest,
        c.clientId,
        version,
      ]);
      return changed === 1 ? getClient(c.clientId) : null;
    },

    async listClients() {
      return (await db.all('SELECT * FROM clients ORDER BY client_id')).map(toClient);
    },

    async deleteClient(clientId) {
      return (await db.run('DELETE FROM clients WHERE client_id = ?', [clientId])) === 1;
    },
  };
}
