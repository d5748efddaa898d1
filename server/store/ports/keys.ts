export interface SigningKeyRecord {
  kid: string;
  alg: string;
  sealedPrivateJwk: string;
  publicJwk: Record<string, unknown>;
  createdAt: string;
  /** When a newer key took over; the key stays in the JWKS until its tokens expired. */
  retiredAt: string | null;
}

export type NewSigningKey = Omit<SigningKeyRecord, 'retiredAt'>;

/** The keys that sign id_tokens, sealed under the master key. */
export interface KeyStore {
  addSigningKey(key: NewSigningKey): Promise<void>;
  /** Newest first (by creation, then kid): the order every instance agrees on. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  /** Adds the key only while the store has none of its algorithm; false otherwise (also under a race). */
  addFirstSigningKey(key: NewSigningKey): Promise<boolean>;
  /**
   * Retires the active keys older than `kid` in that order. Two instances making a first key at
   * once thus leave exactly one active key, the newer one, and never retire each other's.
   */
  retireSigningKeys(kid: string, now: Date): Promise<void>;
  deleteSigningKeysRetiredBefore(before: Date): Promise<number>;
}
