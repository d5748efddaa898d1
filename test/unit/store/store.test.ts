import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../server/store/postgres.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import { UsernameTakenError, type FlowRecord, type Store } from '../../../server/store/types.js';
import { testSchema } from '../../support/postgres.js';

interface Database {
  /** A new connection (a new "server instance") to the same database. */
  open(): Store;
  drop(): Promise<void>;
}

const backends: { name: string; fresh(): Promise<Database> }[] = [
  {
    name: 'SQLite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-store-'));
      return { open: () => openSqliteStore(path.join(dir, 'store.db')), drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'Postgres',
    async fresh() {
      const db = await testSchema();
      return { open: () => openPostgresStore(db.url, db.schema), drop: db.drop };
    },
  },
];

const t0 = new Date('2026-11-22T10:00:00.000Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function flowRecord(id: string, overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    id,
    kind: 'login',
    clientId: 'app',
    sequence: [['password'], ['sms', 'totp']],
    acr: 'mfa',
    stepIndex: 0,
    status: 'pending',
    userId: null,
    methods: [],
    nonce: 'n-0S6_WzA2Mj',
    loginHint: 'alice',
    ip: '203.0.113.7',
    createdAt: t0.toISOString(),
    expiresAt: later(600).toISOString(),
    authTime: null,
    data: { attempts: {} },
    result: null,
    version: 1,
    ...overrides,
  };
}

const exactlyOne = (results: boolean[]) => results.filter(Boolean).length;

