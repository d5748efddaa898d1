import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyring } from '../../../server/crypto/keyring.js';
import { openSqliteStore } from '../../../server/store/sqlite.js';
import type { SigningKeyRecord, Store } from '../../../server/store/types.js';
import { createSigningKey, PUBLISH_AHEAD_MS, publishedForMs, publishedKeysOf, signingKeyOf } from '../../../server/tokens/keys.js';
import { createTokens } from '../../../server/tokens/tokens.js';

const t0 = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const key = (kid: string, created: number, retired: number | null = null): SigningKeyRecord => ({
  kid,
  alg: 'ES256',
  sealedPrivateJwk: '',
  publicJwk: { kid },
  createdAt: at(created).toISOString(),
  retiredAt: retired === null ? null : at(retired).toISOString(),
});

describe('which key signs and which are published', () => {
  const TTL = 300;

  it('signs with the only key of a fresh store at once', () => {
    expect(signingKeyOf([key('k1', 0)], at(1))!.kid).toBe('k1');
  });

  it('keeps signing with the previous key until the new one was published long enough', () => {
    const keys = [key('k2', 1000), key('k1', -3_600_000, 1000)];
    expect(signingKeyOf(keys, at(1000 + PUBLISH_AHEAD_MS - 1))!.kid).toBe('k1');
    expect(signingKeyOf(keys, at(1000 + PUBLISH_AHEAD_MS))!.kid).toBe('k2');
    expect(publishedKeysOf(keys, at(2000), TTL).map((k) => k.kid)).toEqual(['k2', 'k1']);
  });

  it('after two quick rotations signs with the last key that was published long enough', () => {
    const keys = [key('k3', 10_000), key('k2', 1000, 10_000), key('k1', -3_600_000, 1000)];
    expect(signingKeyOf(keys, at(20_000))!.kid).toBe('k1');
    expect(publishedKeysOf(keys, at(20_000), TTL).map((k) => k.kid)).toEqual(['k3', 'k2', 'k1']);
    expect(signingKeyOf(keys, at(1000 + PUBLISH_AHEAD_MS))!.kid).toBe('k2');
  });

  it('drops a retired key once it could no longer have signed a live token', () => {
    const keys = [key('k2', 0), key('k1', -3_600_000, 0)];
    expect(publishedKeysOf(keys, at(publishedForMs(TTL) - 1), TTL).map((k) => k.kid)).toEqual(['k2', 'k1']);
    expect(publishedKeysOf(keys, at(publishedForMs(TTL) + 1), TTL).map((k) => k.kid)).toEqual(['k2']);
  });
});

/** Dirs and stores the tests below open, closed and removed after each. */
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory for a database file the stores of one test share. */
function freshDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-keys-'));
  dirs.push(dir);
  return dir;
}

/** A migrated SQLite store on `dir`'s database file. */
async function storeIn(dir: string): Promise<Store> {
  const store = openSqliteStore(path.join(dir, 'keys.db'));
  stores.push(store);
  await store.migrate();
  return store;
}

describe('two instances starting on an empty store', () => {
  it('agree on one signing key, and each one JWKS verifies the tokens of both', async () => {
    const dir = freshDir();
    const keyring = createKeyring(randomBytes(32));
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const store = await storeIn(dir);
        return createTokens({ store, keyring, issuer: 'https://id.example', alg: 'ES256', idTokenTtlSeconds: 300 });
      }),
    );
    const now = new Date();
    const input = { sub: 'u1', aud: 'app', authTime: now, nonce: null, acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], sid: 's1' };
    const tokens = await Promise.all(instances.map((t) => t.issueIdToken(input, now)));
    expect(new Set(tokens.map((t) => decodeProtectedHeader(t).kid)).size).toBe(1);
    for (const instance of instances) {
      const jwks = createLocalJWKSet(await instance.jwks(now));
      for (const token of tokens)
        await expect(jwtVerify(token, jwks, { issuer: 'https://id.example', audience: 'app', currentDate: now })).resolves.toBeTruthy();
    }
  });
});

describe('a key the server makes', () => {
  // Made with node:crypto: jose must read what it publishes, by the same kid, and verify what it signs.
  for (const alg of ['ES256', 'ES384', 'ES512', 'RS256', 'PS256', 'EdDSA']) {
    it(`${alg}: is named by its RFC 7638 thumbprint, and its tokens verify with jose against the JWKS`, async () => {
      const store = await storeIn(freshDir());
      const keyring = createKeyring(randomBytes(32));
      const made = await createSigningKey(store, keyring, alg, t0);
      const { kid, alg: _alg, use, ...publicJwk } = made.publicJwk;
      expect(kid).toBe(await calculateJwkThumbprint(publicJwk, 'sha256'));
      expect(publicJwk).not.toHaveProperty('d');
      expect({ alg: _alg, use }).toEqual({ alg, use: 'sig' });
      const tokens = createTokens({ store, keyring, issuer: 'https://id.example', alg, idTokenTtlSeconds: 300 });
      const now = new Date();
      const token = await tokens.issueIdToken({ sub: 'u1', aud: 'app', authTime: now, nonce: null, acr: 'mfa', amr: ['pwd'], sid: 's1' }, now);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg, kid });
      const { payload } = await jwtVerify(token, createLocalJWKSet(await tokens.jwks(now)), {
        issuer: 'https://id.example',
        audience: 'app',
        currentDate: now,
        algorithms: [alg],
      });
      expect(payload.sub).toBe('u1');
    });
  }

  it('refuses an alg it cannot sign with rather than making some other key', async () => {
    const store = await storeIn(freshDir());
    await expect(createSigningKey(store, createKeyring(randomBytes(32)), 'HS256', t0)).rejects.toThrow(/unsupported/);
    await expect(createSigningKey(store, createKeyring(randomBytes(32)), 'constructor', t0)).rejects.toThrow(/unsupported/);
  });
});
