import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import { jose } from '../tokens/jose.js';
import { sha256 } from '../crypto/codes.js';
import type { CounterStore } from '../store/ports/counters.js';

/** How far a proof's `iat` may stand from the server's clock (RFC 9449 §11.1 leaves it to us). */
export const PROOF_SKEW_SECONDS = 60;

export const thumbprintOf = async (jwk: JWK): Promise<string> => (await jose()).calculateJwkThumbprint(jwk, 'sha256');

/** RFC 9449 `ath`: the access token's SHA-256, base64url. */
export const accessTokenHash = (token: string) => createHash('sha256').update(token, 'ascii').digest('base64url');

export interface ProofRequest {
  method: string;
  /** The URLs this request may have been addressed as (scheme, host and path; no query). */
  urls: string[];
  token: string;
  jkt: string;
}

/**
 * Checks a DPoP proof for one request: signed by the key the grant is bound to, for this method
 * and URL, made just now, about this grant, and never seen before (its `jti` is counted in the
 * store, so a copied proof does not work twice, on this instance or another). Answers false for
 * any failure: the caller refuses them all alike.
 */
export async function verifyProof(proof: string | undefined, request: ProofRequest, store: Pick<CounterStore, 'hit'>, now: Date): Promise<boolean> {
  if (!proof || proof.length > 4096) return false;
  const { EmbeddedJWK, jwtVerify } = await jose();
  try {
    const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: ['ES256'],
      currentDate: now,
      maxTokenAge: PROOF_SKEW_SECONDS,
      clockTolerance: PROOF_SKEW_SECONDS,
      requiredClaims: ['jti', 'htm', 'htu', 'iat', 'ath'],
    });
    if ((await thumbprintOf(protectedHeader.jwk!)) !== request.jkt) return false;
    if (payload.htm !== request.method || payload.ath !== accessTokenHash(request.token)) return false;
    if (typeof payload.htu !== 'string' || !request.urls.includes(withoutQuery(payload.htu))) return false;
    if (typeof payload.jti !== 'string' || payload.jti.length > 256) return false;
    // Counted in the window of the proof's own `iat`, so every use of one proof lands in one window.
    const seen = await store.hit(`dpop:jti:${sha256(`${request.jkt}\0${payload.jti}`)}`, PROOF_SKEW_SECONDS * 3, new Date(payload.iat! * 1000));
    return seen.count === 1;
  } catch {
    return false;
  }
}

function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '';
  }
}
