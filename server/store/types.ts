import type { MethodName, Sequence } from '../config.js';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  /** E.164 */
  phone: string | null;
  email: string | null;
  smsDisabled: boolean;
  /**
   * When the user first set up or used a second factor (or was given backup codes); null until
   * then and again after `user reset-totp`. While null, a login may enrol a factor (first use).
   */
  mfaSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewUser = Pick<UserRecord, 'username' | 'displayName' | 'passwordHash'> &
  Partial<Pick<UserRecord, 'phone' | 'email' | 'smsDisabled'>>;

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'phone' | 'email' | 'smsDisabled' | 'mfaSince'>>;

export interface TotpCredential {
  id: string;
  userId: string;
  /** AES-256-GCM under the master key; see crypto/keyring.ts */
  sealedSecret: string;
  algorithm: 'sha1' | 'sha256' | 'sha512';
  digits: number;
  period: number;
  /** The last accepted RFC 6238 time step; never accepted again. */
  lastTimeStep: number | null;
  createdAt: string;
}

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
  createdAt: string;
}

export interface SigningKeyRecord {
  kid: string;
  alg: string;
  sealedPrivateJwk: string;
  publicJwk: Record<string, unknown>;
  createdAt: string;
  /** When a newer key took over; the key stays in the JWKS until its tokens expired. */
  retiredAt: string | null;
}

/** A one-time code sent by SMS or e-mail, held inside its flow. */
export interface CodeChallenge {
  to: string;
  codeHash: string;
  sentAt: string;
  expiresAt: string;
  attempts: number;
  /** True once verified, failed too often, or replaced. */
  dead: boolean;
  /**
   * Set when the code verifies a number that is not the asking account's own: a phone being
   * registered, or the token grant's. Such codes have their own budget (methods/sms.ts textCode).
   */
  enrolling?: boolean;
}

export interface FlowData {
  /** Wrong answers per method in this flow. */
  attempts: Partial<Record<MethodName, number>>;
  sms?: CodeChallenge;
  email?: CodeChallenge;
  /** A TOTP secret shown to the user but not yet confirmed with a code. */
  totpEnrollment?: { sealedSecret: string; startedAt: string };
  /** A step-up's binding: the browser key's thumbprint and the origin that runs it. */
  stepUp?: { jkt: string; origin: string };
}

export type FlowStatus = 'pending' | 'complete' | 'cancelled';

/**
 * What a row of the flows table is: a login driven by the flow API, a step-up for settings (the
 * flow API's purpose `settings`, ending in a settings grant), an SMS OTP grant challenge, or a
 * self-service change in progress. Only `login` and `step-up` rows answer the flow API.
 */
export type FlowKind = 'login' | 'step-up' | 'sms-otp' | 'self-service';

export type FlowResult =
  | {
      /** Sealed with the master key (tokens/flow-result.ts resultContext); opened only to answer. */
      idToken: string;
      tokenType: 'Bearer';
      expiresIn: number;
    }
  | {
      /** A step-up's settings grant, sealed like an id_token. */
      settingsGrant: string;
      tokenType: 'DPoP';
      expiresIn: number;
    };

export interface FlowRecord {
  /** sha256 of the handle: a leaked database holds no live handle. */
  id: string;
  kind: FlowKind;
  clientId: string;
  sequence: Sequence;
  acr: string;
  stepIndex: number;
  status: FlowStatus;
  userId: string | null;
  /** Methods that satisfied the steps so far, in order. */
  methods: MethodName[];
  nonce: string | null;
  loginHint: string | null;
  ip: string | null;
  createdAt: string;
  expiresAt: string;
  authTime: string | null;
  data: FlowData;
  result: FlowResult | null;
  version: number;
}

/** A device that completed a login for its user; `id` is the keyed hash of the token the device holds. */
export interface DeviceTokenRecord {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface Counter {
  count: number;
  resetAt: Date;
}

/**
 * Everything the server keeps. SQLite and Postgres implement it; callers ask only for this.
 * Methods that guard a secret's single use (`useTotpStep`, `consumeBackupCode`, `saveFlow`)
 * are atomic, so N server instances on one database stay correct.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** One cheap query on a table the store made: rejects when the database cannot be reached. */
  ping(): Promise<void>;

