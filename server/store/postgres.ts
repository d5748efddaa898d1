import { createRequire } from 'node:module';
import type pg from 'pg';
import type { SqlDriver, SqlStatements } from './driver.js';
import { explainPostgresError } from './postgres-errors.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './types.js';

/** `?` → `$n`, skipping quoted text. */
function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Statements worth preparing: the store's reads and writes, not DDL or a one-off. */
const PREPARABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;
/** Texts past this many are rewritten on every call and run unprepared: neither the map nor a connection grows without bound. */
const MAX_STATEMENTS = 500;

/**
 * Another instance added a column (a migration) to a table whose `SELECT *` this connection had
 * prepared: Postgres refuses to run the old plan (SQLSTATE 0A000).
 */
const isStalePlan = (e: unknown) =>
  (e as { code?: unknown })?.code === '0A000' && /cached plan must not change result type/.test(String((e as Error).message));

/** Loaded when a Postgres store opens: a server on SQLite never pays for the driver at start-up. */
const loadPg = () => createRequire(import.meta.url)('pg') as typeof pg;

class PostgresDriver implements SqlDriver {
  readonly kind = 'postgres' as const;
  private readonly pool: pg.Pool;
  /**
   * Each text the store sends, with its placeholders numbered once and its statement name: a
   * connection parses and plans a text once, then only binds and runs it (a login step's
   * statements cost the server and the event loop far less). A new `generation` names every
   * text afresh, so each connection prepares it again.
   */
  private readonly statements = new Map<string, { text: string; name?: string }>();
  private generation = 0;

  constructor(
    private readonly url: string,
    private readonly schema: string,
    private readonly prepare: boolean,
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

  private statement(sql: string, values: unknown[]): pg.QueryConfig {
    let known = this.statements.get(sql);
    if (known === undefined) {
      const text = numberPlaceholders(sql);
      known = this.prepare && PREPARABLE.test(text) ? { text, name: `mfa_login_${this.generation}_${this.statements.size}` } : { text };
      if (this.statements.size < MAX_STATEMENTS) this.statements.set(sql, known);
      else delete known.name;
    }
    return { ...known, values };
  }

  /** Prepared statements are named afresh: each connection parses every text again. */
  private forgetPrepared(): void {
    this.generation++;
    this.statements.clear();
  }

  /** `runner`: the pool, or a transaction's client. */
  private async query(runner: pg.Pool | pg.PoolClient, sql: string, params: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.explained(runner.query(this.statement(sql, params)));
    } catch (e) {
      if (!isStalePlan(e)) throw e;
      this.forgetPrepared();
      // In a transaction the failure aborted it: `transaction` runs it again from the start.
      if (runner !== this.pool) throw e;
      return this.explained(runner.query(this.statement(sql, params)));
    }
  }

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.query(this.pool, sql, params)).rows as T[];
  }

  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.query(this.pool, sql, params)).rowCount ?? 0;
  }

  /** A transaction's handle: every statement on its client, a nested transaction joining it. */
  private on(client: pg.PoolClient): SqlStatements {
    const tx: SqlStatements = {
      kind: 'postgres',
      all: async <T>(sql: string, params: unknown[] = []) => (await this.query(client, sql, params)).rows as T[],
      run: async (sql, params = []) => (await this.query(client, sql, params)).rowCount ?? 0,
      transaction: (fn) => fn(tx),
      exec: async (sql) => {
        await this.explained(client.query(sql));
      },
      lockForMigration: () => this.lockForMigrationOn(tx),
      lock: (name) => this.lockOn(tx, name),
    };
    return tx;
  }

  async transaction<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T> {
    try {
      return await this.attempt(fn);
    } catch (e) {
      // Rolled back whole: once its statements are named afresh, the same transaction runs again.
      if (!isStalePlan(e)) throw e;
      return this.attempt(fn);
    }
  }

  private async attempt<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T> {
    const client = await this.explained(this.pool.connect());
    try {
      await client.query('BEGIN');
      const result = await fn(this.on(client));
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
    await this.explained(this.pool.query(sql));
  }

  lock(name: string): Promise<void> {
    return this.lockOn(this, name);
  }

  lockForMigration(): Promise<void> {
    return this.lockForMigrationOn(this);
  }

  private async lockOn(on: SqlStatements, name: string): Promise<void> {
    await on.all('SELECT pg_advisory_xact_lock(hashtext(?))', [`mfa-login ${name} ${this.schema}`]);
  }

  private async lockForMigrationOn(on: SqlStatements): Promise<void> {
    // Held until the migration transaction ends; CREATE SCHEMA IF NOT EXISTS alone races.
    await this.lockOn(on, 'migrations');
    // Even IF NOT EXISTS needs the CREATE privilege, which a role using public may lack.
    if (this.schema !== 'public') await on.exec(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Postgres for several server instances on one database. */
export function openPostgresStore(url: string, schema = 'public', { preparedStatements = true } = {}): Store {
  return sqlStore(new PostgresDriver(url, schema, preparedStatements));
}
