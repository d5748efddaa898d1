import type { Sequence } from '../../config.js';

export interface ClientRecord {
  clientId: string;
  name: string;
  allowedOrigins: string[];
  clientSecretHash: string | null;
  sequence: Sequence;
  acrSequences: Record<string, Sequence>;
  defaultAcr: string;
  allowPhoneEnrollment: boolean;
  allowTotpEnrollment: boolean;
  /** OpenID Connect: exact redirect URIs, logout return URIs, no secret (PKCE only), hosted page theming. */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  public: boolean;
  logoUri: string | null;
  cssUri: string | null;
  passkeyAlone: boolean;
  /** Days a device trusted after a login skips the second step; 0: devices are not trusted. */
  trustDeviceDays: number;
  /** Admin API scopes for the client_credentials grant; a client with any runs no sign-in. */
  scopes: string[];
  /** Bumped by every change; an admin API ETag names it. */
  version: number;
  createdAt: string;
}

/** `passkeyAlone` may be left out: false. */
export type NewClient = Omit<ClientRecord, 'createdAt' | 'version' | 'passkeyAlone'> & { passkeyAlone?: boolean };

/** The relying parties: their origins, secrets and step sequences. */
export interface ClientStore {
  upsertClient(client: NewClient, now: Date): Promise<ClientRecord>;
  /** Adds the client unless its id is taken; null then (also under a race). */
  createClient(client: NewClient, now: Date): Promise<ClientRecord | null>;
  /** Replaces the client only while its `version` is still `version`; null otherwise. Atomic. */
  replaceClientIfVersion(client: NewClient, version: number): Promise<ClientRecord | null>;
  getClient(clientId: string): Promise<ClientRecord | null>;
  listClients(): Promise<ClientRecord[]>;
  deleteClient(clientId: string): Promise<boolean>;
}
