import { randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import type { Keyring } from '../crypto/keyring.js';
import type { Store } from '../store/types.js';
import { createSigningKey, openSigningKey, type ActiveKey } from './keys.js';

export interface IdTokenInput {
  sub: string;
  aud: string;
  authTime: Date;
  nonce: string | null;
  acr: string;
  amr: string[];
  sid: string;
  claims?: Record<string, unknown>;
}

export interface Tokens {
  readonly alg: string;
  readonly idTokenTtlSeconds: number;
  issueIdToken(input: IdTokenInput, now: Date): Promise<string>;
  /** An RFC 9068 JWT access token for `clientId` about `sub`. */
  issueAccessToken(input: { sub: string; clientId: string; claims?: Record<string, unknown> }, now: Date): Promise<string>;
  /** Public keys: the active one and retired ones whose tokens may still be live. */
  jwks(now: Date): Promise<{ keys: JWK[] }>;
  rotate(now: Date): Promise<string>;
}

/** Re-reading keys now and then lets a rotation by one instance reach the others. */
export const KEY_CACHE_MS = 30_000;

export function createTokens(opts: { store: Store; keyring: Keyring; issuer: string; alg: string; idTokenTtlSeconds: number }): Tokens {
  const { store, keyring, issuer, alg, idTokenTtlSeconds } = opts;
  let cached: { key: Promise<ActiveKey>; at: number } | null = null;
  let published: { jwks: Promise<{ keys: JWK[] }>; at: number } | null = null;

  /** The promise itself is cached, so requests arriving together on an empty store make one key. */
  function activeKey(now: Date): Promise<ActiveKey> {
    if (cached && now.getTime() - cached.at < KEY_CACHE_MS) return cached.key;
    const key = (async () => {
      const records = await store.listSigningKeys();
      const record = records.find((k) => k.retiredAt === null && k.alg === alg) ?? (await createSigningKey(store, keyring, alg, now));
      return openSigningKey(record, keyring);
    })();
    cached = { key, at: now.getTime() };
    key.catch(() => (cached = null));
    return key;
  }

  /**
   * A retired key stays published while tokens it signed can live: their lifetime, plus the
   * time another instance may still sign with it before it re-reads the keys.
   */
  async function publicKeys(now: Date): Promise<{ keys: JWK[] }> {
    await activeKey(now);
    const keepAfter = now.getTime() - idTokenTtlSeconds * 1000 - KEY_CACHE_MS;
    const keys = (await store.listSigningKeys())
      .filter((k) => k.retiredAt === null || new Date(k.retiredAt).getTime() > keepAfter)
      .map((k) => k.publicJwk as JWK);
    return { keys };
  }

  return {
    alg,
    idTokenTtlSeconds,
    async issueIdToken(input, now) {
      const key = await activeKey(now);
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({
        ...input.claims,
        azp: input.aud,
        auth_time: Math.floor(input.authTime.getTime() / 1000),
        ...(input.nonce ? { nonce: input.nonce } : {}),
        acr: input.acr,
        amr: input.amr,
        sid: input.sid,
      })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(input.sub)
        .setAudience(input.aud)
        .setIssuedAt(iat)
        .setExpirationTime(iat + idTokenTtlSeconds)
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
    async issueAccessToken(input, now) {
      const key = await activeKey(now);
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ ...input.claims, client_id: input.clientId })
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setSubject(input.sub)
        .setAudience(issuer)
        .setIssuedAt(iat)
        .setExpirationTime(iat + idTokenTtlSeconds)
        .setJti(randomUUID())
        .sign(key.privateKey);
    },
    jwks(now) {
      if (published && now.getTime() - published.at < KEY_CACHE_MS) return published.jwks;
      const jwks = publicKeys(now);
      published = { jwks, at: now.getTime() };
      jwks.catch(() => (published = null));
      return jwks;
    },
    async rotate(now) {
      const record = await createSigningKey(store, keyring, alg, now);
      await store.deleteSigningKeysRetiredBefore(new Date(now.getTime() - idTokenTtlSeconds * 1000 * 2));
      cached = null;
      published = null;
      return record.kid;
    },
  };
}
