import { randomUUID } from 'node:crypto';
import type { SqlDriver } from './driver.js';
import { migrations } from './migrations.js';
import {
  UsernameTakenError,
  type ClientRecord,
  type Counter,
  type DeviceTokenRecord,
  type FlowRecord,
  type NewUser,
  type SigningKeyRecord,
  type Store,
  type TotpCredential,
  type UserPatch,
  type UserRecord,
} from './types.js';

type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;

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
    createdAt: str(r.created_at),
    updatedAt: str(r.updated_at),
  };
}

function toTotp(r: Row): TotpCredential {
  return {
    id: str(r.id),
    userId: str(r.user_id),
    sealedSecret: str(r.sealed_secret),
    algorithm: str(r.algorithm) as TotpCredential['algorithm'],
    digits: Number(r.digits),
    period: Number(r.period),
    lastTimeStep: r.last_time_step === null ? null : Number(r.last_time_step),
    createdAt: str(r.created_at),
  };
}

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
    createdAt: str(r.created_at),
  };
}

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

function toFlow(r: Row): FlowRecord {
  return {
    id: str(r.id),
    kind: str(r.kind) as FlowRecord['kind'],
    clientId: str(r.client_id),
    sequence: json(r.sequence),
    acr: str(r.acr),
    stepIndex: Number(r.step_index),
    status: str(r.status) as FlowRecord['status'],
    userId: strOrNull(r.user_id),
    methods: json(r.methods),
    nonce: strOrNull(r.nonce),
    loginHint: strOrNull(r.login_hint),
    ip: strOrNull(r.ip),
    createdAt: str(r.created_at),
    expiresAt: str(r.expires_at),
    authTime: strOrNull(r.auth_time),
    data: json(r.data),
    result: r.result === null ? null : json(r.result),
    version: Number(r.version),
  };
}

function toDeviceToken(r: Row): DeviceTokenRecord {
  return { id: str(r.id), userId: str(r.user_id), createdAt: str(r.created_at), expiresAt: str(r.expires_at) };
}

const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** Windows of different lengths that start together (a minute and an hour at 10:00) are two counters. */
const counterKey = (key: string, windowSeconds: number) => `${key}@${windowSeconds}s`;

/** One SQL provider for SQLite and Postgres; the drivers differ only in how they talk. */
export class SqlStore implements Store {
  constructor(private readonly db: SqlDriver) {}

  get kind() {
    return this.db.kind;
  }

