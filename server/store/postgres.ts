import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { SqlDriver } from './driver.js';
import { explainPostgresError } from './postgres-errors.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './types.js';

/** `?` → `$n`, skipping quoted text. */
function toNumbered(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

/** The texts a store sends are a fixed set (batched inserts vary in length only): each is rewritten once. */
const numbered = new Map<string, string>();
const MAX_NUMBERED = 1_000;

function numberPlaceholders(sql: string): string {
  let text = numbered.get(sql);
  if (text === undefined) {
    text = toNumbered(sql);
    if (numbered.size >= MAX_NUMBERED) numbered.clear();
    numbered.set(sql, text);
  }
  return text;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Loaded when a Postgres store opens: a server on SQLite never pays for the driver at start-up. */
const loadPg = () => createRequire(import.meta.url)('pg') as typeof pg;

class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  /** Statements inside `transaction` go to its client, wherever they are issued from. */
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();

  constructor(
    private readonly url: string,
    private readonly schema: string,
  ) {
    // Without a connect timeout an unanswering host holds a start-up (or a request) for minutes.
    this.pool = new (loadPg().Pool)({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      options: `-c search_path=${schema}`,
    });
  }

  private async explained<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (e) {
      throw explainPostgresError(this.url, e);
    }
  }

  private runner(): pg.Pool | pg.PoolClient {
    return this.tx.getStore() ?? this.pool;
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const res = await this.explained(this.runner().query(numberPlaceholders(sql), params));
    return res.rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    const res = await this.explained(this.runner().query(numberPlaceholders(sql), params));
    return res.rowCount ?? 0;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const existing = this.tx.getStore();
    if (existing) return fn();
    const client = await this.explained(this.pool.connect());
    try {
      await client.query('BEGIN');
      const result = await this.tx.run(client, fn);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async exec(sql: string): Promise<void> {
    await this.explained(this.runner().query(sql));
  }

  async lock(name: string): Promise<void> {
    await this.all('SELECT pg_advisory_xact_lock(hashtext(?))', [`mfa-login ${name} ${this.schema}`]);
  }

  async lockForMigration(): Promise<void> {
    // Held until the migration transaction ends; CREATE SCHEMA IF NOT EXISTS alone races.
    await this.lock('migrations');
    // Even IF NOT EXISTS needs the CREATE privilege, which a role using public may lack.
    if (this.schema !== 'public') await this.exec(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Postgres for several server instances on one database. */
export function openPostgresStore(url: string, schema = 'public'): Store {
  return sqlStore(new PostgresDriver(url, schema));
}
