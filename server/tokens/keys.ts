import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import type { Keyring } from '../crypto/keyring.js';
import type { KeyStore, SigningKeyRecord } from '../store/ports/keys.js';
import { jwsKeyOf, newKeyPair, type JwsKey } from './jws.js';

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

/** RFC 7638 §3.2: the members a thumbprint covers, per key type, in lexicographic order. */
const THUMBPRINT_MEMBERS: Record<string, string[]> = { EC: ['crv', 'kty', 'x', 'y'], RSA: ['e', 'kty', 'n'], OKP: ['crv', 'kty', 'x'] };

/** The RFC 7638 SHA-256 thumbprint of a public key this server made: its `kid`. */
function jwkThumbprint(jwk: JWK): string {
  const members = THUMBPRINT_MEMBERS[jwk.kty ?? ''];
  if (!members) throw new Error(`no thumbprint for key type ${jwk.kty}`);
  const required = Object.fromEntries(members.map((name) => [name, jwk[name as keyof JWK]]));
  return createHash('sha256').update(JSON.stringify(required)).digest('base64url');
}

/**
 * Made with node:crypto rather than jose, whose ~60 modules a first start would otherwise load
 * before its first answer (jose.ts).
 */
async function newSigningKey(keyring: Keyring, alg: string, now: Date): Promise<Omit<SigningKeyRecord, 'retiredAt'>> {
  const { publicKey, privateKey } = await newKeyPair(alg);
  const publicJwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = jwkThumbprint(publicJwk);
  const privateJwk = privateKey.export({ format: 'jwk' }) as JWK;
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
