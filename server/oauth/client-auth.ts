import { hashClientSecret } from '../clients.js';
import { constantTimeEqual } from '../crypto/codes.js';
import { OAuthError } from '../errors.js';
import type { Services } from '../services.js';
import type { ClientRecord } from '../store/types.js';

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

/** The client, when its secret matches the stored hash; `invalid_client` otherwise. */
export async function authenticateClient(services: Services, credentials: ClientCredentials | null): Promise<ClientRecord> {
  const fail = () => new OAuthError('invalid_client', 'Client authentication failed.');
  // No client id holds NUL, and Postgres text cannot: such an id is simply unknown.
  if (!credentials || credentials.clientId.includes('\u0000')) throw fail();
  const client = await services.store.getClient(credentials.clientId);
  const given = hashClientSecret(services.keyring, credentials.clientId, credentials.clientSecret);
  if (!client?.clientSecretHash || !constantTimeEqual(given, client.clientSecretHash)) throw fail();
  return client;
}
