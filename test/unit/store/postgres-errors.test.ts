import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../server/store/postgres.js';
import { postgresAddress } from '../../../server/store/postgres-errors.js';
import { StoreError } from '../../../server/store/types.js';
import { postgresUrl } from '../../support/postgres.js';

/** The test server's URL with another database and a password that must never be shown. */
function withDatabase(database: string): string {
  const url = new URL(postgresUrl);
  url.password = 'n0t-to-be-printed';
  url.pathname = `/${database}`;
  return url.href;
}

describe('Postgres failures name the store, the server and the cause', () => {
  it('a database that does not exist: refused, with SQLSTATE, without the password', async () => {
    const store = openPostgresStore(withDatabase('mfa_login_no_such_db'));
    try {
      const failure = await store.migrate().then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(StoreError);
      const { hostname, port } = new URL(postgresUrl);
      expect((failure as Error).message).toBe(
        `store: Postgres at ${hostname}:${port || '5432'} refused the connection: database "mfa_login_no_such_db" does not exist (3D000)`,
      );
      expect((failure as Error).message).not.toContain('n0t-to-be-printed');
    } finally {
      await store.close();
    }
  });

  it('names host and port from the URL only', () => {
    expect(postgresAddress('postgres://login:secret@db/login')).toBe('db:5432');
    expect(postgresAddress('postgresql://u:p@10.0.0.5:6432/x')).toBe('10.0.0.5:6432');
    expect(postgresAddress('postgres:///login?host=/var/run/postgresql')).toBe('/var/run/postgresql');
    expect(postgresAddress('not a url with a p@ssword')).toBe('the configured server');
  });
});
