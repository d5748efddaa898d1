import { randomUUID } from 'node:crypto';
import { adminScopes, type AdminScope } from '../../contract/admin-paths.js';
import { clientCredentialsBody } from '../../contract/token.js';
import { OAuthError } from '../errors.js';
import type { Services } from '../services.js';
import type { ClientRecord } from '../store/ports/clients.js';

/**
 * RFC 6749 §4.4 for the admin API: a confidential client (already authenticated by its secret)
 * granted admin scopes gets a short-lived RFC 9068 access token whose audience is the admin API
 * alone. Clients without such a scope are refused: a sign-in client's secret opens no back office.
 */
export async function clientCredentialsGrant(
  services: Pick<Services, 'tokens' | 'config' | 'now' | 'audit'>,
  client: ClientRecord,
  body: Record<string, unknown>,
  ip: string | null,
) {
  const granted = client.scopes.filter((s): s is AdminScope => (adminScopes as readonly string[]).includes(s));
  if (granted.length === 0) throw new OAuthError('unauthorized_client', 'This client may not use this grant type.');
  const parsed = clientCredentialsBody.safeParse({ scope: body.scope });
  if (!parsed.success) throw new OAuthError('invalid_scope', 'The requested scope is not valid.');
  const asked = parsed.data.scope?.split(' ');
  if (asked?.some((s) => !(granted as string[]).includes(s)))
    throw new OAuthError('invalid_scope', 'The requested scope is not granted to this client.');
  const scopes = asked ? [...new Set(asked)] : granted;
  const ttlSeconds = services.config.admin.accessTokenTtlSeconds;
  // Its jti is the `tokenId` the admin actions done with it are recorded under: never the token.
  const tokenId = randomUUID();
  const accessToken = await services.tokens.issueAdminAccessToken({ clientId: client.clientId, scopes, ttlSeconds, jti: tokenId }, services.now());
  services.audit.record({
    type: 'token.issued',
    clientId: client.clientId,
    address: ip,
    details: { tokenType: 'access_token', grant: 'client_credentials', scope: scopes.join(' '), tokenId },
  });
  return { access_token: accessToken, token_type: 'Bearer' as const, expires_in: ttlSeconds, scope: scopes.join(' ') };
}
