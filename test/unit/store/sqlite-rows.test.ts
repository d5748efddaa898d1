import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../../../server/store/sqlite.js';

/**
 * The driver reads rows as arrays and makes the objects itself: each row must still be a plain
 * object named by the statement's columns, as the store's code reads it, whatever the statement.
 */
describe('the SQLite driver: rows as objects named by their columns', () => {
  let dir: string;
  let db: SqliteDriver;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-rows-'));
    db = new SqliteDriver(path.join(dir, 'rows.db'));
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, r REAL, b BLOB, maybe TEXT)');
    await db.run('INSERT INTO t VALUES (?, ?, ?, ?, ?)', ['a', 7, 1.5, Buffer.from([1, 2]), null]);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers each column by name with its value, and nothing else', async () => {
    const rows = await db.all('SELECT * FROM t');
    expect(rows).toEqual([{ id: 'a', n: 7, r: 1.5, b: Buffer.from([1, 2]), maybe: null }]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'n', 'r', 'b', 'maybe']);
  });

  it('answers several rows, none, and the rows a write returns', async () => {
    await db.run('INSERT INTO t (id, n) VALUES (?, ?)', ['b', 8]);
    expect(await db.all('SELECT id, n FROM t ORDER BY id')).toEqual([
      { id: 'a', n: 7 },
      { id: 'b', n: 8 },
    ]);
    expect(await db.all('SELECT id FROM t WHERE id = ?', ['none'])).toEqual([]);
    expect(await db.all('UPDATE t SET n = n + 1 WHERE id = ? RETURNING id, n AS after', ['a'])).toEqual([{ id: 'a', after: 8 }]);
  });

  it('reads a column added or renamed after the statement was first run', async () => {
    expect(await db.all('SELECT * FROM t')).toEqual([expect.not.objectContaining({ added: expect.anything() })]);
    await db.exec("ALTER TABLE t ADD COLUMN added TEXT NOT NULL DEFAULT 'x'");
    expect(await db.all('SELECT * FROM t')).toEqual([expect.objectContaining({ id: 'a', added: 'x' })]);
    await db.exec('ALTER TABLE t RENAME COLUMN maybe TO perhaps');
    const [row] = await db.all('SELECT * FROM t');
    expect(row).toHaveProperty('perhaps', null);
    expect(row).not.toHaveProperty('maybe');
  });

  it('keeps the last of two columns of one name, and a column named __proto__ as a column', async () => {
    expect(await db.all('SELECT 1 AS x, 2 AS x')).toEqual([{ x: 2 }]);
    const [row] = await db.all<Record<string, unknown>>('SELECT 1 AS "__proto__", 2 AS y');
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe(1);
    expect(row!.y).toBe(2);
  });

  it('answers the same rows in a process that forbids code made from strings', async () => {
    const driver = new URL('../../../server/store/sqlite.ts', import.meta.url).href;
    const script = `import { SqliteDriver } from ${JSON.stringify(driver)};
const db = new SqliteDriver(':memory:');
await db.exec('CREATE TABLE t (id TEXT, n INTEGER)');
await db.run('INSERT INTO t VALUES (?, ?)', ['a', 1]);
console.log(JSON.stringify(await db.all('SELECT * FROM t')));
await db.close();`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('../../..', import.meta.url)), timeout: 20_000 },
    );
    expect(JSON.parse(stdout)).toEqual([{ id: 'a', n: 1 }]);
  });
});
