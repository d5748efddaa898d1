import type { SqlStatements } from '../driver.js';

export type Row = Record<string, unknown>;

export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;

/** The first row mapped, or null when there is none. */
export async function one<T>(db: SqlStatements, sql: string, params: unknown[], map: (r: Row) => T): Promise<T | null> {
  const [row] = await db.all(sql, params);
  return row ? map(row) : null;
}

export async function count(db: SqlStatements, sql: string, params: unknown[]): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql, params);
  return Number(row?.n ?? 0);
}

export const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string };
  return err.code === '23505' || err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** Sets `mfa_since` unless it is set already: users and credentials both mark the second factor. */
export async function markSecondFactor(db: SqlStatements, userId: string, now: Date): Promise<void> {
  await db.run('UPDATE users SET mfa_since = ? WHERE id = ? AND mfa_since IS NULL', [now.toISOString(), userId]);
}
