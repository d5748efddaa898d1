import { jose } from '../tokens/jose.js';
import type { Userinfo } from '../../contract/oidc.js';
import { OAuthError } from '../errors.js';
import type { Services } from '../services.js';
import { verifyOwnToken } from '../tokens/verify.js';
import { scopedClaims, userinfoAudience } from './codes.js';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** RFC 6750 §3.1: one answer for every bad token, whatever check refused it. */
export const invalidToken = () => new OAuthError('invalid_token', 'The access token is invalid, expired or revoked.', 401);

/**
 * `/userinfo`: an access token of this provider (`typ` at+jwt, audience `<issuer>/userinfo`), not
 * revoked, for a user who still exists; the claims its scopes release.
 */
export async function userinfoOf(services: Services, authorization: string | undefined): Promise<Userinfo> {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  const token = match?.[1];
  if (!token || token.length > 8192 || !COMPACT_JWS.test(token)) throw invalidToken();
  const payload = await verifyOwnToken(services, token, {
    audience: userinfoAudience(services.config.issuer),
    typ: 'at+jwt',
    requiredClaims: ['sub', 'jti', 'exp', 'client_id'],
  });
  if (typeof payload?.jti !== 'string' || (await services.store.isTokenRevoked(payload.jti))) throw invalidToken();
  const user = typeof payload.sub === 'string' ? await services.store.getUser(payload.sub) : null;
  if (!user) throw invalidToken();
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  return { sub: user.id, ...scopedClaims(user, scope) };
}

/**
 * An `id_token_hint` of RP-initiated logout: signed by this server for one of its clients. An
 * expired one will do (the logout comes after the sign-in, often long after), so the signature is
 * checked at the token's own expiry.
 */
export async function verifyIdTokenHint(services: Services, token: string): Promise<{ sub: string; clientId: string } | null> {
  if (!COMPACT_JWS.test(token)) return null;
  const { decodeJwt } = await jose();
  let exp: unknown;
  try {
    exp = decodeJwt(token).exp;
  } catch {
    return null;
  }
  if (typeof exp !== 'number') return null;
  const payload = await verifyOwnToken(services, token, { typ: 'JWT', currentDate: new Date((exp - 1) * 1000), requiredClaims: ['sub', 'aud'] });
  const aud = Array.isArray(payload?.aud) ? payload.aud[0] : payload?.aud;
  return typeof payload?.sub === 'string' && typeof aud === 'string' ? { sub: payload.sub, clientId: aud } : null;
}