  createUser(user: NewUser, now: Date): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: UserPatch, now: Date): Promise<UserRecord>;
  deleteUser(id: string): Promise<boolean>;
  /** Sets `mfaSince` unless it is set already. */
  markSecondFactor(userId: string, now: Date): Promise<void>;
  /** Registers the user's first phone (and marks the second factor); false when one is set already. */
  enrollPhone(userId: string, phone: string, now: Date): Promise<boolean>;

  getTotp(userId: string): Promise<TotpCredential | null>;
  setTotp(credential: Omit<TotpCredential, 'id' | 'createdAt' | 'lastTimeStep'> & { lastTimeStep?: number | null }, now: Date): Promise<TotpCredential>;
  deleteTotp(userId: string): Promise<boolean>;
  /** A user's first authenticator; null when one exists already (say, set up at the same moment elsewhere). */
  createTotp(credential: Omit<TotpCredential, 'id' | 'createdAt' | 'lastTimeStep'> & { lastTimeStep?: number | null }, now: Date): Promise<TotpCredential | null>;
  /** Records `timeStep` as used; false when it or a later step already was. */
  useTotpStep(credentialId: string, timeStep: number): Promise<boolean>;

  /** Backup codes count as a second factor: adding any sets `mfaSince`. */
  replaceBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<void>;
  /** Adds the codes the user does not have yet (a used one is not made usable again); answers how many. */
  addBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<number>;
  /** Stores the codes only while the user has no unused ones; false otherwise (also under a race). */
  createBackupCodes(userId: string, codeHashes: string[], now: Date): Promise<boolean>;
  /** Forgets the authenticator and every backup code, and clears `mfaSince`: the next login enrols again. */
  resetSecondFactors(userId: string, now: Date): Promise<{ totpRemoved: boolean; backupCodesRemoved: number }>;
  countBackupCodes(userId: string): Promise<number>;
  /** Marks the code used; false when unknown or already used (also under a race). */
  consumeBackupCode(userId: string, codeHash: string, now: Date): Promise<boolean>;
  /** Makes a code consumed at `usedAt` usable again: the sign-in it was for did not go through. */
  releaseBackupCode(userId: string, codeHash: string, usedAt: Date): Promise<void>;

  upsertClient(client: Omit<ClientRecord, 'createdAt'>, now: Date): Promise<ClientRecord>;
  getClient(clientId: string): Promise<ClientRecord | null>;
  listClients(): Promise<ClientRecord[]>;
  deleteClient(clientId: string): Promise<boolean>;

  addSigningKey(key: Omit<SigningKeyRecord, 'retiredAt'>): Promise<void>;
  /** Newest first (by creation, then kid): the order every instance agrees on. */
  listSigningKeys(): Promise<SigningKeyRecord[]>;
  /** Adds the key only while the store has none of its algorithm; false otherwise (also under a race). */
  addFirstSigningKey(key: Omit<SigningKeyRecord, 'retiredAt'>): Promise<boolean>;
  /**
   * Retires the active keys older than `kid` in that order. Two instances making a first key at
   * once thus leave exactly one active key, the newer one, and never retire each other's.
   */
  retireSigningKeys(kid: string, now: Date): Promise<void>;
  deleteSigningKeysRetiredBefore(before: Date): Promise<number>;

  createFlow(flow: FlowRecord): Promise<void>;
  getFlow(id: string): Promise<FlowRecord | null>;
  /** Saves when `flow.version` is still current and bumps it; false on a concurrent change. */
  saveFlow(flow: FlowRecord): Promise<boolean>;
  /** Records a device token (by its keyed hash) for the user until `expiresAt`. */
  addDeviceToken(token: Omit<DeviceTokenRecord, 'createdAt'>, now: Date): Promise<void>;
  /** The device token with this id while it has not expired; null when unknown, expired or revoked. */
  findDeviceToken(id: string, now: Date): Promise<DeviceTokenRecord | null>;
  /** Revokes every device token of the user; answers how many there were. */
  deleteDeviceTokens(userId: string): Promise<number>;

  /**
   * Deletes flows and device tokens expired before `before` and rate counters of windows long past; answers the
   * flow API's flows (login, step-up) it deleted unfinished (abandoned), for metrics.
   */
  sweep(before: Date): Promise<{ clientId: string; acr: string }[]>;

  /** Counts one event in a fixed window and answers the window's total. */
  hit(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  peek(key: string, windowSeconds: number, now: Date): Promise<Counter>;
  /** Gives back one event counted by `hit` at `at` (an attempt that turned out to be right). */
  refund(key: string, windowSeconds: number, at: Date): Promise<void>;
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`A user named "${username}" already exists.`);
    this.name = 'UsernameTakenError';
  }
}

/** The database itself failed (unreachable, login refused), said without the URL's password. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}