  async migrate(): Promise<void> {
    // One locked transaction: instances starting together see each other's work, never half of it.
    await this.db.transaction(async () => {
      await this.db.lockForMigration();
      await this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await this.db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await this.db.exec(m.sql);
        await this.db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      }
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async ping(): Promise<void> {
    await this.db.all('SELECT 1 FROM schema_migrations LIMIT 1');
  }

  private async one<T>(sql: string, params: unknown[], map: (r: Row) => T): Promise<T | null> {
    const [row] = await this.db.all(sql, params);
    return row ? map(row) : null;
  }

  async createUser(user: NewUser, now: Date): Promise<UserRecord> {
    const t = now.toISOString();
    const id = randomUUID();
    try {
      await this.db.run(
        'INSERT INTO users (id, username, display_name, password_hash, phone, email, sms_disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, user.username, user.displayName, user.passwordHash, user.phone ?? null, user.email ?? null, user.smsDisabled ? 1 : 0, t, t],
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw new UsernameTakenError(user.username);
      throw e;
    }
    return (await this.getUser(id))!;
  }

  getUser(id: string) {
    return this.one('SELECT * FROM users WHERE id = ?', [id], toUser);
  }

  findUserByUsername(username: string) {
    return this.one('SELECT * FROM users WHERE username = ?', [username], toUser);
  }

  async listUsers() {
    return (await this.db.all('SELECT * FROM users ORDER BY username')).map(toUser);
  }

  async updateUser(id: string, patch: UserPatch, now: Date): Promise<UserRecord> {
    const columns: Record<keyof UserPatch, string> = {
      displayName: 'display_name',
      passwordHash: 'password_hash',
      phone: 'phone',
      email: 'email',
      smsDisabled: 'sms_disabled',
      mfaSince: 'mfa_since',
    };
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of Object.entries(columns) as [keyof UserPatch, string][]) {
      if (patch[key] === undefined) continue;
      sets.push(`${column} = ?`);
      params.push(key === 'smsDisabled' ? (patch[key] ? 1 : 0) : patch[key]);
    }
    sets.push('updated_at = ?');
    params.push(now.toISOString(), id);
    await this.db.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, params);
    const user = await this.getUser(id);
    if (!user) throw new Error(`no user ${id}`);
    return user;
  }

  async markSecondFactor(userId: string, now: Date) {
    await this.db.run('UPDATE users SET mfa_since = ? WHERE id = ? AND mfa_since IS NULL', [now.toISOString(), userId]);
  }

  async enrollPhone(userId: string, phone: string, now: Date) {
    const t = now.toISOString();
    const changed = await this.db.run('UPDATE users SET phone = ?, mfa_since = COALESCE(mfa_since, ?), updated_at = ? WHERE id = ? AND phone IS NULL', [phone, t, t, userId]);
    return changed === 1;
  }

  async deleteUser(id: string) {
    return this.db.transaction(async () => {
      await this.db.run('DELETE FROM totp_credentials WHERE user_id = ?', [id]);
      await this.db.run('DELETE FROM backup_codes WHERE user_id = ?', [id]);
      await this.db.run('DELETE FROM device_tokens WHERE user_id = ?', [id]);
      return (await this.db.run('DELETE FROM users WHERE id = ?', [id])) === 1;
    });
  }

  getTotp(userId: string) {
    return this.one('SELECT * FROM totp_credentials WHERE user_id = ?', [userId], toTotp);
  }

  async setTotp(c: Parameters<Store['setTotp']>[0], now: Date): Promise<TotpCredential> {
    await this.db.transaction(async () => {
      await this.db.run('DELETE FROM totp_credentials WHERE user_id = ?', [c.userId]);
      await this.insertTotp(c, now);
    });
    return (await this.getTotp(c.userId))!;
  }

  async createTotp(c: Parameters<Store['createTotp']>[0], now: Date): Promise<TotpCredential | null> {
    return (await this.insertTotp(c, now)) === 1 ? this.getTotp(c.userId) : null;
  }

  /** One credential per user (unique index): a second insert changes nothing. */
  private insertTotp(c: Parameters<Store['createTotp']>[0], now: Date): Promise<number> {
    return this.db.run(
      'INSERT INTO totp_credentials (id, user_id, sealed_secret, algorithm, digits, period, last_time_step, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING',
      [randomUUID(), c.userId, c.sealedSecret, c.algorithm, c.digits, c.period, c.lastTimeStep ?? null, now.toISOString()],
    );
  }

  async deleteTotp(userId: string) {
    return (await this.db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
  }

  async useTotpStep(credentialId: string, timeStep: number) {
    const changed = await this.db.run(
      'UPDATE totp_credentials SET last_time_step = ? WHERE id = ? AND (last_time_step IS NULL OR last_time_step < ?)',
      [timeStep, credentialId, timeStep],
    );
    return changed === 1;
  }

  async replaceBackupCodes(userId: string, codeHashes: string[], now: Date) {
    await this.db.transaction(async () => {
      await this.db.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
      await this.insertBackupCodes(userId, codeHashes, now);
    });
  }

  addBackupCodes(userId: string, codeHashes: string[], now: Date) {
    return this.db.transaction(() => this.insertBackupCodes(userId, codeHashes, now));
  }

  async createBackupCodes(userId: string, codeHashes: string[], now: Date) {
    return this.db.transaction(async () => {
      // Writing the user row first locks it (Postgres row lock, SQLite write lock) until commit,
      // so two enrolments finishing at once cannot both find no codes and both hand some out.
      await this.db.run('UPDATE users SET updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
      if ((await this.countBackupCodes(userId)) > 0) return false;
      await this.insertBackupCodes(userId, codeHashes, now);
      return true;
    });
  }

  async resetSecondFactors(userId: string, now: Date) {
    return this.db.transaction(async () => {
      const backupCodesRemoved = await this.countBackupCodes(userId);
      const totpRemoved = (await this.db.run('DELETE FROM totp_credentials WHERE user_id = ?', [userId])) > 0;
      await this.db.run('DELETE FROM backup_codes WHERE user_id = ?', [userId]);
      await this.db.run('UPDATE users SET mfa_since = NULL, updated_at = ? WHERE id = ?', [now.toISOString(), userId]);
      return { totpRemoved, backupCodesRemoved };
    });
  }

  /** Answers how many codes were new: a code the user has, used or not, stays as it is. */
  private async insertBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<number> {
    if (codeHashes.length > 0) await this.markSecondFactor(userId, now);
    let added = 0;
    for (const hash of codeHashes) {
      added += await this.db.run(
        'INSERT INTO backup_codes (user_id, code_hash, created_at, used_at) VALUES (?, ?, ?, NULL) ON CONFLICT (user_id, code_hash) DO NOTHING',
        [userId, hash, now.toISOString()],
      );
    }
    return added;
  }

  async countBackupCodes(userId: string) {
    const [row] = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM backup_codes WHERE user_id = ? AND used_at IS NULL', [userId]);
    return Number(row?.n ?? 0);
  }

  async consumeBackupCode(userId: string, codeHash: string, now: Date) {
    const changed = await this.db.run('UPDATE backup_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [
      now.toISOString(),
      userId,
      codeHash,
    ]);
    return changed === 1;
  }

  async releaseBackupCode(userId: string, codeHash: string, usedAt: Date) {
    await this.db.run('UPDATE backup_codes SET used_at = NULL WHERE user_id = ? AND code_hash = ? AND used_at = ?', [userId, codeHash, usedAt.toISOString()]);
  }

  async upsertClient(c: Omit<ClientRecord, 'createdAt'>, now: Date): Promise<ClientRecord> {
    await this.db.run(
      `INSERT INTO clients (client_id, name, allowed_origins, client_secret_hash, sequence, acr_sequences, default_acr, allow_phone_enrollment, allow_totp_enrollment, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, allowed_origins = excluded.allowed_origins,
         client_secret_hash = excluded.client_secret_hash, sequence = excluded.sequence, acr_sequences = excluded.acr_sequences,
         default_acr = excluded.default_acr, allow_phone_enrollment = excluded.allow_phone_enrollment,
         allow_totp_enrollment = excluded.allow_totp_enrollment`,
      [
        c.clientId,
        c.name,
        JSON.stringify(c.allowedOrigins),
        c.clientSecretHash,
        JSON.stringify(c.sequence),
        JSON.stringify(c.acrSequences),
        c.defaultAcr,
        c.allowPhoneEnrollment ? 1 : 0,
        c.allowTotpEnrollment ? 1 : 0,
        now.toISOString(),
      ],
    );
    return (await this.getClient(c.clientId))!;
  }

  getClient(clientId: string) {
    return this.one('SELECT * FROM clients WHERE client_id = ?', [clientId], toClient);
  }

  async listClients() {
    return (await this.db.all('SELECT * FROM clients ORDER BY client_id')).map(toClient);
  }

  async deleteClient(clientId: string) {
    return (await this.db.run('DELETE FROM clients WHERE client_id = ?', [clientId])) === 1;
  }

  async addSigningKey(k: Omit<SigningKeyRecord, 'retiredAt'>) {
    await this.db.run('INSERT INTO signing_keys (kid, alg, sealed_private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)', [
      k.kid,
      k.alg,
      k.sealedPrivateJwk,
      JSON.stringify(k.publicJwk),
      k.createdAt,
    ]);
  }

  addFirstSigningKey(k: Omit<SigningKeyRecord, 'retiredAt'>) {
    return this.db.transaction(async () => {
      // Instances starting together on an empty store take turns here, so they all end up with one key.
      await this.db.lock('signing-keys');
      const [row] = await this.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM signing_keys WHERE alg = ?', [k.alg]);
      if (Number(row?.n ?? 0) > 0) return false;
      await this.addSigningKey(k);
      return true;
    });
  }

  async listSigningKeys() {
    return (await this.db.all('SELECT * FROM signing_keys ORDER BY created_at DESC, kid DESC')).map(toKey);
  }

  async retireSigningKeys(kid: string, now: Date) {
    const [key] = await this.db.all<{ created_at: string }>('SELECT created_at FROM signing_keys WHERE kid = ?', [kid]);
    if (!key) throw new Error(`no signing key ${kid}`);
    await this.db.run(
      'UPDATE signing_keys SET retired_at = ? WHERE retired_at IS NULL AND (created_at < ? OR (created_at = ? AND kid < ?))',
      [now.toISOString(), key.created_at, key.created_at, kid],
    );
  }

  async deleteSigningKeysRetiredBefore(before: Date) {
    return this.db.run('DELETE FROM signing_keys WHERE retired_at IS NOT NULL AND retired_at < ?', [before.toISOString()]);
  }

  async createFlow(f: FlowRecord) {
    await this.db.run(
      `INSERT INTO flows (id, kind, client_id, sequence, acr, step_index, status, user_id, methods, nonce, login_hint, ip, created_at, expires_at, auth_time, data, result, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        f.id,
        f.kind,
        f.clientId,
        JSON.stringify(f.sequence),
        f.acr,
        f.stepIndex,
        f.status,
        f.userId,
        JSON.stringify(f.methods),
        f.nonce,
        f.loginHint,
        f.ip,
        f.createdAt,
        f.expiresAt,
        f.authTime,
        JSON.stringify(f.data),
        f.result === null ? null : JSON.stringify(f.result),
        f.version,
      ],
    );
  }

  getFlow(id: string) {
    return this.one('SELECT * FROM flows WHERE id = ?', [id], toFlow);
  }

  async saveFlow(f: FlowRecord) {
    const changed = await this.db.run(
      `UPDATE flows SET step_index = ?, status = ?, user_id = ?, methods = ?, auth_time = ?, data = ?, result = ?, expires_at = ?, version = version + 1
       WHERE id = ? AND version = ?`,
      [
        f.stepIndex,
        f.status,
        f.userId,
        JSON.stringify(f.methods),
        f.authTime,
        JSON.stringify(f.data),
        f.result === null ? null : JSON.stringify(f.result),
        f.expiresAt,
        f.id,
        f.version,
      ],
    );
    if (changed === 1) f.version += 1;
    return changed === 1;
  }

  async addDeviceToken(token: Omit<DeviceTokenRecord, 'createdAt'>, now: Date) {
    await this.db.run('INSERT INTO device_tokens (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [token.id, token.userId, now.toISOString(), token.expiresAt]);
  }

  findDeviceToken(id: string, now: Date) {
    return this.one('SELECT * FROM device_tokens WHERE id = ? AND expires_at > ?', [id, now.toISOString()], toDeviceToken);
  }

  deleteDeviceTokens(userId: string) {
    return this.db.run('DELETE FROM device_tokens WHERE user_id = ?', [userId]);
  }

  async sweep(before: Date) {
    // Several instances may sweep at once: each deleted row is answered to one of them only.
    const gone = await this.db.all<{ client_id: string; acr: string; kind: string; status: string }>(
      'DELETE FROM flows WHERE expires_at < ? RETURNING client_id, acr, kind, status',
      [before.toISOString()],
    );
    await this.db.run('DELETE FROM device_tokens WHERE expires_at < ?', [before.toISOString()]);
    const dayAgo = new Date(before.getTime() - 86_400_000);
    await this.db.run('DELETE FROM counters WHERE window_start < ?', [dayAgo.toISOString()]);
    return gone.filter((row) => (row.kind === 'login' || row.kind === 'step-up') && row.status === 'pending').map((row) => ({ clientId: row.client_id, acr: row.acr }));
  }

  private windowStart(windowSeconds: number, now: Date): Date {
    const ms = windowSeconds * 1000;
    return new Date(Math.floor(now.getTime() / ms) * ms);
  }

  async hit(key: string, windowSeconds: number, now: Date): Promise<Counter> {
    const start = this.windowStart(windowSeconds, now);
    const [row] = await this.db.all<{ count: number }>(
      'INSERT INTO counters (key, window_start, count) VALUES (?, ?, 1) ON CONFLICT (key, window_start) DO UPDATE SET count = counters.count + 1 RETURNING count',
      [counterKey(key, windowSeconds), start.toISOString()],
    );
    return { count: Number(row?.count ?? 1), resetAt: new Date(start.getTime() + windowSeconds * 1000) };
  }

  async refund(key: string, windowSeconds: number, at: Date): Promise<void> {
    await this.db.run('UPDATE counters SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0', [
      counterKey(key, windowSeconds),
      this.windowStart(windowSeconds, at).toISOString(),
    ]);
  }

  async peek(key: string, windowSeconds: number, now: Date): Promise<Counter> {
    const start = this.windowStart(windowSeconds, now);
    const [row] = await this.db.all<{ count: number }>('SELECT count FROM counters WHERE key = ? AND window_start = ?', [
      counterKey(key, windowSeconds),
      start.toISOString(),
    ]);
    return { count: Number(row?.count ?? 0), resetAt: new Date(start.getTime() + windowSeconds * 1000) };
  }
}
