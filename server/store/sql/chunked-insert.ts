import type { SqlStatements } from '../driver.js';

/** Rows per INSERT: a batch goes in chunks of these sizes, so a handful of statement texts serve every batch. */
const CHUNKS = [64, 16, 4, 1];

/** `(?, ?), (?, ?)…`: `rows` rows of `columns` placeholders. */
export const valuesOf = (rows: number, columns: number): string =>
  Array.from({ length: rows }, () => `(${Array.from({ length: columns }, () => '?').join(', ')})`).join(', ');

/**
 * An insert of many rows to a statement, without a transaction: each statement is atomic, and a
 * transaction per batch held every other request's statement back while it ran. `insertOf(rows, kind)`
 * is the statement for that many rows in that database's dialect.
 */
export function chunkedInsert<T>(insertOf: (rows: number, kind: SqlStatements['kind']) => string, paramsOf: (item: T) => unknown[]) {
  const textsFor = (kind: SqlStatements['kind']) => new Map(CHUNKS.map((rows) => [rows, insertOf(rows, kind)]));
  const texts = { sqlite: textsFor('sqlite'), postgres: textsFor('postgres') };
  return async (db: SqlStatements, items: T[]): Promise<void> => {
    let next = 0;
    for (const rows of CHUNKS) {
      while (items.length - next >= rows) {
        await db.run(texts[db.kind].get(rows)!, items.slice(next, next + rows).flatMap(paramsOf));
        next += rows;
      }
    }
  };
}
