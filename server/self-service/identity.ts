import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { MfaError } from '../errors.js';
import type { Caller } from '../login/service.js';
import type { Services } from '../services.js';
import type { ClientRecord, UserRecord } from '../store/types.js';

/** A signed-in user, as one of this server's id_tokens vouches for them. */
export interface Identity {
  user: UserRecord;
  /** The client the token was issued to (its `aud`). */
  client: ClientRecord;
  amr: string[];
  authTime: Date;
  sid: string;
  jti: string;
}

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Every way in fails alike: the caller learns nothing about which check refused the token. */
const signInAgain = () => new MfaError('unauthorized', 'Sign in again to continue.', { reauthenticate: true });

/** The token from `Authorization: Bearer …`; URLs end up in logs, so nothing else is read. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1] || !COMPACT_JWS.test(match[1]) || match[1].length > 8192) throw signInAgain();
  return match[1];
}

async function verified(services: Services, token: string): Promise<JWTPayload> {
  const now = services.now();
  const keys = createLocalJWKSet(await services.tokens.jwks(now));
  try {
    const { payload } = await jwtVerify(token, keys, {
      issuer: services.config.issuer,
      algorithms: [services.tokens.alg],
      typ: 'JWT',
      currentDate: now,
      requiredClaims: ['sub', 'aud', 'exp', 'iat', 'auth_time', 'sid', 'jti'],
    });
    return payload;
  } catch {
    throw signInAgain();
  }
}

/**
 * Verifies an id_token against this server's own published keys and finds its user and client.
 * Any registered client is a fitting audience: the token is how that client's user proves who
 * they are here. A browser caller must come from an origin that client lists, as in a login.
 */
export async function identify(services: Services, authorization: string | undefined, caller: Caller): Promise<Identity> {
  const payload = await verified(services, bearerToken(authorization));
  const { sub, sid, jti, auth_time: authTime, amr } = payload as JWTPayload & { sid?: unknown; auth_time?: unknown; amr?: unknown };
  if (typeof sub !== 'string' || typeof sid !== 'string' || typeof jti !== 'string' || typeof authTime !== 'number') throw signInAgain();
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  let client: ClientRecord | null = null;
  for (const aud of audiences) {
    client = typeof aud === 'string' ? await services.store.getClient(aud) : null;
    if (client) break;
  }
  const user = client ? await services.store.getUser(sub) : null;
  if (!client || !user) throw signInAgain();
  if (caller.origin && !client.allowedOrigins.includes(caller.origin)) throw new MfaError('origin_not_allowed');
  return {
    user,
    client,
    amr: Array.isArray(amr) ? amr.filter((v): v is string => typeof v === 'string') : [],
    authTime: new Date(authTime * 1000),
    sid,
    jti,
  };
}
