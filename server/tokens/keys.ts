import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Keyring } from '../crypto/keyring.js';
import type { SigningKeyRecord, Store } from '../store/types.js';

export interface ActiveKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
}

const context = (kid: string) => `signing-key:${kid}`;

/** Makes a new key and makes it the active one; older keys are retired (still published). */
export async function createSigningKey(store: Store, keyring: Keyring, alg: string, now: Date): Promise<SigningKeyRecord> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  const record = {
    kid,
    alg,
    sealedPrivateJwk: keyring.seal(JSON.stringify(privateJwk), context(kid)),
    publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
    createdAt: now.toISOString(),
  };
  await store.addSigningKey(record);
  await store.retireSigningKeys(kid, now);
  return { ...record, retiredAt: null };
}

export async function openSigningKey(record: SigningKeyRecord, keyring: Keyring): Promise<ActiveKey> {
  const jwk = JSON.parse(keyring.open(record.sealedPrivateJwk, context(record.kid))) as JWK;
  const privateKey = (await importJWK(jwk, record.alg)) as CryptoKey;
  return { kid: record.kid, alg: record.alg, privateKey };
}
