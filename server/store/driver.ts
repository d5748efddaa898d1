/**
 * What the store's statements run on: the driver itself, or a transaction's handle, which
 * `transaction` hands its body. A body runs every statement through its handle: one issued
 * through the driver instead waits for the transaction to end (on SQLite, for good).
 */
export interface SqlStatements {
  readonly kind: 'sqlite' | 'postgres';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Answers the number of rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** Runs `fn` in one transaction; on a transaction's handle, `fn` joins it. */
  transaction<T>(fn: (tx: SqlStatements) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  /**
   * Called first inside the migration transaction: holds off other instances migrating the
   * same database until it commits, and creates what the tables live in.
   */
  lockForMigration(): Promise<void>;
  /** Inside a transaction: holds off other instances' `lock(name)` until the transaction ends. */
  lock(name: string): Promise<void>;
}

/** The little a SQL store needs from a database; `?` placeholders in every dialect. */
export interface SqlDriver extends SqlStatements {
  close(): Promise<void>;
  /** Runs the migrations (`migrate`) with the connection set up for bulk work, and back after. */
  forMigrations?<T>(run: () => Promise<T>): Promise<T>;
}
