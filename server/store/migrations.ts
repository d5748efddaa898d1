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
    version: 10,
    name: 'admin api',
    // `version` is what an ETag names: every change bumps it, so If-Match can refuse a stale write.
    sql: `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE clients ADD COLUMN scopes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clients ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`,
  },
];
