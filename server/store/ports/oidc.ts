import type { MethodName } from '../../config.js';

/** What an authorization code stands for: checked at the token endpoint, then turned into tokens. */
export interface AuthorizationGrant {
  userId: string;
  redirectUri: string;
  /** RFC 7636 S256 challenge: BASE64URL(SHA256(code_verifier)). */
  codeChallenge: string;
  scope: string[];
  nonce: string | null;
  acr: string;
  methods: MethodName[];
  authTime: string;
  sid: string;
}

export interface AuthorizationCodeRecord {
  codeHash: string;
  clientId: string;
  grant: AuthorizationGrant;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  /** The `jti` of the access token the first exchange made, revoked when the code comes again. */
  issuedJti: string | null;
}

/** The single sign-on session of the hosted login page; the cookie holds the handle, the row its hash. */
export interface LoginSessionRecord {
  idHash: string;
  userId: string;
  methods: MethodName[];
  authTime: string;
  createdAt: string;
  expiresAt: string;
}

/** The OpenID Provider's state: codes, sign-on sessions and revoked access tokens. */
export interface OidcStore {
  createAuthorizationCode(code: Omit<AuthorizationCodeRecord, 'usedAt' | 'issuedJti'>): Promise<void>;
  /**
   * Marks the code used with the `jti` its tokens will carry, atomically. `first` is true for the
   * one caller that did so; a later caller gets the record as the first left it.
   */
  useAuthorizationCode(codeHash: string, jti: string, now: Date): Promise<{ record: AuthorizationCodeRecord; first: boolean } | null>;
  createLoginSession(session: LoginSessionRecord): Promise<void>;
  getLoginSession(idHash: string): Promise<LoginSessionRecord | null>;
  deleteLoginSession(idHash: string): Promise<void>;
  revokeToken(jti: string, expiresAt: Date): Promise<void>;
  isTokenRevoked(jti: string): Promise<boolean>;
  /** Deletes codes, sessions and revocation records that expired before `before`. */
  sweepOidc(before: Date): Promise<void>;
}
