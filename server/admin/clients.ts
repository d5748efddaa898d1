import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { AdminClient } from '../../contract/admin.js';
import { clientRecord, hashClientSecret } from '../clients.js';
import { clientConfigSchema, type clientSchema, type ClientConfig } from '../config.js';
import { MfaError } from '../errors.js';
import type { Services } from '../services.js';
import type { ClientRecord, NewClient } from '../store/types.js';
import { type AdminActor, reportAdminAction } from './report.js';
import type { Expected } from './users.js';

/**
 * Clients as the admin API and the CLI manage them. Two homes: the config file, which wins over
 * the store at every start (so such clients are read-only here: `conflict`), and the store, where
 * clients made by the CLI or the API live.
 */

/** A client's settings as an admin gives them; `null` for `logoUri`/`cssUri` means none, as left out does. */
export type ClientInput = Omit<z.input<typeof clientSchema>, 'clientSecret' | 'clientId' | 'logoUri' | 'cssUri'> & {
  logoUri?: string | null;
  cssUri?: string | null;
};

export const newClientSecret = () => randomBytes(32).toString('base64url');

const inConfig = (services: Pick<Services, 'config'>, clientId: string): ClientConfig | undefined =>
  services.config.clients.find((c) => c.clientId === clientId);

const fromConfig = (clientId: string, change: 'change' | 'remove') =>
  new MfaError('conflict', `Client "${clientId}" is defined in the config file; ${change} it there.`);

const noClient = (clientId: string) => new MfaError('not_found', `No client "${clientId}".`);

/** The fields an admin reads, named one by one: no hash, no store bookkeeping, nothing added later by accident. */
export function clientView(c: NewClient, source: AdminClient['source']): AdminClient {
  return {
    clientId: c.clientId,
    name: c.name,
    allowedOrigins: c.allowedOrigins,
    hasSecret: c.clientSecretHash !== null,
    sequence: c.sequence,
    acrSequences: c.acrSequences,
    defaultAcr: c.defaultAcr,
    allowPhoneEnrollment: c.allowPhoneEnrollment,
    allowTotpEnrollment: c.allowTotpEnrollment,
    redirectUris: c.redirectUris,
    postLogoutRedirectUris: c.postLogoutRedirectUris,
    public: c.public,
    logoUri: c.logoUri,
    cssUri: c.cssUri,
    passkeyAlone: c.passkeyAlone === true,
    // As the config file writes it, so that what is read can be sent back.
    trustDevice: c.trustDeviceDays > 0 ? { enabled: true, days: c.trustDeviceDays } : { enabled: false, days: 30 },
    scopes: c.scopes as AdminClient['scopes'],
    source,
  };
}

/** Clients in the store and in the config file (one not yet synced shows already). */
export async function listClients(services: Services): Promise<AdminClient[]> {
  const stored = await services.store.listClients();
  const byId = new Map<string, AdminClient>(stored.map((c) => [c.clientId, clientView(c, inConfig(services, c.clientId) ? 'config' : 'store')]));
  for (const c of services.config.clients) if (!byId.has(c.clientId)) byId.set(c.clientId, clientView(clientRecord(c, services.keyring), 'config'));
  return [...byId.values()].sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
}

/** The client and its version (for the ETag); a config client not synced yet has version 0. */
export async function getClient(services: Services, clientId: string): Promise<{ client: AdminClient; version: number }> {
  const stored = await services.store.getClient(clientId);
  const config = inConfig(services, clientId);
  if (stored) return { client: clientView(stored, config ? 'config' : 'store'), version: stored.version };
  if (config) return { client: clientView(clientRecord(config, services.keyring), 'config'), version: 0 };
  throw noClient(clientId);
}

/** The config schema checks what the contract let through (origins become origins), as for a config file. */
function parsed(input: ClientInput & { clientId: string }, clientSecret?: string): ClientConfig {
  const { logoUri, cssUri, ...rest } = input;
  const result = clientConfigSchema.safeParse({
    ...rest,
    ...(logoUri ? { logoUri } : {}),
    ...(cssUri ? { cssUri } : {}),
    ...(clientSecret ? { clientSecret } : {}),
  });
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message }));
  throw new MfaError('invalid_request', `${issues[0]!.path || 'body'}: ${issues[0]!.message}`, { issues });
}

