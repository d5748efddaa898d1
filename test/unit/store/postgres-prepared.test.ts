import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../server/store/postgres.js';
import type { Store } from '../../../server/store/types.js';
import { postgresUrl, testSchema, type TestSchema } from '../../support/postgres.js';

const t0 = new Date('2026-12-02T10:00:00.000Z');

/** Runs `work` while every query a pg client sends, and every error it answers, is recorded. */
async function watched(work: () => Promise<unknown>) {
  const sent: { name?: string; text: string }[] = [];
  const failed: { code?: string }[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (typeof args[0] === 'object' && args[0] !== null) sent.push(args[0] as { name?: string; text: string });
    // The pool hands its queries a callback; a client in a transaction is awaited.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function')
      args[last] = (e: { code?: string } | undefined, ...rest: unknown[]) => {
        if (e) failed.push(e);
        return callback(e, ...rest);
      };
    const answer = (query as (...a: unknown[]) => unknown).apply(this, args);
    if (answer instanceof Promise) answer.catch((e: { code?: string }) => failed.push(e));
    return answer;
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return { sent, failed };
}

/** Postgres refusing a plan prepared before its table changed. */
const stalePlans = (failed: { code?: string }[]) => failed.filter((e) => e.code === '0A000').length;
/** More than the pool's connections, so that every one of them has prepared the statements. */
const PARALLEL = 24;

describe('Postgres statements prepared once per connection', () => {
  let schema: TestSchema;
  let store: Store;
  /** Another instance's connection: it migrates the schema under the running store. */
  let other: pg.Client;
  let userIds: string[];

  beforeAll(async () => {
    schema = await testSchema();
    store = openPostgresStore(schema.url, schema.schema);
    await store.migrate();
    other = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema.schema}` });
    await other.connect();
    userIds = [];
    for (let i = 0; i < PARALLEL; i++)
      userIds.push((await store.createUser({ username: `user${i}`, displayName: `User ${i}`, passwordHash: 'h' }, t0)).id);
  });

  afterAll(async () => {
    await other.end();
    await store.close();
    await schema.drop();
  });

  const setTotpForAll = (secret: string) =>
    Promise.all(userIds.map((userId) => store.setTotp({ userId, sealedSecret: secret, algorithm: 'sha1', digits: 6, period: 30 }, t0)));

  it('are sent by name: a connection parses and plans a text once', async () => {
    const { sent } = await watched(async () => {
      await store.getUser(userIds[0]!);
      await store.getUser(userIds[1]!);
    });
    const reads = sent.filter((q) => q.text.startsWith('SELECT * FROM users WHERE id = $1'));
    expect(reads).toHaveLength(2);
    expect(reads[0]!.name).toEqual(expect.any(String));
    expect(reads[1]!.name).toBe(reads[0]!.name);
  });

  it('are sent unnamed with preparedStatements off (a pooler that cannot keep them)', async () => {
    const unprepared = openPostgresStore(schema.url, schema.schema, { preparedStatements: false });
    try {
      const { sent } = await watched(() => unprepared.getUser(userIds[0]!));
      const reads = sent.filter((q) => q.text.startsWith('SELECT * FROM users WHERE id = $1'));
      expect(reads).toHaveLength(1);
      expect(reads[0]!.name).toBeUndefined();
    } finally {
      await unprepared.close();
    }
  });

  it('keep answering after another instance adds a column under them, inside a transaction', async () => {
    // Every connection prepares the authenticator read back inside setTotp's transaction.
    await setTotpForAll('before');
    await other.query('ALTER TABLE totp_credentials ADD COLUMN added_by_a_later_release TEXT');
    // Postgres refuses the plans prepared before (their rows changed shape): the transaction runs again.
    let made: Awaited<ReturnType<typeof setTotpForAll>> = [];
    const { failed } = await watched(async () => {
      made = await setTotpForAll('after');
    });
    expect(stalePlans(failed)).toBeGreaterThan(0);
    expect(made.map((c) => c.sealedSecret)).toEqual(userIds.map(() => 'after'));
    // The transactions that ran again did their work once: one authenticator each.
    for (const id of userIds) expect((await store.listTotp(id)).map((c) => c.sealedSecret)).toEqual(['after']);
  });

  it('keep answering after another instance adds a column under them, outside a transaction', async () => {
    await Promise.all(userIds.map((id) => store.getUser(id)));
    await other.query('ALTER TABLE users ADD COLUMN added_by_a_later_release TEXT');
    let users: Awaited<ReturnType<Store['getUser']>>[] = [];
    const { failed } = await watched(async () => {
      users = await Promise.all(userIds.map((id) => store.getUser(id)));
    });
    expect(stalePlans(failed)).toBeGreaterThan(0);
    expect(users.map((u) => u?.username)).toEqual(userIds.map((_, i) => `user${i}`));
  });
});
