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
  /** Set by an admin: the user cannot sign in (the password step answers as for a wrong password). */
  disabled: boolean;
  /** Bumped by every change; an admin API ETag names it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type NewUser = Pick<UserRecord, 'username' | 'displayName' | 'passwordHash'> & Partial<Pick<UserRecord, 'phone' | 'email' | 'smsDisabled'>>;

export type UserPatch = Partial<Pick<UserRecord, 'displayName' | 'passwordHash' | 'phone' | 'email' | 'smsDisabled' | 'mfaSince' | 'disabled'>>;

/** A page of users in username order, narrowed by any of the filters. */
export interface UserQuery {
  /** Usernames after this one (the last of the previous page). */
  after?: string;
  limit: number;
  /** Usernames starting with this. */
  usernamePrefix?: string;
  /** This address, any case. */
  email?: string;
  /** This number, E.164. */
  phone?: string;
}

/** The people who sign in. */
export interface UserStore {
  createUser(user: NewUser, now: Date): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  findUserByUsername(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  updateUser(id: string, patch: UserPatch, now: Date): Promise<UserRecord>;
  /** Applies the patch only while the user's `version` is still `version`; null otherwise (changed meanwhile, or gone). Atomic. */
  updateUserIfVersion(id: string, version: number, patch: UserPatch, now: Date): Promise<UserRecord | null>;
  searchUsers(query: UserQuery): Promise<UserRecord[]>;
  /** Deletes the user with every credential of theirs. */
  deleteUser(id: string): Promise<boolean>;
  /** Sets `mfaSince` unless it is set already. */
  markSecondFactor(userId: string, now: Date): Promise<void>;
  /** Registers the user's first phone (and marks the second factor); false when one is set already. */
  enrollPhone(userId: string, phone: string, now: Date): Promise<boolean>;
}

export class UsernameTakenError extends Error {
  constructor(username: string) {
    super(`A user named "${username}" already exists.`);
    this.name = 'UsernameTakenError';
  }
}
