import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceTokens, deviceTokenId, type DeviceTokens } from '../../../server/auth/device-tokens.js';
import { parseConfig } from '../../../server/config.js';
import { createKeyring } from '../../../server/crypto/keyring.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import type { DeviceTokenRecord, Store } from '../../../server/store/types.js';
import { captureLogs, type CapturedLogs } from '../../support/logs.js';

const keyring = createKeyring(Buffer.alloc(32, 7));
const t0 = new Date('2026-12-01T10:00:00.000Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);

describe('device tokens', () => {
  let dir: string;
  let store: Store;
  let logs: CapturedLogs;
  let writes: DeviceTokenRecord[][];
  let failWrites: boolean;
  let stall: Promise<void> | null;
  let release = () => {};
  let tokens: DeviceTokens;
  let alice: string;
  let bob: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-device-tokens-'));
    store = openSqliteStore(path.join(dir, 'store.db'));
    await store.migrate();
    alice = (await store.createUser({ username: 'alice', displayName: 'Alice', passwordHash: 'h' }, t0)).id;
    bob = (await store.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h' }, t0)).id;
    logs = captureLogs();
    writes = [];
    failWrites = false;
    stall = null;
    // The real store, its writes counted (and failed on demand).
    const counted: Store = Object.create(store);
    counted.addDeviceTokens = async (batch) => {
      writes.push(batch);
      await stall;
      if (failWrites) throw new Error('disk full');
      return store.addDeviceTokens(batch);
    };
    const config = parseConfig({ password: { deviceTokenTtlDays: 30 } });
    tokens = createDeviceTokens({ store: counted, keyring, config, logger: logs.logger });
  });

  afterEach(async () => {
    release();
    await tokens.flush();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts a token at once for its own user only, before and after its row is written', async () => {
    const token = tokens.issue(alice, t0);
    // Its issue time (so that new rows go to the end of the id index), then 256 random bits.
    expect(token).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{43}$/);
    expect(token.slice(0, 9)).toBe(t0.getTime().toString(36).padStart(9, '0'));
    expect(writes).toEqual([]);
    expect(await tokens.trusted(token, alice, t0)).toEqual({ id: expect.any(String), expiresAt: days(30).toISOString() });
    expect(await tokens.trusted(token, bob, t0)).toBeNull();
    expect(await tokens.trusted(token, undefined, t0)).toBeNull();
    await tokens.flush();
    expect(await tokens.trusted(token, alice, days(29))).not.toBeNull();
    expect(await tokens.trusted(token, alice, days(30))).toBeNull();
    expect(await tokens.trusted('not-a-token', alice, t0)).toBeNull();
    expect(await tokens.trusted(undefined, alice, t0)).toBeNull();
  });

  it('still trusts a token issued before tokens led with their time', async () => {
    const old = 'q'.repeat(43);
    await store.addDeviceTokens([{ id: deviceTokenId(keyring, old), userId: alice, createdAt: t0.toISOString(), expiresAt: days(30).toISOString() }]);
    expect(deviceTokenId(keyring, old)).toBe(keyring.hash(old, 'device-token'));
    expect(await tokens.trusted(old, alice, t0)).not.toBeNull();
    expect(await tokens.trusted(`${'0'.repeat(9)}${old}`, alice, t0)).toBeNull();
  });

  it('writes the rows of logins close together in one batch, a moment later', async () => {
    const issued = [tokens.issue(alice, t0), tokens.issue(bob, t0), tokens.issue(alice, t0)];
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(writes.map((batch) => batch.length)).toEqual([3]);
    expect(writes[0]!.every((row) => row.id.startsWith(t0.getTime().toString(36).padStart(9, '0')))).toBe(true);
    expect(JSON.stringify(writes)).not.toContain(issued[0]);
    for (const [i, user] of [alice, bob, alice].entries()) expect(await store.findDeviceToken(writes[0]![i]!.id, t0)).toMatchObject({ userId: user });
  });

  it('forgets the tokens still on their way to the store too, and counts them', async () => {
    await tokens.flush();
    const written = tokens.issue(alice, t0);
    await tokens.flush();
    const waiting = tokens.issue(alice, t0);
    const bobs = tokens.issue(bob, t0);
    expect(await tokens.forget(alice, t0)).toBe(2);
    expect(await tokens.trusted(written, alice, t0)).toBeNull();
    expect(await tokens.trusted(waiting, alice, t0)).toBeNull();
    expect(await tokens.trusted(bobs, bob, t0)).not.toBeNull();
  });

  it('logs a failed write without the tokens, and those devices are then unknown ones', async () => {
    failWrites = true;
    const token = tokens.issue(alice, t0);
    await tokens.flush();
    expect(await tokens.trusted(token, alice, t0)).toBeNull();
    expect(logs.lines()).toEqual([
      expect.objectContaining({ level: 40, err: 'disk full', tokens: 1, msg: 'device tokens not stored: those devices are unknown ones' }),
    ]);
    expect(logs.text()).not.toContain(token);
  });

  it('no longer trusts a token dropped from a full queue while the store hangs, and forgets it', async () => {
    stall = new Promise((resolve) => {
      release = resolve;
    });
    // 64 taken by the hung write, then 10,000 held: the 10 issued after them push out the oldest 10 held.
    const issued = Array.from({ length: 64 + 10_000 + 10 }, () => tokens.issue(alice, t0));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(writes.map((batch) => batch.length)).toEqual([64]);
    const dropped = issued[64]!;
    expect(await tokens.trusted(dropped, alice, t0)).toBeNull();
    expect(await tokens.trusted(issued[74]!, alice, t0)).not.toBeNull();
    const full = 'device token queue full: the oldest were dropped';
    expect(logs.lines()).toEqual([
      expect.objectContaining({ level: 40, dropped: 1, msg: full }),
      expect.objectContaining({ level: 40, dropped: 10, msg: full }),
    ]);
    stall = null;
    release();
    expect(await tokens.forget(alice, t0)).toBe(10_064);
    expect(await tokens.trusted(dropped, alice, t0)).toBeNull();
    expect(await tokens.trusted(issued.at(-1)!, alice, t0)).toBeNull();
  });

  it("skips a deleted user's token and stores the rest of its batch", async () => {
    const gone = tokens.issue(bob, t0);
    const kept = tokens.issue(alice, t0);
    await store.deleteUser(bob);
    await tokens.flush();
    expect(await tokens.trusted(gone, bob, t0)).toBeNull();
    expect(await tokens.trusted(kept, alice, t0)).not.toBeNull();
    expect(logs.lines()).toEqual([]);
  });
});
