export interface TotpCredential {
  id: string;
  userId: string;
  /** The user's own name for it ("Phone", "YubiKey"); not unique. */
  name: string;
  /** AES-256-GCM under the master key; see crypto/keyring.ts */
  sealedSecret: string;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  digits: number;
  period: number;
  /** The last accepted RFC 6238 time step; never accepted again. */
  lastTimeStep: number | null;
  /** Step offsets (accepted step minus the server's step) of its last accepted codes, oldest first: its clock drift. */
  recentOffsets: number[];
  createdAt: string;
  lastUsedAt: string | null;
}

export type NewTotpCredential = Omit<TotpCredential, 'id' | 'createdAt' | 'lastTimeStep' | 'recentOffsets' | 'lastUsedAt' | 'name'> & {
  name?: string;
  /** The step of the code that confirmed it: used for the user at once. */
  lastTimeStep?: number | null;
  recentOffsets?: number[];
};

/** A code accepted from one authenticator: its time step, and its offset from the server's. */
export interface TotpUse {
  userId: string;
  credentialId: string;
  timeStep: number;
  offset: number;
  /**
   * The authenticator's offsets as read with it: while they are still the stored ones (no other
   * code of it was accepted since), one write records the use; otherwise they are read afresh.
   */
  recentOffsets?: number[];
}

/** How many step offsets an authenticator keeps. */
export const RECENT_OFFSETS = 3;

/** A device that completed a login for its user; `id` is the keyed hash of the token the device holds. */
export interface DeviceTokenRecord {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** A user's authenticator apps, oldest first; a used time step counts for all of them. */
export interface TotpStore {
  listTotp(userId: string): Promise<TotpCredential[]>;
  /** The user's oldest authenticator, or null when none. */
  getTotp(userId: string): Promise<TotpCredential | null>;
  /** Replaces every authenticator of the user with this one. */
  setTotp(credential: NewTotpCredential, now: Date): Promise<TotpCredential>;
  /** Adds one beside the others, unless the user has `max` already (null then). */
  addTotp(credential: NewTotpCredential, now: Date, max: number): Promise<TotpCredential | null>;
  /** Forgets every authenticator of the user. */
  deleteTotp(userId: string): Promise<boolean>;
  /** Forgets one authenticator; false when the user has none with this id (or, `unlessLast`, no other). */
  removeTotp(userId: string, credentialId: string, opts?: { unlessLast?: boolean }): Promise<boolean>;
  renameTotp(userId: string, credentialId: string, name: string): Promise<boolean>;
  /** A user's first authenticator; null when one exists already (say, set up at the same moment elsewhere). */
  createTotp(credential: NewTotpCredential, now: Date): Promise<TotpCredential | null>;
  /**
   * Records the step as used by the user and the authenticator, and its offset among the recent
   * ones; false when the user used this step already (with any authenticator) or this
   * authenticator a later one. Atomic.
   */
  useTotpStep(use: TotpUse, now: Date): Promise<boolean>;
  /** Forgets the steps used before `before`: by then no window reaches them. */
  sweepTotpSteps(before: Date): Promise<void>;
}

/** One-time recovery codes, kept as keyed hashes; adding any counts as a second factor (sets `mfaSince`). */
export interface BackupCodeStore {
  replaceBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  /** Adds the codes the user does not have yet (a used one is not made usable again); answers how many. */
  addBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<number>;
  /** Stores the codes only while the user has no unused ones; false otherwise (also under a race). */
  createBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<boolean>;
  countBackupCodes(userId: string): Promise<number>;
  /** Marks the code used; false when unknown or already used (also under a race). */
  consumeBackupCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  /** Makes a code consumed at `usedAt` usable again: the sign-in it was for did not go through. */
  releaseBackupCode(userId: string, codeHash: string, usedAt: Date): Promise<void>;
}

/** Devices that may skip a step for their user until the token expires. */
export interface DeviceTokenStore {
  /**
   * Records device tokens (by their keyed hash), each for its user until `expiresAt`; a token
   * whose user is gone by then, or whose user's devices were forgotten after it was made, is
   * skipped (so one deleted user does not cost the others theirs).
   */
  addDeviceTokens(tokens: DeviceTokenRecord[]): Promise<void>;
  /** The device token with this id while it has not expired; null when unknown, expired or revoked. */
  findDeviceToken(id: string, now: Date): Promise<DeviceTokenRecord | null>;
  /** Revokes every device token of the user, and any made before `now` that has yet to be added; answers how many there were. */
  deleteDeviceTokens(userId: string, now: Date): Promise<number>;
  /** Deletes the tokens that expired before `before`. */
  sweepDeviceTokens(before: Date): Promise<void>;
}

/** What proves a user beyond the password. */
export interface CredentialStore extends TotpStore, BackupCodeStore, DeviceTokenStore {
  /** Forgets every authenticator and backup code, and clears `mfaSince`: the next login enrols again. */
  resetSecondFactors(userId: string, now: Date): Promise<{ totpRemoved: boolean; backupCodesRemoved: number }>;
}
