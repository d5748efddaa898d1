import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../server/store/postgres.js';
import type { DeviceTokenRecord, Store } from '../../../server/store/types.js';
import { testSchema, type TestSchema } from '../../support/postgres.js';

const t0 = new Date('2026-12-01T10:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000).toISOString();
const token = (id: string, userId: string, madeAt: number): DeviceTokenRecord => ({ id, userId, createdAt: at(madeAt), expiresAt: at(86_400) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

/** Rows of device tokens that arrive (a moment after their logins) while another instance's transaction is under way. */
describe('Postgres: device tokens arriving during a revocation or a deletion', () => {
  let db: TestSchema;
  let store: Store;
  let other: pg.Client;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    db = await testSchema();
    store = openPostgresStore(db.url, db.schema);
    await store.migrate();
    alice = (await store.createUser({ username: 'alice', displayName: 'Alice', passwordHash: 'h' }, t0)).id;
    bob = (await store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h' }, t0)).id;
    other = new pg.Client({ connectionString: db.url });
    await other.connect();
    await other.query(`SET search_path TO "${db.schema}"`);
  });

  afterEach(async () => {
    await other.end();
    await store.close();
    await db.drop();
  });

  it('refuses a token made before a revocation that commits while its row is being written', async () => {
    await other.query('BEGIN');
    await other.query('UPDATE users SET devices_forgotten_at = $1 WHERE id = $2', [at(10), alice]);
    await other.query('DELETE FROM device_tokens WHERE user_id = $1', [alice]);
    const landing = store.addDeviceTokens([token('alices', alice, 5), token('bobs', bob, 5)]);
    await settle();
    await other.query('COMMIT');
    await landing;
    expect(await store.findDeviceToken('alices', t0)).toBeNull();
    expect(await store.findDeviceToken('bobs', t0)).toMatchObject({ userId: bob });
  });

  it("keeps the rest of a batch when one user's deletion commits while it is written", async () => {
    await other.query('BEGIN');
    await other.query('DELETE FROM users WHERE id = $1', [bob]);
    const landing = store.addDeviceTokens([token('alices', alice, 5), token('bobs', bob, 5)]);
    await settle();
    await other.query('COMMIT');
    await expect(landing).resolves.toBeUndefined();
    expect(await store.findDeviceToken('alices', t0)).toMatchObject({ userId: alice });
    expect(await store.findDeviceToken('bobs', t0)).toBeNull();
  });
});
