/**
 * Numbered migrations, identical for SQLite and Postgres: text timestamps (ISO 8601, UTC),
 * integer booleans and JSON as text keep one SQL provider for both.
 */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  sms_disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE totp_credentials (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sealed_secret TEXT NOT NULL,
  algorithm TEXT NOT NULL,
  digits INTEGER NOT NULL,
  period INTEGER NOT NULL,
  last_time_step INTEGER,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX totp_credentials_user ON totp_credentials(user_id);
CREATE TABLE backup_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL,
  client_secret_hash TEXT,
  sequence TEXT NOT NULL,
  acr_sequences TEXT NOT NULL,
  default_acr TEXT NOT NULL,
  allow_phone_enrollment INTEGER NOT NULL,
  allow_totp_enrollment INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE signing_keys (
  kid TEXT PRIMARY KEY,
  alg TEXT NOT NULL,
  sealed_private_jwk TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  created_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  sequence TEXT NOT NULL,
  acr TEXT NOT NULL,
  step_index INTEGER NOT NULL,
  status TEXT NOT NULL,
  user_id TEXT,
  methods TEXT NOT NULL,
  nonce TEXT,
  login_hint TEXT,
  ip TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  auth_time TEXT,
  data TEXT NOT NULL,
  result TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX flows_expires_at ON flows(expires_at);
CREATE TABLE counters (
  key TEXT NOT NULL,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
`,
  },
  {
    version: 2,
    name: 'flow kinds',
    sql: `ALTER TABLE flows ADD COLUMN kind TEXT NOT NULL DEFAULT 'login';`,
  },
  {
    version: 3,
    name: 'second factor marker',
    // Users with an authenticator or backup codes have used MFA already: no enrolment by password.
    sql: `ALTER TABLE users ADD COLUMN mfa_since TEXT;
UPDATE users SET mfa_since = updated_at WHERE id IN (SELECT user_id FROM totp_credentials) OR id IN (SELECT user_id FROM backup_codes);
UPDATE flows SET kind = 'sms-otp' WHERE kind = 'login' AND acr = 'urn:mfa-login:acr:sms-otp';
UPDATE flows SET kind = 'self-service' WHERE kind = 'login' AND acr = 'self-service';`,
  },
  {
    version: 4,
    name: 'device tokens',
    // Only the keyed hash of a token: a copy of the database holds no token that exempts a device.
    sql: `CREATE TABLE device_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX device_tokens_user ON device_tokens(user_id);
CREATE INDEX device_tokens_expires_at ON device_tokens(expires_at);`,
  },
  {
    version: 5,
    name: 'openid provider',
    // Codes, sessions and revoked tokens by keyed hash or id only: a copy of the database holds nothing to replay.
    sql: `ALTER TABLE clients ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN public_client INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN logo_uri TEXT;
ALTER TABLE clients ADD COLUMN css_uri TEXT;
CREATE TABLE authorization_codes (
  code_hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  grant_data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  issued_jti TEXT
);
CREATE INDEX authorization_codes_expires_at ON authorization_codes(expires_at);
CREATE TABLE login_sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  methods TEXT NOT NULL,
  auth_time TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX login_sessions_expires_at ON login_sessions(expires_at);
CREATE TABLE revoked_tokens (
  jti TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE INDEX revoked_tokens_expires_at ON revoked_tokens(expires_at);`,
  },
  {
    version: 6,
    name: 'passkeys',
    // Public keys only: a copy of the database lets nobody sign in with a passkey.
    sql: `CREATE TABLE passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  credential_id TEXT NOT NULL UNIQUE,
  public_key TEXT NOT NULL,
  counter BIGINT NOT NULL,
  transports TEXT NOT NULL,
  backup_eligible INTEGER NOT NULL,
  backed_up INTEGER NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX passkeys_user ON passkeys(user_id);
ALTER TABLE clients ADD COLUMN passkey_alone INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 7,
    name: 'several authenticators',
    // Time steps used per user (not per authenticator): a code is never accepted twice in one step
    // across a user's apps. The one authenticator a user had keeps working under a default name.
    sql: `DROP INDEX totp_credentials_user;
CREATE INDEX totp_credentials_user_id ON totp_credentials(user_id);
ALTER TABLE totp_credentials ADD COLUMN name TEXT NOT NULL DEFAULT 'Authenticator';
ALTER TABLE totp_credentials ADD COLUMN recent_offsets TEXT NOT NULL DEFAULT '[]';
ALTER TABLE totp_credentials ADD COLUMN last_used_at TEXT;
CREATE TABLE totp_used_steps (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  time_step INTEGER NOT NULL,
  credential_id TEXT NOT NULL,
  used_at TEXT NOT NULL,
  PRIMARY KEY (user_id, time_step)
);
INSERT INTO totp_used_steps (user_id, time_step, credential_id, used_at)
  SELECT user_id, last_time_step, id, created_at FROM totp_credentials WHERE last_time_step IS NOT NULL;`,
  },
  {
    version: 8,
    name: 'trusted devices',
    // Public keys only: the private key never leaves the browser (WebCrypto, not extractable).
    sql: `ALTER TABLE clients ADD COLUMN trust_device_days INTEGER NOT NULL DEFAULT 0;
CREATE TABLE trusted_devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  public_jwk TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  expires_at TEXT NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices(user_id);
CREATE INDEX trusted_devices_expires_at ON trusted_devices(expires_at);`,
  },
  {
    version: 9,
    name: 'audit events',
    // No foreign key to users: the record of what happened outlives a deleted account.
    sql: `CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  user_id TEXT,
  client_id TEXT,
  request_id TEXT,
  address TEXT,
  actor TEXT,
  details TEXT NOT NULL
);
CREATE INDEX audit_events_at ON audit_events(at, id);
CREATE INDEX audit_events_user ON audit_events(user_id, at, id);
CREATE INDEX audit_events_client ON audit_events(client_id, at, id);
CREATE INDEX audit_events_type ON audit_events(type, at, id);`,
  },
  {
    version: 10,
    name: 'admin api',
    // `version` is what an ETag names: every change bumps it, so If-Match can refuse a stale write.
    sql: `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE clients ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`,
  },
  {
    version: 11,
    name: 'used time steps swept by age',
    // Old steps go with the periodic sweep, not with every accepted code.
    sql: 'CREATE INDEX totp_used_steps_used_at ON totp_used_steps(used_at);',
  },
  {
    version: 12,
    name: 'devices forgotten at',
    // A device token's row is written a moment after its login: one made before its user's devices were forgotten must not land after.
    sql: 'ALTER TABLE users ADD COLUMN devices_forgotten_at TEXT;',
  },
];
