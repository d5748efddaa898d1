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
  createdAt: string;
}

/** The relying parties: their origins, secrets and step sequences. */
export interface ClientStore {
  upsertClient(client: Omit<ClientRecord, 'createdAt' | 'passkeyAlone'> & { passkeyAlone?: boolean }, now: Date): Promise<ClientRecord>;
  getClient(clientId: string): Promise<ClientRecord | null>;
  listClients(): Promise<ClientRecord[]>;
  deleteClient(clientId: string): Promise<boolean>;
}