describe.each(backends)('$name store', ({ fresh }) => {
  let db: Database;
  let store: Store;
  const others: Store[] = [];

  /** A second server instance on the same database. */
  async function instance(): Promise<Store> {
    const s = db.open();
    others.push(s);
    await s.migrate();
    return s;
  }

  const user = (username = 'alice') => store.createUser({ username, displayName: username, passwordHash: 'argon2id-hash' }, t0);

  beforeEach(async () => {
    db = await fresh();
    store = db.open();
    await store.migrate();
  });

  afterEach(async () => {
    await Promise.all([store, ...others.splice(0)].map((s) => s.close()));
    await db.drop();
  });

  describe('migrations', () => {
    it('does nothing the second time', async () => {
      await store.migrate();
      await user();
      await store.migrate();
      expect(await store.listUsers()).toHaveLength(1);
    });

    it('lets several instances migrate an empty database at the same moment', async () => {
      const second = await fresh();
      const stores = Array.from({ length: 4 }, () => second.open());
      try {
        await Promise.all(stores.map((s) => s.migrate()));
        await stores[0]!.createUser({ username: 'bob', displayName: 'Bob', passwordHash: 'h' }, t0);
        expect((await stores[3]!.listUsers()).map((u) => u.username)).toEqual(['bob']);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await second.drop();
      }
    });
  });

  describe('users', () => {
    it('creates a user with no phone, no e-mail and SMS allowed', async () => {
      const created = await store.createUser({ username: 'alice', displayName: 'Alice', passwordHash: 'h1' }, t0);
      expect(created).toEqual({
        id: expect.any(String),
        username: 'alice',
        displayName: 'Alice',
        passwordHash: 'h1',
        phone: null,
        email: null,
        smsDisabled: false,
        mfaSince: null,
        disabled: false,
        version: 1,
        createdAt: t0.toISOString(),
        updatedAt: t0.toISOString(),
      });
      expect(await store.getUser(created.id)).toEqual(created);
      expect(await store.findUserByUsername('alice')).toEqual(created);
    });

    it('answers null for an unknown id or username', async () => {
      expect(await store.getUser('no-such-id')).toBeNull();
      expect(await store.findUserByUsername('nobody')).toBeNull();
    });

    it('refuses a username that is taken', async () => {
      await user('alice');
      await expect(user('alice')).rejects.toBeInstanceOf(UsernameTakenError);
    });

    it('lists users by username', async () => {
      await user('carol');
      await user('alice');
      await user('bob');
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['alice', 'bob', 'carol']);
    });

    it('changes only the fields in a patch and stamps the change', async () => {
      const alice = await store.createUser(
        { username: 'alice', displayName: 'Alice', passwordHash: 'h1', phone: '+12015550123', email: 'a@example.com' },
        t0,
      );
      const changed = await store.updateUser(alice.id, { smsDisabled: true, email: null }, later(60));
      expect(changed).toMatchObject({ displayName: 'Alice', passwordHash: 'h1', phone: '+12015550123', email: null, smsDisabled: true });
      expect(changed.updatedAt).toBe(later(60).toISOString());
      expect(changed.createdAt).toBe(t0.toISOString());
      expect((await store.updateUser(alice.id, { smsDisabled: false, passwordHash: 'h2' }, later(61))).smsDisabled).toBe(false);
      expect((await store.getUser(alice.id))!.passwordHash).toBe('h2');
    });

    it('fails to update a user that does not exist', async () => {
      await expect(store.updateUser('no-such-id', { displayName: 'x' }, t0)).rejects.toThrow();
    });

    it('deletes a user with their authenticator and backup codes', async () => {
      const alice = await user();
      await store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, t0);
      await store.replaceBackupCodes(alice.id, ['c1', 'c2'], t0);
      expect(await store.deleteUser(alice.id)).toBe(true);
      expect(await store.getUser(alice.id)).toBeNull();
      expect(await store.getTotp(alice.id)).toBeNull();
      expect(await store.countBackupCodes(alice.id)).toBe(0);
      expect(await store.deleteUser(alice.id)).toBe(false);
    });
  });

  describe('users for the admin API', () => {
    it('bumps the version with every change and applies a versioned patch only to that version', async () => {
      const alice = await user();
      const once = await store.updateUser(alice.id, { displayName: 'A' }, later(1));
      expect(once.version).toBe(2);
      expect(await store.updateUserIfVersion(alice.id, 1, { displayName: 'stale' }, later(2))).toBeNull();
      const twice = await store.updateUserIfVersion(alice.id, 2, { disabled: true }, later(2));
      expect(twice).toMatchObject({ displayName: 'A', disabled: true, version: 3 });
      expect(await store.updateUserIfVersion('no-such-id', 1, { disabled: true }, later(3))).toBeNull();
    });

    it('lets exactly one of two writers holding the same version win', async () => {
      const alice = await user();
      const second = await instance();
      const results = await Promise.all([
        store.updateUserIfVersion(alice.id, 1, { displayName: 'one' }, later(1)),
        second.updateUserIfVersion(alice.id, 1, { displayName: 'two' }, later(1)),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect((await store.getUser(alice.id))!.version).toBe(2);
    });

    it('pages users by username and filters by username prefix, e-mail (any case) and phone', async () => {
      for (const name of ['carol', 'al_x', 'alice', 'bob', 'alfred']) await user(name);
      const bob = (await store.findUserByUsername('bob'))!;
      await store.updateUser(bob.id, { email: 'Bob@Example.com', phone: '+12015550123' }, later(1));
      const first = await store.searchUsers({ limit: 2 });
      expect(first.map((u) => u.username)).toEqual(['al_x', 'alfred']);
      const next = await store.searchUsers({ limit: 2, after: 'alfred' });
      expect(next.map((u) => u.username)).toEqual(['alice', 'bob']);
      // `_` is a LIKE wildcard: taken literally, "al_" matches al_x only.
      expect((await store.searchUsers({ limit: 10, usernamePrefix: 'al_' })).map((u) => u.username)).toEqual(['al_x']);
      expect((await store.searchUsers({ limit: 10, usernamePrefix: 'al' })).map((u) => u.username)).toEqual(['al_x', 'alfred', 'alice']);
      expect((await store.searchUsers({ limit: 10, email: 'bob@example.COM' })).map((u) => u.username)).toEqual(['bob']);
      expect((await store.searchUsers({ limit: 10, phone: '+12015550123' })).map((u) => u.username)).toEqual(['bob']);
      expect(await store.searchUsers({ limit: 10, phone: '+12015550124' })).toEqual([]);
    });
  });

  describe('second factor marker', () => {
    it('keeps the first time a second factor was marked', async () => {
      const alice = await user();
      await store.markSecondFactor(alice.id, later(5));
      await store.markSecondFactor(alice.id, later(9));
      expect((await store.getUser(alice.id))!.mfaSince).toBe(later(5).toISOString());
    });

    it('marks a user given backup codes, and not for an empty list', async () => {
      const alice = await user('alice');
      const bob = await user('bob');
      await store.addBackupCodes(alice.id, ['h1'], later(1));
      await store.replaceBackupCodes(bob.id, [], later(1));
      expect((await store.getUser(alice.id))!.mfaSince).toBe(later(1).toISOString());
      expect((await store.getUser(bob.id))!.mfaSince).toBeNull();
    });

    it('registers a first phone once, even when two race, and marks the user', async () => {
      const alice = await user();
      const peer = await instance();
      const made = await Promise.all([store.enrollPhone(alice.id, '+12015550100', later(1)), peer.enrollPhone(alice.id, '+12015550199', later(1))]);
      expect(exactlyOne(made)).toBe(1);
      const stored = (await store.getUser(alice.id))!;
      expect(stored.phone).toBe(made[0] ? '+12015550100' : '+12015550199');
      expect(stored.mfaSince).toBe(later(1).toISOString());
      expect(await store.enrollPhone(alice.id, '+12015550111', later(2))).toBe(false);
    });

    it('resets: no authenticator, no backup codes, no marker; the phone stays', async () => {
      const alice = await user();
      await store.updateUser(alice.id, { phone: '+12015550100' }, t0);
      await store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, t0);
      await store.replaceBackupCodes(alice.id, ['h1', 'h2'], t0);
      await store.consumeBackupCode(alice.id, 'h1', t0);
      expect(await store.resetSecondFactors(alice.id, later(1))).toEqual({ totpRemoved: true, backupCodesRemoved: 1 });
      expect(await store.getTotp(alice.id)).toBeNull();
      expect(await store.countBackupCodes(alice.id)).toBe(0);
      expect(await store.getUser(alice.id)).toMatchObject({ mfaSince: null, phone: '+12015550100' });
      expect(await store.resetSecondFactors(alice.id, later(2))).toEqual({ totpRemoved: false, backupCodesRemoved: 0 });
    });
  });

  describe('TOTP credentials', () => {
    const app = (userId: string, name: string, extra: Partial<Parameters<Store['addTotp']>[0]> = {}) => ({
      userId,
      name,
      sealedSecret: `sealed-${name}`,
      algorithm: 'sha1' as const,
      digits: 6,
      period: 30,
      ...extra,
    });
    const use = (userId: string, credentialId: string, timeStep: number, offset = 0) => ({ userId, credentialId, timeStep, offset });

    it('replaces every credential of a user with one on set', async () => {
      const alice = await user();
      await store.addTotp(app(alice.id, 'Phone'), t0, 10);
      await store.addTotp(app(alice.id, 'Tablet'), t0, 10);
      const second = await store.setTotp(
        { userId: alice.id, sealedSecret: 'new', algorithm: 'sha256', digits: 8, period: 60, lastTimeStep: 7 },
        later(1),
      );
      expect(await store.listTotp(alice.id)).toEqual([
        {
          id: second.id,
          userId: alice.id,
          name: 'Authenticator',
          sealedSecret: 'new',
          algorithm: 'sha256',
          digits: 8,
          period: 60,
          lastTimeStep: 7,
          recentOffsets: [],
          createdAt: later(1).toISOString(),
          lastUsedAt: null,
        },
      ]);
    });

    it('keeps several named authenticators per user, oldest first, up to the limit', async () => {
      const alice = await user('alice');
      const bob = await user('bob');
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 2))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), later(1), 2))!;
      await store.addTotp(app(bob.id, 'Bob phone'), t0, 2);
      expect(await store.addTotp(app(alice.id, 'Third'), later(2), 2)).toBeNull();
      expect((await store.listTotp(alice.id)).map((c) => [c.id, c.name])).toEqual([
        [phone.id, 'Phone'],
        [token.id, 'YubiKey'],
      ]);
      expect((await store.getTotp(alice.id))!.id).toBe(phone.id);
    });

    it('adds no more than the limit when two additions race, across instances', async () => {
      const alice = await user();
      await store.addTotp(app(alice.id, 'Phone'), t0, 2);
      const peer = await instance();
      const made = await Promise.all([store, peer].map((s, i) => s.addTotp(app(alice.id, `App ${i}`), t0, 2)));
      expect(made.filter((c) => c !== null)).toHaveLength(1);
      expect(await store.listTotp(alice.id)).toHaveLength(2);
    });

    it('renames and removes one authenticator of its own user only; the other stays', async () => {
      const alice = await user('alice');
      const bob = await user('bob');
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), later(1), 10))!;
      expect(await store.renameTotp(bob.id, phone.id, 'Stolen')).toBe(false);
      expect(await store.renameTotp(alice.id, phone.id, 'Old phone')).toBe(true);
      expect(await store.removeTotp(bob.id, phone.id)).toBe(false);
      expect(await store.removeTotp(alice.id, phone.id)).toBe(true);
      expect(await store.removeTotp(alice.id, phone.id)).toBe(false);
      expect((await store.listTotp(alice.id)).map((c) => [c.id, c.name])).toEqual([[token.id, 'YubiKey']]);
    });

    it('creates a first credential only once, even when two race', async () => {
      const alice = await user();
      const peer = await instance();
      const made = await Promise.all(
        [store, peer].map((s, i) =>
          s.createTotp({ userId: alice.id, sealedSecret: `s${i}`, algorithm: 'sha1', digits: 6, period: 30, lastTimeStep: 5 }, t0),
        ),
      );
      expect(made.filter((c) => c !== null)).toHaveLength(1);
      expect((await store.getTotp(alice.id))!.sealedSecret).toBe(made.find((c) => c)!.sealedSecret);
      expect(await store.createTotp({ userId: alice.id, sealedSecret: 'again', algorithm: 'sha1', digits: 6, period: 30 }, t0)).toBeNull();
    });

    it('deletes every credential, answering whether there was one', async () => {
      const alice = await user();
      await store.addTotp(app(alice.id, 'Phone'), t0, 10);
      await store.addTotp(app(alice.id, 'YubiKey'), t0, 10);
      expect(await store.deleteTotp(alice.id)).toBe(true);
      expect(await store.listTotp(alice.id)).toEqual([]);
      expect(await store.deleteTotp(alice.id)).toBe(false);
    });

    it('accepts a time step once, and never one at or before the last used', async () => {
      const alice = await user();
      const c = await store.setTotp({ userId: alice.id, sealedSecret: 's', algorithm: 'sha1', digits: 6, period: 30 }, t0);
      expect(await store.useTotpStep(use(alice.id, c.id, 59_000_000), later(1))).toBe(true);
      expect(await store.useTotpStep(use(alice.id, c.id, 59_000_000), later(2))).toBe(false);
      expect(await store.useTotpStep(use(alice.id, c.id, 58_999_999), later(3))).toBe(false);
      expect(await store.useTotpStep(use(alice.id, c.id, 59_000_001), later(4))).toBe(true);
      expect(await store.getTotp(alice.id)).toMatchObject({ lastTimeStep: 59_000_001, lastUsedAt: later(4).toISOString() });
    });

    it('never accepts one time step twice for a user, across two authenticators', async () => {
      const alice = await user('alice');
      const bob = await user('bob');
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), later(1), 10))!;
      const bobs = (await store.addTotp(app(bob.id, 'Phone'), t0, 10))!;
      expect(await store.useTotpStep(use(alice.id, phone.id, 59_000_000), later(1))).toBe(true);
      expect(await store.useTotpStep(use(alice.id, token.id, 59_000_000), later(1))).toBe(false);
      // Another user's step is theirs alone.
      expect(await store.useTotpStep(use(bob.id, bobs.id, 59_000_000), later(1))).toBe(true);
      // The refused one changed nothing: its next step is still open, and it records the use.
      expect((await store.listTotp(alice.id)).find((c) => c.id === token.id)).toMatchObject({ lastTimeStep: null, lastUsedAt: null });
      expect(await store.useTotpStep(use(alice.id, token.id, 59_000_001), later(31))).toBe(true);
      expect((await store.listTotp(alice.id)).map((c) => [c.name, c.lastTimeStep])).toEqual([
        ['Phone', 59_000_000],
        ['YubiKey', 59_000_001],
      ]);
    });

    it('keeps a step used after its authenticator is removed', async () => {
      const alice = await user();
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), later(1), 10))!;
      expect(await store.useTotpStep(use(alice.id, phone.id, 59_000_000), later(1))).toBe(true);
      await store.removeTotp(alice.id, phone.id);
      expect(await store.useTotpStep(use(alice.id, token.id, 59_000_000), later(2))).toBe(false);
    });

    it('counts the step of the confirming code as used for the user', async () => {
      const alice = await user();
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      await store.addTotp(app(alice.id, 'YubiKey', { lastTimeStep: 59_000_000, recentOffsets: [1] }), later(1), 10);
      expect(await store.useTotpStep(use(alice.id, phone.id, 59_000_000), later(1))).toBe(false);
      expect((await store.listTotp(alice.id))[1]!.recentOffsets).toEqual([1]);
    });

    it('keeps the offsets of the last three accepted codes', async () => {
      const alice = await user();
      const c = (await store.addTotp(app(alice.id, 'Token'), t0, 10))!;
      for (const [i, offset] of [1, 2, -1, 2].entries()) {
        expect(await store.useTotpStep(use(alice.id, c.id, 59_000_000 + i, offset), later(i))).toBe(true);
      }
      expect((await store.getTotp(alice.id))!.recentOffsets).toEqual([2, -1, 2]);
      // A refused step adds nothing.
      expect(await store.useTotpStep(use(alice.id, c.id, 59_000_000, 5), later(9))).toBe(false);
      expect((await store.getTotp(alice.id))!.recentOffsets).toEqual([2, -1, 2]);
    });

    it('records a use in one write when the offsets read with the credential are still stored, and reads them afresh when not', async () => {
      const alice = await user();
      const c = (await store.addTotp(app(alice.id, 'Token', { recentOffsets: [1] }), t0, 10))!;
      const read = (await store.getTotp(alice.id))!.recentOffsets;
      expect(await store.useTotpStep({ ...use(alice.id, c.id, 59_000_000, 2), recentOffsets: read }, later(1))).toBe(true);
      expect((await store.getTotp(alice.id))!.recentOffsets).toEqual([1, 2]);
      // `read` is stale now: the offset just stored must not be lost.
      expect(await store.useTotpStep({ ...use(alice.id, c.id, 59_000_001, -1), recentOffsets: read }, later(31))).toBe(true);
      expect(await store.getTotp(alice.id)).toMatchObject({ recentOffsets: [1, 2, -1], lastTimeStep: 59_000_001 });
      // A used step stays refused whatever offsets come with it.
      const now = (await store.getTotp(alice.id))!.recentOffsets;
      expect(await store.useTotpStep({ ...use(alice.id, c.id, 59_000_001, 0), recentOffsets: now }, later(32))).toBe(false);
      expect(await store.useTotpStep({ ...use(alice.id, c.id, 59_000_000, 0), recentOffsets: now }, later(33))).toBe(false);
      expect(await store.getTotp(alice.id)).toMatchObject({ recentOffsets: [1, 2, -1], lastTimeStep: 59_000_001 });
    });

    it('sweeps used steps by age: a swept step no longer blocks, a recent one still does', async () => {
      const alice = await user();
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), t0, 10))!;
      expect(await store.useTotpStep(use(alice.id, phone.id, 59_000_000), later(1))).toBe(true);
      expect(await store.useTotpStep(use(alice.id, phone.id, 59_000_100), later(3000))).toBe(true);
      await store.sweepTotpSteps(later(2000));
      // The recent step is kept: the other authenticator still cannot use it.
      expect(await store.useTotpStep(use(alice.id, token.id, 59_000_100), later(3001))).toBe(false);
      // The old one is gone: only the other authenticator's own last step guards it now.
      expect(await store.useTotpStep(use(alice.id, token.id, 59_000_000), later(3002))).toBe(true);
    });

    it('lets exactly one of many parallel uses of a time step through, across instances and authenticators', async () => {
      const alice = await user();
      const phone = (await store.addTotp(app(alice.id, 'Phone'), t0, 10))!;
      const token = (await store.addTotp(app(alice.id, 'YubiKey'), later(1), 10))!;
      const peer = await instance();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? peer : store).useTotpStep(use(alice.id, i % 3 ? phone.id : token.id, 59_000_000), t0)),
      );
      expect(exactlyOne(results)).toBe(1);
    });
  });

  describe('backup codes', () => {
    it('counts unused codes and uses each once', async () => {
      const alice = await user();
      await store.replaceBackupCodes(alice.id, ['h1', 'h2', 'h3'], t0);
      expect(await store.countBackupCodes(alice.id)).toBe(3);
      expect(await store.consumeBackupCode(alice.id, 'h2', later(1))).toBe(true);
      expect(await store.consumeBackupCode(alice.id, 'h2', later(2))).toBe(false);
      expect(await store.consumeBackupCode(alice.id, 'unknown', later(2))).toBe(false);
      expect(await store.countBackupCodes(alice.id)).toBe(2);
    });

    it('binds a code to its user', async () => {
      const alice = await user('alice');
      const bob = await user('bob');
      await store.replaceBackupCodes(alice.id, ['h1'], t0);
      expect(await store.consumeBackupCode(bob.id, 'h1', t0)).toBe(false);
      expect(await store.consumeBackupCode(alice.id, 'h1', t0)).toBe(true);
    });

    it('replaces every code, used or not', async () => {
      const alice = await user();
      await store.replaceBackupCodes(alice.id, ['h1', 'h2'], t0);
      await store.consumeBackupCode(alice.id, 'h1', t0);
      await store.replaceBackupCodes(alice.id, ['h3'], later(1));
      expect(await store.countBackupCodes(alice.id)).toBe(1);
      expect(await store.consumeBackupCode(alice.id, 'h2', later(2))).toBe(false);
      expect(await store.consumeBackupCode(alice.id, 'h3', later(2))).toBe(true);
    });

    it('adds codes beside the existing ones; adding a used code again leaves it used', async () => {
      const alice = await user();
      await store.replaceBackupCodes(alice.id, ['h1', 'h2'], t0);
      await store.consumeBackupCode(alice.id, 'h1', t0);
      expect(await store.addBackupCodes(alice.id, ['h1', 'h2', 'h3'], later(1))).toBe(1);
      expect(await store.countBackupCodes(alice.id)).toBe(2);
      expect(await store.consumeBackupCode(alice.id, 'h1', later(2))).toBe(false);
      expect(await store.consumeBackupCode(alice.id, 'h3', later(2))).toBe(true);
    });

    it('releases a consumed code only for the use it was consumed by', async () => {
      const alice = await user();
      await store.replaceBackupCodes(alice.id, ['h1'], t0);
      expect(await store.consumeBackupCode(alice.id, 'h1', later(1))).toBe(true);
      await store.releaseBackupCode(alice.id, 'h1', later(2));
      expect(await store.countBackupCodes(alice.id)).toBe(0);
      await store.releaseBackupCode(alice.id, 'h1', later(1));
      expect(await store.consumeBackupCode(alice.id, 'h1', later(3))).toBe(true);
    });

    it('lets exactly one of two parallel uses of a code through, across instances', async () => {
      const alice = await user();
      await store.replaceBackupCodes(alice.id, ['h1'], t0);
      const peer = await instance();
      const results = await Promise.all([store.consumeBackupCode(alice.id, 'h1', t0), peer.consumeBackupCode(alice.id, 'h1', t0)]);
      expect(exactlyOne(results)).toBe(1);
      expect(await store.countBackupCodes(alice.id)).toBe(0);
    });

    it('creates first codes only while none are unused, once when two race across instances', async () => {
      const alice = await user();
      const peer = await instance();
      const made = await Promise.all([store.createBackupCodes(alice.id, ['a1', 'a2'], t0), peer.createBackupCodes(alice.id, ['b1', 'b2'], t0)]);
      expect(exactlyOne(made)).toBe(1);
      expect(await store.countBackupCodes(alice.id)).toBe(2);
      expect(await store.consumeBackupCode(alice.id, made[0] ? 'a1' : 'b1', t0)).toBe(true);
      expect(await store.consumeBackupCode(alice.id, made[0] ? 'a2' : 'b2', t0)).toBe(true);
      // All used: the next enrolment may hand out new ones.
      expect(await store.createBackupCodes(alice.id, ['c1'], later(1))).toBe(true);
    });
  });

  describe('clients', () => {
    const app = {
      clientId: 'app',
      name: 'App',
      allowedOrigins: ['https://app.example'],
      clientSecretHash: 'hash',
      sequence: [['password'], ['totp', 'sms']] as [['password'], ['totp', 'sms']],
      acrSequences: { pwd: [['password']] as [['password']] },
      defaultAcr: 'mfa',
      allowPhoneEnrollment: true,
      allowTotpEnrollment: false,
      scopes: [] as string[],
      redirectUris: ['https://app.example/callback'],
      postLogoutRedirectUris: ['https://app.example/'],
      public: false,
      logoUri: 'https://app.example/logo.svg',
      cssUri: null,
      passkeyAlone: true,
      trustDeviceDays: 0,
    };

    it('stores a client and reads it back', async () => {
      expect(await store.upsertClient(app, t0)).toEqual({ ...app, version: 1, createdAt: t0.toISOString() });
      expect(await store.getClient('app')).toEqual({ ...app, version: 1, createdAt: t0.toISOString() });
      expect(await store.getClient('other')).toBeNull();
    });

    it('updates a client in place, keeping when it was created', async () => {
      await store.upsertClient(app, t0);
      const changed = await store.upsertClient({ ...app, name: 'App 2', clientSecretHash: null, allowPhoneEnrollment: false }, later(60));
      expect(changed).toMatchObject({ name: 'App 2', clientSecretHash: null, allowPhoneEnrollment: false, createdAt: t0.toISOString() });
    });

    it('creates a client only when its id is free, and replaces one only at its version', async () => {
      expect(await store.createClient(app, t0)).toMatchObject({ clientId: 'app', version: 1 });
      expect(await store.createClient({ ...app, name: 'Other' }, t0)).toBeNull();
      expect(await store.replaceClientIfVersion({ ...app, name: 'stale' }, 2)).toBeNull();
      expect(await store.replaceClientIfVersion({ ...app, name: 'App 2', scopes: ['admin'] }, 1)).toMatchObject({
        name: 'App 2',
        scopes: ['admin'],
        version: 2,
        createdAt: t0.toISOString(),
      });
      expect((await store.upsertClient(app, t0)).version).toBe(3);
    });

    it('lists clients by id and deletes one', async () => {
      await store.upsertClient({ ...app, clientId: 'zeta' }, t0);
      await store.upsertClient(app, t0);
      expect((await store.listClients()).map((c) => c.clientId)).toEqual(['app', 'zeta']);
      expect(await store.deleteClient('zeta')).toBe(true);
      expect(await store.deleteClient('zeta')).toBe(false);
      expect((await store.listClients()).map((c) => c.clientId)).toEqual(['app']);
    });
  });

  describe('openid provider', () => {
    const grant = (userId: string) => ({
      userId,
      redirectUri: 'https://app.example/callback',
      codeChallenge: 'c'.repeat(43),
      scope: ['openid'],
      nonce: null,
      acr: 'mfa',
      methods: ['password', 'totp'] as ('password' | 'totp')[],
      authTime: t0.toISOString(),
      sid: 'sid',
    });

    it('lets exactly one of several instances use a code, and tells the others the jti the first one issued', async () => {
      const alice = await user();
      await store.createAuthorizationCode({
        codeHash: 'h1',
        clientId: 'app',
        grant: grant(alice.id),
        createdAt: t0.toISOString(),
        expiresAt: later(60).toISOString(),
      });
      const peers = [store, await instance(), await instance()];
      const results = await Promise.all(peers.map((s, i) => s.useAuthorizationCode('h1', `jti-${i}`, later(1))));
      expect(exactlyOne(results.map((r) => r!.first))).toBe(1);
      const winner = results.findIndex((r) => r!.first);
      for (const r of results) expect(r!.record).toMatchObject({ clientId: 'app', grant: grant(alice.id), issuedJti: `jti-${winner}` });
      expect(await store.useAuthorizationCode('unknown', 'j', later(1))).toBeNull();
    });

    it('keeps sign-on sessions by hash until deleted or swept, and revocations by jti', async () => {
      const alice = await user();
      const session = {
        idHash: 's1',
        userId: alice.id,
        methods: ['password'] as 'password'[],
        authTime: t0.toISOString(),
        createdAt: t0.toISOString(),
        expiresAt: later(600).toISOString(),
      };
      await store.createLoginSession(session);
      expect(await store.getLoginSession('s1')).toEqual(session);
      await store.revokeToken('jti-1', later(600));
      await store.revokeToken('jti-1', later(600));
      expect(await store.isTokenRevoked('jti-1')).toBe(true);
      expect(await store.isTokenRevoked('jti-2')).toBe(false);
      await store.sweepOidc(later(601));
      expect(await store.getLoginSession('s1')).toBeNull();
      expect(await store.isTokenRevoked('jti-1')).toBe(false);
      await store.createLoginSession({ ...session, idHash: 's2' });
      await store.deleteLoginSession('s2');
      expect(await store.getLoginSession('s2')).toBeNull();
    });
  });

  describe('signing keys', () => {
    const key = (kid: string, at: Date) => ({
      kid,
      alg: 'ES256',
      sealedPrivateJwk: `sealed-${kid}`,
      publicJwk: { kty: 'EC', kid },
      createdAt: at.toISOString(),
    });

    it('lists keys newest first and retires all but the new one', async () => {
      await store.addSigningKey(key('k1', t0));
      await store.addSigningKey(key('k2', later(10)));
      await store.retireSigningKeys('k2', later(10));
      expect(await store.listSigningKeys()).toEqual([
        { ...key('k2', later(10)), retiredAt: null },
        { ...key('k1', t0), retiredAt: later(10).toISOString() },
      ]);
    });

    it('adds a first key once when instances race on an empty store, and none of an algorithm it has', async () => {
      const peers = [store, await instance(), await instance()];
      const added = await Promise.all(peers.map((p, i) => p.addFirstSigningKey(key(`k${i}`, t0))));
      expect(exactlyOne(added)).toBe(1);
      expect(await store.listSigningKeys()).toHaveLength(1);
      expect(await store.addFirstSigningKey(key('k9', later(1)))).toBe(false);
      expect(await store.addFirstSigningKey({ ...key('r1', later(1)), alg: 'RS256' })).toBe(true);
    });

    it('keeps the retirement time of a key retired earlier', async () => {
      await store.addSigningKey(key('k1', t0));
      await store.addSigningKey(key('k2', later(10)));
      await store.retireSigningKeys('k2', later(10));
      await store.addSigningKey(key('k3', later(20)));
      await store.retireSigningKeys('k3', later(20));
      const retired = Object.fromEntries((await store.listSigningKeys()).map((k) => [k.kid, k.retiredAt]));
      expect(retired).toEqual({ k3: null, k2: later(20).toISOString(), k1: later(10).toISOString() });
    });

    it('deletes keys retired before a time, never the active one', async () => {
      await store.addSigningKey(key('k1', t0));
      await store.addSigningKey(key('k2', later(10)));
      await store.retireSigningKeys('k2', later(10));
      await store.addSigningKey(key('k3', later(20)));
      await store.retireSigningKeys('k3', later(20));
      expect(await store.deleteSigningKeysRetiredBefore(later(15))).toBe(1);
      expect(await store.deleteSigningKeysRetiredBefore(later(3600))).toBe(1);
      expect((await store.listSigningKeys()).map((k) => k.kid)).toEqual(['k3']);
    });

    it('never retires a newer key: two first keys made at once leave the newer one active', async () => {
      const peer = await instance();
      await store.addSigningKey(key('ka', t0));
      await peer.addSigningKey(key('kb', t0));
      // Same moment: the kid decides, the same way on every instance and in the listing.
      await Promise.all([store.retireSigningKeys('ka', t0), peer.retireSigningKeys('kb', t0)]);
      const listed = await peer.listSigningKeys();
      expect(listed.map((k) => [k.kid, k.retiredAt])).toEqual([
        ['kb', null],
        ['ka', t0.toISOString()],
      ]);
      expect(await store.listSigningKeys()).toEqual(listed);
    });
  });

  describe('flows', () => {
    it('stores a flow and reads every field back', async () => {
      const flow = flowRecord('f1');
      await store.createFlow(flow);
      expect(await store.getFlow('f1')).toEqual(flow);
      expect(await store.getFlow('f2')).toBeNull();
      await store.createFlow(flowRecord('g1', { kind: 'sms-otp' }));
      expect((await store.getFlow('g1'))!.kind).toBe('sms-otp');
    });

    it('makes a flow counted against a limit, and none once the count is past it', async () => {
      const limit = { key: 'flows:ip:203.0.113.7', windowSeconds: 60, max: 2 };
      expect(await store.createFlowWithin(flowRecord('f1'), limit, t0)).toEqual({ count: 1, resetAt: later(60) });
      expect((await store.createFlowWithin(flowRecord('f2'), limit, later(1))).count).toBe(2);
      expect((await store.createFlowWithin(flowRecord('f3'), limit, later(2))).count).toBe(3);
      expect(await store.getFlow('f1')).toEqual(flowRecord('f1'));
      expect(await store.getFlow('f2')).not.toBeNull();
      expect(await store.getFlow('f3')).toBeNull();
      // The count is the one `hit` keeps: the next window starts again.
      expect((await store.peek(limit.key, 60, t0)).count).toBe(3);
      expect((await store.createFlowWithin(flowRecord('f4'), limit, later(60))).count).toBe(1);
      expect(await store.getFlow('f4')).not.toBeNull();
    });

    it('makes no more flows than the limit from many parallel starts, across instances', async () => {
      const peer = await instance();
      const limit = { key: 'flows:ip:203.0.113.7', windowSeconds: 60, max: 5 };
      const counts = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? peer : store).createFlowWithin(flowRecord(`f${i}`), limit, t0)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      const made = await Promise.all(Array.from({ length: 12 }, (_, i) => store.getFlow(`f${i}`)));
      expect(made.filter(Boolean)).toHaveLength(5);
      // Each flow that was made is one whose count was within the limit.
      for (let i = 0; i < 12; i++) expect(made[i] !== null).toBe(counts[i]!.count <= 5);
    });

    it('saves a change when the version is current and bumps the version', async () => {
      const alice = await user();
      await store.createFlow(flowRecord('f1'));
      const flow = (await store.getFlow('f1'))!;
      Object.assign(flow, {
        stepIndex: 1,
        userId: alice.id,
        methods: ['password'],
        authTime: later(5).toISOString(),
        data: { attempts: { password: 1 }, totpEnrollment: { sealedSecret: 's', startedAt: later(5).toISOString() } },
      });
      expect(await store.saveFlow(flow)).toBe(true);
      expect(flow.version).toBe(2);
      expect(await store.getFlow('f1')).toEqual(flow);

      Object.assign(flow, { status: 'complete', result: { idToken: 'jwt', tokenType: 'Bearer', expiresIn: 300 } });
      expect(await store.saveFlow(flow)).toBe(true);
      expect(await store.getFlow('f1')).toMatchObject({ status: 'complete', result: { idToken: 'jwt' }, version: 3 });
    });

    it('saves a new expiry, and keeps what else the flow was started with', async () => {
      const started = flowRecord('f1', { expiresAt: later(600).toISOString() });
      await store.createFlow(started);
      expect(await store.saveFlow({ ...(await store.getFlow('f1'))!, stepIndex: 1 })).toBe(true);
      const renewed = { ...(await store.getFlow('f1'))!, clientId: 'other', acr: 'other', nonce: 'other', expiresAt: later(6000).toISOString() };
      expect(await store.saveFlow(renewed)).toBe(true);
      expect(await store.getFlow('f1')).toEqual({ ...started, stepIndex: 1, expiresAt: later(6000).toISOString(), version: 3 });
      // Another instance that read the row before the new expiry saves nothing over it.
      const peer = await instance();
      const seen = (await peer.getFlow('f1'))!;
      expect(await store.saveFlow({ ...(await store.getFlow('f1'))!, expiresAt: later(9000).toISOString() })).toBe(true);
      expect(await peer.saveFlow({ ...seen, stepIndex: 2 })).toBe(false);
      expect(await peer.saveFlow({ ...(await peer.getFlow('f1'))!, stepIndex: 2 })).toBe(true);
      expect(await store.getFlow('f1')).toMatchObject({ stepIndex: 2, expiresAt: later(9000).toISOString(), version: 5 });
    });

    it('refuses to save over a change made since the flow was read', async () => {
      await store.createFlow(flowRecord('f1'));
      const first = (await store.getFlow('f1'))!;
      const stale = (await store.getFlow('f1'))!;
      expect(await store.saveFlow({ ...first, stepIndex: 1 })).toBe(true);
      expect(await store.saveFlow({ ...stale, stepIndex: 1, methods: ['password'] })).toBe(false);
      expect(stale.version).toBe(1);
      expect(await store.getFlow('f1')).toMatchObject({ methods: [], version: 2 });
    });

    it('lets exactly one of parallel saves of the same version through, across instances', async () => {
      await store.createFlow(flowRecord('f1'));
      const peer = await instance();
      const copies = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? peer : store).getFlow('f1')));
      const results = await Promise.all(copies.map((f, i) => (i % 2 ? peer : store).saveFlow({ ...f!, stepIndex: i })));
      expect(exactlyOne(results)).toBe(1);
      expect((await store.getFlow('f1'))!.version).toBe(2);
    });

    it('sweeps flows that expired before the given time and keeps the others', async () => {
      await store.createFlow(flowRecord('old', { expiresAt: later(60).toISOString() }));
      await store.createFlow(flowRecord('live', { expiresAt: later(600).toISOString() }));
      await store.sweepFlows(later(300));
      expect(await store.getFlow('old')).toBeNull();
      expect(await store.getFlow('live')).not.toBeNull();
    });

    it('answers the login flows it swept unfinished, and only those', async () => {
      const gone = later(60).toISOString();
      await store.createFlow(flowRecord('pending', { expiresAt: gone, clientId: 'shop', acr: 'pwd' }));
      await store.createFlow(flowRecord('done', { expiresAt: gone, status: 'complete' }));
      await store.createFlow(flowRecord('ended', { expiresAt: gone, status: 'cancelled' }));
      await store.createFlow(flowRecord('grant', { expiresAt: gone, kind: 'sms-otp' }));
      await store.createFlow(flowRecord('live', { expiresAt: later(600).toISOString() }));
      expect(await store.sweepFlows(later(300))).toEqual([{ clientId: 'shop', acr: 'pwd' }]);
      expect(await store.sweepFlows(later(300))).toEqual([]);
    });
  });

  describe('trusted devices', () => {
    const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x: 'x'.repeat(43), y: 'y'.repeat(43) };
    const device = (id: string, userId: string, clientId = 'app', expiresInSeconds = 3600) => ({
      id,
      userId,
      clientId,
      publicJwk: jwk,
      name: 'Chrome on Linux',
      expiresAt: later(expiresInSeconds).toISOString(),
    });

    it('keeps the public key and name, answers live devices only, newest first', async () => {
      const alice = await user();
      const added = await store.addTrustedDevice(device('d1', alice.id), t0);
      expect(added).toEqual({ ...device('d1', alice.id), createdAt: t0.toISOString(), lastUsedAt: null });
      await store.addTrustedDevice(device('d2', alice.id, 'app', 60), later(1));
      expect((await store.listTrustedDevices(alice.id, later(10))).map((d) => d.id)).toEqual(['d2', 'd1']);
      expect((await store.listTrustedDevices(alice.id, later(60))).map((d) => d.id)).toEqual(['d1']);
      expect(await store.getTrustedDevice('d2', later(60))).toBeNull();
      expect(await store.hasTrustedDevice(alice.id, 'app', later(10))).toBe(true);
      expect(await store.hasTrustedDevice(alice.id, 'other', later(10))).toBe(false);
    });

    it('records a use, and revokes one device or all of a user only', async () => {
      const alice = await user();
      const bob = await user('bob');
      for (const [id, owner] of [
        ['a1', alice],
        ['a2', alice],
        ['b1', bob],
      ] as const)
        await store.addTrustedDevice(device(id, owner.id), t0);
      expect(await store.touchTrustedDevice('a1', later(5))).toBe(true);
      expect((await store.getTrustedDevice('a1', later(6)))!.lastUsedAt).toBe(later(5).toISOString());
      expect(await store.deleteTrustedDevice(alice.id, 'b1')).toBe(false);
      expect(await store.deleteTrustedDevice(alice.id, 'a1')).toBe(true);
      expect(await store.touchTrustedDevice('a1', later(7))).toBe(false);
      expect(await store.deleteTrustedDevices(alice.id)).toBe(1);
      expect((await store.listTrustedDevices(bob.id, later(10))).map((d) => d.id)).toEqual(['b1']);
      await store.sweepTrustedDevices(later(3601));
      expect(await store.listTrustedDevices(bob.id, t0)).toEqual([]);
    });
  });

  describe('device tokens', () => {
    const token = (id: string, userId: string, expiresInSeconds = 3600) => ({
      id,
      userId,
      createdAt: t0.toISOString(),
      expiresAt: later(expiresInSeconds).toISOString(),
    });

    it('finds a live token by its id with its user, and no longer once it expired', async () => {
      const alice = await user();
      await store.addDeviceTokens([token('d1', alice.id)]);
      expect(await store.findDeviceToken('d1', later(10))).toEqual({
        id: 'd1',
        userId: alice.id,
        createdAt: t0.toISOString(),
        expiresAt: later(3600).toISOString(),
      });
      expect(await store.findDeviceToken('d1', later(3600))).toBeNull();
      expect(await store.findDeviceToken('unknown', t0)).toBeNull();
    });

    it("revokes every token of one user and no one else's, answering how many", async () => {
      const alice = await user();
      const bob = await user('bob');
      await store.addDeviceTokens([token('a1', alice.id), token('a2', alice.id), token('b1', bob.id)]);
      const peer = await instance();
      expect(await peer.deleteDeviceTokens(alice.id, t0)).toBe(2);
      expect(await store.findDeviceToken('a1', t0)).toBeNull();
      expect(await store.findDeviceToken('b1', t0)).not.toBeNull();
      expect(await store.deleteDeviceTokens(alice.id, t0)).toBe(0);
    });

    it("sweeps expired tokens and drops a deleted user's", async () => {
      const alice = await user();
      const bob = await user('bob');
      await store.addDeviceTokens([token('old', alice.id, 60), token('live', alice.id, 600), token('bobs', bob.id, 600)]);
      await store.sweepDeviceTokens(later(300));
      expect(await store.deleteDeviceTokens(alice.id, t0)).toBe(1);
      await store.deleteUser(bob.id);
      expect(await store.findDeviceToken('bobs', t0)).toBeNull();
    });

    it("refuses a token made before its user's devices were forgotten, and takes one made after", async () => {
      const alice = await user();
      await store.addDeviceTokens([token('landed', alice.id)]);
      expect(await store.deleteDeviceTokens(alice.id, later(10))).toBe(1);
      // Tokens made on another instance before and after the revocation, arriving after it.
      await store.addDeviceTokens([
        { ...token('made-before', alice.id), createdAt: later(9).toISOString() },
        { ...token('made-after', alice.id), createdAt: later(11).toISOString() },
      ]);
      expect(await store.findDeviceToken('made-before', t0)).toBeNull();
      expect(await store.findDeviceToken('made-after', t0)).toMatchObject({ userId: alice.id });
    });

    it("stores a batch of many users' tokens, skipping those of a user deleted meanwhile", async () => {
      const alice = await user();
      const bob = await user('bob');
      await store.deleteUser(bob.id);
      // 85 tokens: statements of 64, 16, 4 and 1 rows, with bob's in each.
      const batch = Array.from({ length: 85 }, (_, i) => token(`t${i}`, i % 5 === 0 ? bob.id : alice.id));
      await store.addDeviceTokens(batch);
      expect(await store.findDeviceToken('t1', t0)).toMatchObject({ userId: alice.id });
      expect(await store.findDeviceToken('t84', t0)).toMatchObject({ userId: alice.id });
      expect(await store.findDeviceToken('t0', t0)).toBeNull();
      expect(await store.findDeviceToken('t80', t0)).toBeNull();
      expect(await store.deleteDeviceTokens(alice.id, t0)).toBe(68);
      expect(await store.deleteDeviceTokens(bob.id, t0)).toBe(0);
    });
  });

  describe('rate counters', () => {
    it('counts hits in a fixed window and starts again in the next one', async () => {
      const at = new Date('2026-11-22T10:00:10.000Z');
      expect(await store.hit('password:alice', 60, at)).toEqual({ count: 1, resetAt: new Date('2026-11-22T10:01:00.000Z') });
      expect((await store.hit('password:alice', 60, new Date('2026-11-22T10:00:59.999Z'))).count).toBe(2);
      expect(await store.hit('password:alice', 60, new Date('2026-11-22T10:01:00.000Z'))).toEqual({
        count: 1,
        resetAt: new Date('2026-11-22T10:02:00.000Z'),
      });
    });

    it('keeps keys and window lengths apart', async () => {
      await store.hit('password:alice', 60, t0);
      await store.hit('password:alice', 60, t0);
      expect((await store.hit('password:bob', 60, t0)).count).toBe(1);
      expect((await store.hit('password:alice', 3600, t0)).count).toBe(1);
    });

    it('gives back a hit in the window it was counted in, never below zero', async () => {
      await store.hit('totp:user', 900, t0);
      await store.hit('totp:user', 900, t0);
      await store.refund('totp:user', 900, t0);
      expect((await store.peek('totp:user', 900, t0)).count).toBe(1);
      await store.refund('totp:user', 900, t0);
      await store.refund('totp:user', 900, t0);
      expect((await store.peek('totp:user', 900, t0)).count).toBe(0);
    });

    it('peeks without counting', async () => {
      expect(await store.peek('sms:ip', 3600, t0)).toEqual({ count: 0, resetAt: later(3600) });
      await store.hit('sms:ip', 3600, t0);
      expect((await store.peek('sms:ip', 3600, later(10))).count).toBe(1);
      expect((await store.peek('sms:ip', 3600, later(10))).count).toBe(1);
    });

    it('counts every one of many parallel hits, across instances', async () => {
      const peer = await instance();
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? peer : store).hit('flows:ip', 60, t0)));
      expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('sweeps counters of windows more than a day old', async () => {
      await store.hit('old', 60, t0);
      await store.hit('recent', 60, later(86_400));
      await store.sweepCounters(later(86_400 + 120));
      expect((await store.peek('old', 60, t0)).count).toBe(0);
      expect((await store.peek('recent', 60, later(86_400))).count).toBe(1);
    });
  });
});
