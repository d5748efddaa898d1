import { adminScopes, type AdminScope } from '../../contract/admin-paths.js';
import { constantTimeEqual } from '../crypto/codes.js';
import { ConfigError } from '../errors.js';
import type { Services } from '../services.js';
import { adminAudience } from '../tokens/tokens.js';
import { verifyOwnToken } from '../tokens/verify.js';
import type { AdminActor } from './report.js';

/** Who calls the admin API, and what their credential allows. */
export interface AdminCredential {
  actor: AdminActor;
  scopes: AdminScope[];
}

/** The environment variable holding the static admin token of a small deployment. */
export const ADMIN_TOKEN_ENV = 'MFA_LOGIN_ADMIN_TOKEN';
const MIN_TOKEN_LENGTH = 32;

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const BEARER = /^Bearer[ ]+([\x21-\x7E]{1,8192})\s*$/i;

const tokenHash = (services: Pick<Services, 'keyring'>, token: string) => services.keyring.hash(token, 'admin-token');

const isScope = (s: string): s is AdminScope => (adminScopes as readonly string[]).includes(s);

/**
 * Checks an admin API credential: a `client_credentials` access token of this server (`at+jwt`,
 * audience the admin API, its client still there and still granted the scopes), or the static
 * token from the environment, compared as a keyed hash in constant time. Null for anything else,
 * whichever check refused it: every refusal looks the same.
 */
export function adminAuthenticator(services: Services, env: NodeJS.ProcessEnv) {
  const configured = env[ADMIN_TOKEN_ENV];
  if (configured !== undefined && configured.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(`${ADMIN_TOKEN_ENV} must be at least ${MIN_TOKEN_LENGTH} characters (say, openssl rand -base64 32).`);
  }
  const staticHash = configured ? tokenHash(services, configured) : null;

  async function byAccessToken(token: string, address: string | null): Promise<AdminCredential | null> {
    const payload = await verifyOwnToken(services, token, {
      audience: adminAudience(services.config.issuer),
      typ: 'at+jwt',
      requiredClaims: ['sub', 'client_id', 'scope', 'exp', 'iat', 'jti'],
    });
    if (!payload) return null;
    const { client_id: clientId, scope, jti } = payload;
    if (typeof clientId !== 'string' || typeof scope !== 'string' || typeof jti !== 'string' || payload.sub !== clientId) return null;
    const client = await services.store.getClient(clientId);
    if (!client) return null;
    // What the client is granted now: a scope taken away stops its tokens at once.
    const scopes = scope.split(' ').filter((s): s is AdminScope => isScope(s) && client.scopes.includes(s));
    return { actor: { kind: 'client', clientId, tokenId: jti, address }, scopes };
  }

  // The static token is named in the audit log by a short keyed hash of it: which one, never the token.
  const staticTokenId = staticHash ? services.keyring.hash(staticHash, 'admin-token-id').slice(0, 16) : '';

  /** `address`: the caller's, for the audit log of what the credential then does. */
  return async function authenticate(authorization: string | undefined, address: string | null = null): Promise<AdminCredential | null> {
    const token = BEARER.exec(authorization ?? '')?.[1];
    if (!token) return null;
    if (COMPACT_JWS.test(token)) return byAccessToken(token, address);
    if (staticHash && constantTimeEqual(tokenHash(services, token), staticHash))
      return { actor: { kind: 'admin-token', tokenId: staticTokenId, address }, scopes: ['admin'] };
    return null;
  };
}

/** `admin` allows everything, `admin:read` the reading routes only. */
export const allows = (credential: AdminCredential, needed: AdminScope) => credential.scopes.includes('admin') || credential.scopes.includes(needed);
