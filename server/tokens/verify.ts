import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { jose } from './jose.js';
import type { Tokens } from './tokens.js';

interface Verifier {
  config: { issuer: string };
  tokens: Pick<Tokens, 'jwks' | 'alg'>;
  now(): Date;
}

/**
 * The payload of a token this server signed (its issuer, its algorithm, a key of its JWKS now);
 * `options` name the audience, type and claims, or another `currentDate`. Null for any failure:
 * callers answer every refusal alike.
 */
export async function verifyOwnToken(services: Verifier, token: string, options: JWTVerifyOptions): Promise<JWTPayload | null> {
  const now = services.now();
  const { createLocalJWKSet, jwtVerify } = await jose();
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(await services.tokens.jwks(now)), {
      issuer: services.config.issuer,
      algorithms: [services.tokens.alg],
      currentDate: now,
      ...options,
    });
    return payload;
  } catch {
    return null;
  }
}
