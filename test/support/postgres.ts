import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test database: trust auth on 127.0.0.1, database `test`. */
export const postgresUrl = process.env.MFA_LOGIN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  url: string;
  /** A fresh random name; the store creates the schema when it migrates. */
  schema: string;
  drop(): Promise<void>;
}

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    // A missing database must fail the Postgres half loudly, never skip it.
    throw new Error(
      `Postgres is not reachable at ${postgresUrl} (${(e as Error).message}). ` +
        'Start it with trust auth and a database "test", or set MFA_LOGIN_TEST_DATABASE_URL.',
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Reserves a schema name no other test uses; `drop` removes it with everything in it. */
export async function testSchema(): Promise<TestSchema> {
  const schema = `mfa_test_${randomBytes(6).toString('hex')}`;
  await withClient(async () => undefined);
  return {
    url: postgresUrl,
    schema,
    drop: () => withClient(async (c) => void (await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`))),
  };
}
