import type { z } from 'zod';
import { clientConfigSchema, type clientSchema } from './config.js';
import type { Keyring } from './crypto/keyring.js';
import type { Services } from './services.js';
import type { ClientStore, NewClient } from './store/ports/clients.js';

export const hashClientSecret = (keyring: Keyring, clientId: string, secret: string) => keyring.hash(secret, `client-secret:${clientId}`);

/** A client as the store keeps it: the secret only as a keyed hash. */
export function clientRecord(input: z.input<typeof clientSchema>, keyring: Keyring, existingSecretHash: string | null = null): NewClient {
  const c = clientConfigSchema.parse(input);
  return {
    clientId: c.clientId,
    name: c.name,
    allowedOrigins: [...new Set(c.allowedOrigins)],
    clientSecretHash: c.clientSecret ? hashClientSecret(keyring, c.clientId, c.clientSecret) : existingSecretHash,
    sequence: c.sequence,
    acrSequences: c.acrSequences,
    defaultAcr: c.defaultAcr,
    allowPhoneEnrollment: c.allowPhoneEnrollment,
    allowTotpEnrollment: c.allowTotpEnrollment,
    scopes: c.scopes,
    redirectUris: [...new Set(c.redirectUris)],
    postLogoutRedirectUris: [...new Set(c.postLogoutRedirectUris)],
    public: c.public,
    // A public client never keeps a secret, not even one stored before it became public.
    ...(c.public ? { clientSecretHash: null } : {}),
    logoUri: c.logoUri ?? null,
    cssUri: c.cssUri ?? null,
    passkeyAlone: c.passkeyAlone,
    trustDeviceDays: c.trustDevice.enabled ? c.trustDevice.days : 0,
  };
}

/** Clients in the config file win over the store, so the file stays the source of truth for them. */
export async function syncConfigClients(services: Pick<Services, 'config' | 'keyring' | 'now'> & { store: ClientStore }): Promise<void> {
  for (const c of services.config.clients) {
    const existing = await services.store.getClient(c.clientId);
    await services.store.upsertClient(clientRecord(c, services.keyring, existing?.clientSecretHash ?? null), services.now());
  }
}
