import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Keyring } from '../crypto/keyring.js';
import type { KeyStore, SigningKeyRecord } from '../store/ports/keys.js';
import { jwsKeyOf, type JwsKey } from './jws.js';

export interface ActiveKey extends JwsKey {
  kid: string;
}

const context = (kid: string) => `signing-key:${kid}`;

/** Re-reading keys now and then lets a rotation by one instance reach the others. */
export const KEY_CACHE_MS = 30_000;
/** `Cache-Control: max-age` of the JWKS answer. */
export const JWKS_MAX_AGE_SECONDS = 60;
/**
 * A new key is published this long before it signs: by then every instance's key cache and every
 * HTTP cache of the JWKS holds it (plus slack for clocks), so no relying party meets an unknown kid.
 */
export const PUBLISH_AHEAD_MS = KEY_CACHE_MS + JWKS_MAX_AGE_SECONDS * 1000 + 10_000;

/** How long a retired key stays published: it may sign until its successor takes over, then live tokens carry it. */
export const publishedForMs = (idTokenTtlSeconds: number) => PUBLISH_AHEAD_MS + KEY_CACHE_MS + idTokenTtlSeconds * 1000;

/**
 * The key to sign with, from keys listed newest first: the newest one published long enough.
 * On a fresh store no key is that old yet, and nobody can hold an older JWKS: the first key signs.
 */
export function signingKeyOf(records: SigningKeyRecord[], now: Date): SigningKeyRecord | undefined {
  return records.find((k) => now.getTime() - Date.parse(k.createdAt) >= PUBLISH_AHEAD_MS) ?? records.at(-1);
}

/** The keys a relying party may meet: the signing key, newer ones about to sign, retired ones whose tokens may live. */
export function publishedKeysOf(records: SigningKeyRecord[], now: Date, idTokenTtlSeconds: number): SigningKeyRecord[] {
  const signing = signingKeyOf(records, now);
  const keepAfter = now.getTime() - publishedForMs(idTokenTtlSeconds);
  return records.filter((k) => k === signing || k.retiredAt === null || Date.parse(k.retiredAt) > keepAfter);
}

async function newSigningKey(keyring: Keyring, alg: string, now: Date): Promise<Omit<SigningKeyRecord, 'retiredAt'>> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kid,
    alg,
    sealedPrivateJwk: keyring.seal(JSON.stringify(privateJwk), context(kid)),
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
    createdAt: now.toISOString(),
  };
}

/** Makes a new key and makes it the active one; older keys are retired (still published). */
export async function createSigningKey(store: KeyStore, keyring: Keyring, alg: string, now: Date): Promise<SigningKeyRecord> {
  const record = await newSigningKey(keyring, alg, now);
  await store.addSigningKey(record);
  await store.retireSigningKeys(record.kid, now);
  return { ...record, retiredAt: null };
}

/** The first key of a store; when another instance made one at the same moment, that one stays. */
export async function createFirstSigningKey(store: KeyStore, keyring: Keyring, alg: string, now: Date): Promise<void> {
  await store.addFirstSigningKey(await newSigningKey(keyring, alg, now));
}

export async function openSigningKey(record: SigningKeyRecord, keyring: Keyring): Promise<ActiveKey> {
  const jwk = JSON.parse(keyring.open(record.sealedPrivateJwk, context(record.kid))) as JWK;
  return { kid: record.kid, ...jwsKeyOf(jwk, record.alg) };
}
