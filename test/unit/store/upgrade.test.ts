import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../server/store/migrations.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';

const T = '2026-11-01T10:00:00.000Z';

describe('upgrading a database made by an earlier version', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** A database at `version`, with the rows `seed` writes, as that version left it. */
  function databaseAt(version: number, seed: (db: Database.Database) => void): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-upgrade-'));
    dirs.push(dir);
    const file = path.join(dir, 'old.db');
    const db = new Database(file);
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= version)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, T);
    }
    seed(db);
    db.close();
    return file;
  }

  it('marks users who already had an authenticator or backup codes, and no one else', async () => {
    const file = databaseAt(2, (db) => {
      const user = db.prepare(
        'INSERT INTO users (id, username, display_name, password_hash, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      user.run('u-totp', 'tess', 'Tess', 'h', null, T, T);
      user.run('u-codes', 'cody', 'Cody', 'h', null, T, T);
      user.run('u-phone', 'phil', 'Phil', 'h', '+12015550123', T, T);
      db.prepare("INSERT INTO totp_credentials VALUES ('c1', 'u-totp', 's', 'sha1', 6, 30, NULL, ?)").run(T);
      db.prepare("INSERT INTO backup_codes VALUES ('u-codes', 'h1', ?, ?)").run(T, T);
    });
    const store = openSqliteStore(file);
    try {
      await store.migrate();
      const since = Object.fromEntries((await store.listUsers()).map((u) => [u.username, u.mfaSince]));
      // A phone an admin set is no sign that the user ever used it: phil may still enrol on first use.
      expect(since).toEqual({ cody: T, phil: null, tess: T });
    } finally {
      await store.close();
    }
  });

  it('gives live token-grant and settings rows of version 1 their own kind, so the flow API does not answer them', async () => {
    const file = databaseAt(1, (db) => {
      const flow = db.prepare(
        "INSERT INTO flows (id, client_id, sequence, acr, step_index, status, methods, created_at, expires_at, data, version) VALUES (?, 'app', '[]', ?, 0, 'pending', '[]', ?, ?, '{\"attempts\":{}}', 1)",
      );
      flow.run('f-login', 'mfa', T, T);
      flow.run('f-grant', 'urn:mfa-login:acr:sms-otp', T, T);
      flow.run('f-settings', 'self-service', T, T);
    });
    const store = openSqliteStore(file);
    try {
      await store.migrate();
      expect((await store.getFlow('f-login'))!.kind).toBe('login');
      expect((await store.getFlow('f-grant'))!.kind).toBe('sms-otp');
      expect((await store.getFlow('f-settings'))!.kind).toBe('self-service');
    } finally {
      await store.close();
    }
  });

  it('keeps the one authenticator a user had, named "Authenticator", with its last step used for the user', async () => {
    const file = databaseAt(6, (db) => {
      db.prepare(
        "INSERT INTO users (id, username, display_name, password_hash, created_at, updated_at) VALUES ('u1', 'tess', 'Tess', 'h', ?, ?)",
      ).run(T, T);
      db.prepare("INSERT INTO totp_credentials VALUES ('c1', 'u1', 's', 'sha1', 6, 30, 59000000, ?)").run(T);
    });
    const store = openSqliteStore(file);
    try {
      await store.migrate();
      expect(await store.listTotp('u1')).toEqual([
        {
          id: 'c1',
          userId: 'u1',
          name: 'Authenticator',
          sealedSecret: 's',
          algorithm: 'sha1',
          digits: 6,
          period: 30,
          lastTimeStep: 59_000_000,
          recentOffsets: [],
          createdAt: T,
          lastUsedAt: null,
        },
      ]);
      const second = await store.addTotp(
        { userId: 'u1', name: 'Token', sealedSecret: 't', algorithm: 'sha1', digits: 6, period: 30 },
        new Date(),
        10,
      );
      expect(second).not.toBeNull();
      expect(await store.useTotpStep({ userId: 'u1', credentialId: second!.id, timeStep: 59_000_000, offset: 0 }, new Date())).toBe(false);
    } finally {
      await store.close();
    }
  });
});
