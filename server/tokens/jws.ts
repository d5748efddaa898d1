import { constants, createPrivateKey, generateKeyPair, sign, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { JWK } from 'jose';

const RSA = ['rsa', { modulusLength: 2048 }] as const;
/**
 * Node's digest and signature form for each JWS `alg` this server may sign with (RFC 7518 §3),
 * and the key pair it takes: ECDSA signatures are the raw r‖s pair, not DER; RSASSA-PSS salts as
 * long as the digest. `onLoop`: cheap enough to sign on the event loop (~30 µs for P-256 and
 * Ed25519 here, against 0.8–1.9 ms for P-384 and P-521 and ~0.3 ms for RSA).
 */
const SIGNING: Record<
  string,
  { digest: string | null; dsaEncoding?: 'ieee-p1363'; pss?: true; onLoop?: true; newKey: readonly [type: string, options: object] }
> = {
  ES256: { digest: 'sha256', dsaEncoding: 'ieee-p1363', onLoop: true, newKey: ['ec', { namedCurve: 'P-256' }] },
  ES384: { digest: 'sha384', dsaEncoding: 'ieee-p1363', newKey: ['ec', { namedCurve: 'P-384' }] },
  ES512: { digest: 'sha512', dsaEncoding: 'ieee-p1363', newKey: ['ec', { namedCurve: 'P-521' }] },
  RS256: { digest: 'sha256', newKey: RSA },
  RS384: { digest: 'sha384', newKey: RSA },
  RS512: { digest: 'sha512', newKey: RSA },
  PS256: { digest: 'sha256', pss: true, newKey: RSA },
  PS384: { digest: 'sha384', pss: true, newKey: RSA },
  PS512: { digest: 'sha512', pss: true, newKey: RSA },
  EdDSA: { digest: null, onLoop: true, newKey: ['ed25519', {}] },
};

const generate = promisify(generateKeyPair) as (type: string, options: object) => Promise<{ publicKey: KeyObject; privateKey: KeyObject }>;

/** A new key pair for `alg` (RSA at 2048 bits, Ed25519 for EdDSA); throws for an `alg` this signer does not know. */
export function newKeyPair(alg: string): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> {
  if (!Object.hasOwn(SIGNING, alg)) throw new Error(`unsupported signing alg ${alg}`);
  return generate(...SIGNING[alg]!.newKey);
}

export interface JwsKey {
  alg: string;
  key: KeyObject;
}

/** A private JWK as a Node key object, for `alg`; throws for an `alg` this signer does not know. */
export function jwsKeyOf(jwk: JWK, alg: string): JwsKey {
  if (!Object.hasOwn(SIGNING, alg)) throw new Error(`unsupported signing alg ${alg}`);
  return { alg, key: createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' }) };
}

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS (RFC 7515 §7.1), through `crypto.sign` (WebCrypto's `subtle.sign` spent ~0.1 ms
 * of the event loop on its argument checks alone). A slow `alg` signs on libuv's thread pool,
 * which costs the event loop nothing while it signs. A cheap one signs in place: handed to the
 * pool, a P-256 signature took ~15 µs of the event loop to send off and take back, and 40–75 µs
 * of the pool's threads, whose wake-ups and OpenSSL's locks ate more than the signature itself;
 * on a small machine those threads take that CPU from the event loop (TOTP sign-ins: 37–75 µs of
 * the process's CPU a login fewer, measured side by side).
 */
export async function signCompact(header: object, payload: object, { alg, key }: JwsKey): Promise<string> {
  const { digest, dsaEncoding, pss, onLoop } = SIGNING[alg]!;
  const input = `${part(header)}.${part(payload)}`;
  const data = Buffer.from(input);
  const options = pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { key, dsaEncoding };
  const signature = onLoop
    ? sign(digest, data, options)
    : await new Promise<Buffer>((resolve, reject) => sign(digest, data, options, (err, signed) => (err ? reject(err) : resolve(signed))));
  return `${input}.${signature.toString('base64url')}`;
}
