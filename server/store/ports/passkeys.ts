/** A WebAuthn credential of a user: the public key and what the authenticator last said of it. */
export interface PasskeyRecord {
  id: string;
  userId: string;
  /** The credential id, base64url: what the browser names it by. */
  credentialId: string;
  /** The COSE public key, base64url. */
  publicKey: string;
  /** The signature counter last seen; 0 for authenticators that do not count. */
  counter: number;
  transports: string[];
  /** Backup eligible: a passkey its provider may sync (it never changes for a credential). */
  backupEligible: boolean;
  /** Backed up, as the last use said. */
  backedUp: boolean;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type NewPasskey = Omit<PasskeyRecord, 'id' | 'createdAt' | 'lastUsedAt'>;

/** Passkeys by user; `credentialId` is unique across users. */
export interface PasskeyStore {
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  findPasskey(credentialId: string): Promise<PasskeyRecord | null>;
  /** Null when the credential id is registered already (to anyone). */
  createPasskey(passkey: NewPasskey, now: Date): Promise<PasskeyRecord | null>;
  /**
   * Records a use: the new counter only if it moved forward (or both are 0, an authenticator that
   * does not count). False when another use got there first or the counter went back. Atomic.
   */
  usePasskey(id: string, seen: number, counter: number, backedUp: boolean, now: Date): Promise<boolean>;
  renamePasskey(userId: string, id: string, name: string): Promise<boolean>;
  deletePasskey(userId: string, id: string): Promise<boolean>;
}
