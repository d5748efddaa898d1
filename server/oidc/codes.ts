import { createHash, randomUUID } from 'node:crypto';
import { codeTokenRequest, type CodeTokenResponse, oidcPaths } from '../../contract/oidc.js';
import { constantTimeEqual, randomHandle, sha256 } from '../crypto/codes.js';
import { OAuthError } from '../errors.js';
import { amrOf } from '../flow/engine.js';
import { methods } from '../methods/index.js';
import type { Services } from '../services.js';
import type { AuthorizationGrant, ClientRecord, UserRecord } from '../store/types.js';

/** A code lives a minute (RFC 6749 §4.1.2 recommends at most ten). */
export const CODE_SECONDS = 60;

/** The audience of this provider's access tokens: its userinfo endpoint, nothing else. */
export const userinfoAudience = (issuer: string) => `${issuer}${oidcPaths.userinfo}`;

/** A new single-use code for `grant`; only its hash is stored. */
export async function issueCode(services: Pick<Services, 'store' | 'now'>, clientId: string, grant: AuthorizationGrant): Promise<string> {
  const code = randomHandle();
  const now = services.now();
  await services.store.createAuthorizationCode({
    codeHash: sha256(code),
    clientId,
    grant,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_SECONDS * 1000).toISOString(),
  });
  return code;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** The claims a scope releases, in the id_token and at /userinfo. */
export function scopedClaims(user: UserRecord, scope: readonly string[]): Record<string, unknown> {
  return {
    ...(scope.includes('profile') ? { preferred_username: user.username, name: user.displayName } : {}),
    // The address and number are the user's factors, proven by code when the user set them or vouched for by an administrator.
    ...(scope.includes('email') && user.email ? { email: user.email, email_verified: true } : {}),
    ...(scope.includes('phone') && user.phone ? { phone_number: user.phone, phone_number_verified: true } : {}),
  };
}

const badGrant = () =>
  new OAuthError('invalid_grant', 'The code is invalid, expired, used, or was issued for another client, redirect URI or verifier.');

/**
 * `grant_type=authorization_code`: the code once, for the client it was issued to, with the same
 * redirect URI and the verifier of its challenge. A code that comes again revokes the access token
 * its first exchange made (RFC 6749 §4.1.2): whoever holds the copy may be an attacker.
 */
export async function exchangeCode(
  services: Services,
  client: ClientRecord,
  body: Record<string, unknown>,
  address: string | null = null,
): Promise<CodeTokenResponse> {
  const parsed = codeTokenRequest.safeParse(body);
  if (!parsed.success) throw new OAuthError('invalid_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { code, redirect_uri: redirectUri, code_verifier: verifier } = parsed.data;
  const now = services.now();
  const ttl = services.config.oidc.accessTokenSeconds;
  const jti = randomUUID();
  const used = await services.store.useAuthorizationCode(sha256(code), jti, now);
  if (!used) throw badGrant();
  const { record, first } = used;
  if (!first) {
    if (record.issuedJti) await services.store.revokeToken(record.issuedJti, new Date(new Date(record.expiresAt).getTime() + ttl * 1000));
    services.logger.warn({ clientId: record.clientId }, 'an authorization code was used twice: the tokens of its first exchange are revoked');
    services.audit.record({
      type: 'token.revoked',
      userId: record.grant.userId,
      clientId: record.clientId,
      address,
      details: { reason: 'code_reused', grant: 'authorization_code', presentedBy: client.clientId },
    });
    throw badGrant();
  }
  const { grant } = record;
  const valid =
    now.getTime() < new Date(record.expiresAt).getTime() &&
    record.clientId === client.clientId &&
    grant.redirectUri === redirectUri &&
    constantTimeEqual(s256(verifier), grant.codeChallenge);
  const user = valid ? await services.store.getUser(grant.userId) : null;
  if (!user) throw badGrant();

  const amr = amrOf(grant.methods, (m) => methods[m].amr);
  const authTime = new Date(grant.authTime);
  const [idToken, accessToken] = await Promise.all([
    services.tokens.issueIdToken(
      {
        sub: user.id,
        aud: client.clientId,
        authTime,
        nonce: grant.nonce,
        acr: grant.acr,
        amr,
        sid: grant.sid,
        claims: scopedClaims(user, grant.scope),
      },
      now,
    ),
    services.tokens.issueAccessToken(
      {
        sub: user.id,
        clientId: client.clientId,
        aud: userinfoAudience(services.config.issuer),
        ttlSeconds: ttl,
        jti,
        claims: { scope: grant.scope.join(' '), auth_time: Math.floor(authTime.getTime() / 1000), acr: grant.acr, amr },
      },
      now,
    ),
  ]);
  services.logger.info({ clientId: client.clientId, userId: user.id }, 'authorization code exchanged');
  services.audit.record({
    type: 'token.issued',
    userId: user.id,
    clientId: client.clientId,
    address,
    details: { tokenType: 'id_token+access_token', grant: 'authorization_code', acr: grant.acr, amr, scope: grant.scope },
  });
  return { access_token: accessToken, id_token: idToken, token_type: 'Bearer', expires_in: ttl, scope: grant.scope.join(' ') };
}
