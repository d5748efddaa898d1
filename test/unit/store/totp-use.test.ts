import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import type { Store } from '../../../server/store/types.js';

const t0 = new Date('2026-12-02T10:00:00.000Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

/** The statements SQLite ran while `work` ran, by their text. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
  const ran: string[] = [];
  const originals = Object.fromEntries(['run', 'all', 'get'].map((m) => [m, proto[m]!]));
  for (const [m, original] of Object.entries(originals))
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      ran.push(this.source);
      return original.apply(this, args);
    };
  try {
    await work();
  } finally {
    Object.assign(proto, originals);
  }
  return ran;
}

describe('recording an accepted TOTP code', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-totp-use-'));
    store = openSqliteStore(path.join(dir, 'store.db'));
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes one write while the offsets read with the authenticator are still stored, and reads them afresh when not', async () => {
    const user = await store.createUser({ username: 'alice', displayName: 'Alice', passwordHash: 'h' }, t0);
    const app = await store.setTotp({ userId: user.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, t0);
    const use = (timeStep: number, recentOffsets: number[]) => ({ userId: user.id, credentialId: app.id, timeStep, offset: 1, recentOffsets });

    const fresh = await statementsOf(() => store.useTotpStep(use(59_000_000, []), later(1)));
    expect(fresh.filter((sql) => sql.includes('totp_credentials'))).toEqual([expect.stringContaining('recent_offsets = ?')]);

    // Read before the use above: the stored offsets moved on, so they are read under the lock.
    const stale = await statementsOf(() => store.useTotpStep(use(59_000_001, []), later(31)));
    expect(stale.some((sql) => sql.startsWith('SELECT recent_offsets'))).toBe(true);
    expect((await store.getTotp(user.id))!.recentOffsets).toEqual([1, 1]);
  });
});
