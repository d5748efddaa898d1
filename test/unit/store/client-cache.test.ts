import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientRecord } from '../../../server/clients.js';
import { createKeyring } from '../../../server/crypto/keyring.js';
import { CLIENT_CACHE_MS, cachedClients } from '../../../server/store/client-cache.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import type { Store } from '../../../server/store/types.js';

const t0 = new Date('2026-12-02T10:00:00.000Z');
/** A client as the config file's defaults make it. */
const app = clientRecord(
  { clientId: 'app', name: 'App', allowedOrigins: ['https://app.example'], sequence: [['password'], ['totp']] },
  createKeyring(Buffer.alloc(32, 1)),
);

describe('client reads for the login steps', () => {
  let dir: string;
  let file: string;
  /** The same database through a second connection: another instance, or the CLI. */
  let other: Store;
  let base: Store;
  let clock = 0;
  let clients: ReturnType<typeof cachedClients>;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-client-cache-'));
    file = path.join(dir, 'store.db');
    base = openSqliteStore(file);
    await base.migrate();
    other = openSqliteStore(file);
    clock = 0;
    clients = cachedClients(base, () => clock);
    await clients.store.upsertClient(app, t0);
  });

  afterEach(async () => {
    await other.close();
    await base.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a client for a second: another instance's change applies after that", async () => {
    expect((await clients.read('app'))?.name).toBe('App');
    await other.upsertClient({ ...app, name: 'Renamed' }, t0);
    clock += CLIENT_CACHE_MS - 1;
    expect((await clients.read('app'))?.name).toBe('App');
    clock += 1;
    expect((await clients.read('app'))?.name).toBe('Renamed');
    // The store itself is never behind: what checks a secret or answers the admin API reads it.
    await other.upsertClient({ ...app, name: 'Again' }, t0);
    expect((await clients.store.getClient('app'))?.name).toBe('Again');
  });

  it('forgets every kept client on a write through this instance', async () => {
    await clients.read('app');
    await clients.store.upsertClient({ ...app, allowedOrigins: [] }, t0);
    expect((await clients.read('app'))?.allowedOrigins).toEqual([]);
    await clients.read('app');
    expect(await clients.store.deleteClient('app')).toBe(true);
    expect(await clients.read('app')).toBeNull();
  });

  it('keeps nothing from a read that overlapped a write', async () => {
    // A read that found the old row, then answered only after the write was done.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cachedClients(
      {
        ...base,
        getClient: async (id) => {
          const found = await base.getClient(id);
          await gate;
          return found;
        },
      },
      () => clock,
    );
    const reading = slow.read('app');
    await slow.store.upsertClient({ ...app, name: 'New' }, t0);
    release();
    expect((await reading)?.name).toBe('App');
    expect((await base.getClient('app'))?.name).toBe('New');
    // Had the old row been kept, this would answer 'App' for a second more.
    const next = slow.read('app');
    release();
    expect((await next)?.name).toBe('New');
  });

  it('keeps no unknown client: one made later is found at once', async () => {
    expect(await clients.read('later')).toBeNull();
    await other.upsertClient({ ...app, clientId: 'later' }, t0);
    expect((await clients.read('later'))?.clientId).toBe('later');
  });

  it('hands out a kept client that no caller can change for the others', async () => {
    const client = (await clients.read('app'))!;
    expect(() => {
      (client.allowedOrigins as string[]).push('https://evil.example');
    }).toThrow(TypeError);
    expect(() => {
      (client as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect((await clients.read('app'))?.allowedOrigins).toEqual(['https://app.example']);
  });
});
