import { hashClientSecret } from '../clients.js';
import { constantTimeEqual } from '../crypto/codes.js';
import { spend, refund, type Limit, type RegulatorStore } from '../auth/regulator.js';
import { isMfaError, OAuthError } from '../errors.js';
import type { Services } from '../services.js';
import type { ClientRecord, ClientStore } from '../store/ports/clients.js';

type ClientAuthDeps = Pick<Services, 'keyring' | 'now'> & { store: RegulatorStore & Pick<ClientStore, 'getClient'> };

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  viaBasic: boolean;
}

/** RFC 6749 §2.3.1: HTTP Basic (form-encoded id and secret) or client_id/client_secret in the body. */
export function clientCredentials(authorization: string | undefined, body: Record<string, unknown>): ClientCredentials | null {
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    try {
      return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)), viaBasic: true };
    } catch {
      return null;
    }
  }
  if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
    return { clientId: body.client_id, clientSecret: body.client_secret, viaBasic: false };
  }
  return null;
}

/**
 * Wrong client secrets allowed, counted before the secret is compared (a right one is given
 * back). Per address a hard limit: a guesser stops at 20 in 15 minutes and blocks only itself.
 * Per client a short one: 60 a minute from all addresses together caps guessing at 86,400 a day,
 * and a stranger who reaches it (45 addresses at their own limit) holds the right secret back
 * for the rest of that minute at most.
 */
export const CLIENT_SECRET_LIMITS = {
  perAddress: { max: 20, windowSeconds: 900 },
  perClient: { max: 60, windowSeconds: 60 },
} as const;

const tooMany = 'Too many failed client authentications. Try again later.';

function secretLimits(services: ClientAuthDeps, credentials: ClientCredentials | null, ip: string | null): Limit[] {
  const { perAddress, perClient } = CLIENT_SECRET_LIMITS;
  return [
    ...(ip ? [{ key: `oauth:secret:ip:${ip}`, ...perAddress, message: tooMany }] : []),
    // A keyed hash: whatever was typed as the client id (a secret, by mistake) is not kept.
    ...(credentials
      ? [{ key: `oauth:secret:client:${services.keyring.hash(credentials.clientId, 'oauth-client-counter')}`, ...perClient, message: tooMany }]
      : []),
  ];
}

/** The client, when its secret matches the stored hash; `invalid_client` otherwise, 429 past the limits. */
export async function authenticateClient(services: ClientAuthDeps, credentials: ClientCredentials | null, ip: string | null): Promise<ClientRecord> {
  const now = services.now();
  const limits = secretLimits(services, credentials, ip);
  try {
    for (const limit of limits) await spend(services.store, limit, now);
  } catch (e) {
    if (isMfaError(e) && e.code === 'rate_limited') throw new OAuthError('invalid_request', e.message, 429, Number(e.extras.retryAfter));
    throw e;
  }
  const client = await matchingClient(services, credentials);
  for (const limit of limits) await refund(services.store, limit, now);
  return client;
}

async function matchingClient(services: ClientAuthDeps, credentials: ClientCredentials | null): Promise<ClientRecord> {
  const fail = () => new OAuthError('invalid_client', 'Client authentication failed.');
  // No client id holds NUL, and Postgres text cannot: such an id is simply unknown.
  if (!credentials || credentials.clientId.includes('\u0000')) throw fail();
  const client = await services.store.getClient(credentials.clientId);
  const given = hashClientSecret(services.keyring, credentials.clientId, credentials.clientSecret);
  if (!client?.clientSecretHash || !constantTimeEqual(given, client.clientSecretHash)) throw fail();
  return client;
}

/** Token endpoint auth method `none`: a registered public client, named by `client_id` alone. */
export async function publicClient(services: { store: Pick<ClientStore, 'getClient'> }, clientId: unknown): Promise<ClientRecord> {
  const client = typeof clientId === 'string' && !clientId.includes('\u0000') ? await services.store.getClient(clientId) : null;
  if (!client?.public) throw new OAuthError('invalid_client', 'Client authentication failed.');
  return client;
}
