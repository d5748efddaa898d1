import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SqlDriver } from './driver.js';
import { SqlStore } from './sql-store.js';

class SqliteDriver implements SqlDriver {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  /** Transactions queue up: an async body must not share BEGIN with another request's body. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const stmt = this.db.prepare(sql);
    return (stmt.reader ? stmt.all(...params) : (stmt.run(...params), [])) as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return this.db.prepare(sql).run(...params).changes;
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn();
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** The embedded default store: one file, WAL mode. */
export function openSqliteStore(file: string): SqlStore {
  return new SqlStore(new SqliteDriver(file));
}