/** A new client in the store; with `generateSecret`, its secret is answered once. */
export async function createClient(
  services: Services,
  actor: AdminActor,
  input: ClientInput & { clientId: string },
  secret: { generate: true } | { given: string } | null,
): Promise<{ client: ClientRecord; clientSecret?: string }> {
  const clientSecret = secret === null ? undefined : 'given' in secret ? secret.given : newClientSecret();
  // Checked with the secret: a public client has none, as in the config file.
  const config = parsed(input, clientSecret);
  if (inConfig(services, config.clientId)) throw fromConfig(config.clientId, 'change');
  const record = clientRecord(config, services.keyring);
  const client = await services.store.createClient(record, services.now());
  if (!client) throw new MfaError('conflict', `A client "${config.clientId}" already exists.`);
  reportAdminAction(services, actor, { action: 'client.create', target: { clientId: client.clientId } });
  return { client, ...(secret && 'generate' in secret ? { clientSecret } : {}) };
}

/** Replaces a stored client's settings, its secret kept, at the version the caller read. */
export async function replaceClient(
  services: Services,
  actor: AdminActor,
  clientId: string,
  input: ClientInput,
  expected: Expected,
): Promise<ClientRecord> {
  if (inConfig(services, clientId)) throw fromConfig(clientId, 'change');
  const current = await services.store.getClient(clientId);
  if (!current) throw noClient(clientId);
  if (expected !== 'any' && current.version !== expected) throw new MfaError('precondition_failed');
  const record = clientRecord({ ...parsed({ ...input, clientId }) }, services.keyring, current.clientSecretHash);
  const replaced = await services.store.replaceClientIfVersion(record, current.version);
  if (!replaced) throw new MfaError('precondition_failed');
  reportAdminAction(services, actor, { action: 'client.replace', target: { clientId }, changed: changedFields(current, replaced) });
  return replaced;
}

function changedFields(before: ClientRecord, after: ClientRecord): string[] {
  const keys = [
    'name',
    'allowedOrigins',
    'sequence',
    'acrSequences',
    'defaultAcr',
    'allowPhoneEnrollment',
    'allowTotpEnrollment',
    'redirectUris',
    'postLogoutRedirectUris',
    'public',
    'logoUri',
    'cssUri',
    'passkeyAlone',
    'trustDeviceDays',
    'scopes',
  ] as const;
  const changed: string[] = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  // Becoming public drops the secret.
  return before.clientSecretHash !== after.clientSecretHash ? [...changed, 'clientSecret'] : changed;
}

/** Deletes a stored client; false when there was none (idempotent). Flows it started can no longer finish. */
export async function deleteClient(services: Services, actor: AdminActor, clientId: string, expected: Expected): Promise<boolean> {
  if (inConfig(services, clientId)) throw fromConfig(clientId, 'remove');
  const current = await services.store.getClient(clientId);
  if (!current) return false;
  if (expected !== 'any' && current.version !== expected) throw new MfaError('precondition_failed');
  const deleted = await services.store.deleteClient(clientId);
  if (deleted) reportAdminAction(services, actor, { action: 'client.delete', target: { clientId } });
  return deleted;
}

/** A new secret, answered once and stored as a keyed hash; the old one stops working at once. */
export async function rotateClientSecret(
  services: Services,
  actor: AdminActor,
  clientId: string,
): Promise<{ client: ClientRecord; clientSecret: string }> {
  if (inConfig(services, clientId)) throw fromConfig(clientId, 'change');
  const clientSecret = newClientSecret();
  if ((await services.store.getClient(clientId))?.public) throw new MfaError('conflict', `Client "${clientId}" is public: it has no secret.`);
  // A concurrent change of the client bumps its version: read again and retry, never undo it.
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await services.store.getClient(clientId);
    if (!current) throw noClient(clientId);
    const { createdAt: _, version, ...rest } = current;
    const client = await services.store.replaceClientIfVersion(
      { ...rest, clientSecretHash: hashClientSecret(services.keyring, clientId, clientSecret) },
      version,
    );
    if (client) {
      reportAdminAction(services, actor, { action: 'client.rotate-secret', target: { clientId }, changed: ['clientSecret'] });
      return { client, clientSecret };
    }
  }
  throw new MfaError('precondition_failed');
}
