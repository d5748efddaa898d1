import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from '../../support/server.js';
import { SqliteDriver } from '../../../server/store/sqlite.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the data folder and SQLite files are the server user’s alone', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-modes-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data folder 0700 and the database, its -wal and -shm and the key file 0600', async () => {
    const data = path.join(tmp(), 'data');
    const server = await startTestServer({
      store: { type: 'sqlite', path: path.join(data, 'mfa-login.db') },
      keyFile: path.join(data, 'mfa-login.key'),
    });
    try {
      // A write, so the -wal and -shm files exist.
      expect((await server.post('/api/v1/flows', { clientId: 'demo' })).status).toBe(201);
      expect(modeOf(data)).toBe(0o700);
      for (const file of ['mfa-login.db', 'mfa-login.db-wal', 'mfa-login.db-shm', 'mfa-login.key', 'demo-credentials.json']) {
        expect(modeOf(path.join(data, file)), file).toBe(0o600);
      }
    } finally {
      await server.stop();
    }
  });

  it('makes a database left readable by others (an older version’s) 0600 when it opens it', async () => {
    const file = path.join(tmp(), 'old.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (v TEXT)');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);
    const driver = new SqliteDriver(file);
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      expect(await driver.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
    } finally {
      await driver.close();
      old.close();
    }
  });

  it('leaves the mode of a folder it did not make as the operator set it', async () => {
    const shared = tmp();
    chmodSync(shared, 0o755);
    writeFileSync(path.join(shared, 'other-file'), '');
    const driver = new SqliteDriver(path.join(shared, 'x.db'));
    await driver.close();
    expect(modeOf(shared)).toBe(0o755);
    expect(modeOf(path.join(shared, 'x.db'))).toBe(0o600);
  });
});
