/** The names in this file are the HTTP contract's (api.md); keep them in step with the server. */

export type Method = 'password' | 'sms' | 'totp' | 'backup_code' | 'email';

export interface PasswordOption {
  method: 'password';
}

export interface SmsOption {
  method: 'sms';
  enrolled: boolean;
  /** With `enrolled: false` always true: the server offers only options that can be used. */
  canEnroll?: boolean;
  /** Masked, e.g. `+1 ••• ••• 4567`. */
  phone?: string;
  /** A code was sent and can still be used. */
  sent?: boolean;
  resendAfter?: string;
  codeExpiresAt?: string;
  /** Wrong codes still allowed for the last code; 0 with `sent: false`: it is dead. */
  attemptsRemaining?: number;
}

export interface EmailOption {
  method: 'email';
  /** Masked, e.g. `a•••@example.com`. */
  email?: string;
  /** A code was sent and can still be used. */
  sent?: boolean;
  resendAfter?: string;
  codeExpiresAt?: string;
  /** Wrong codes still allowed for the last code; 0 with `sent: false`: it is dead. */
  attemptsRemaining?: number;
}

export interface TotpOption {
  method: 'totp';
  enrolled: boolean;
  canEnroll?: boolean;
}

export interface BackupCodeOption {
  method: 'backup_code';
  remaining: number;
  /** So few left that the user should hear it before being locked out. */
  low?: boolean;
}

export type FlowOption = PasswordOption | SmsOption | EmailOption | TotpOption | BackupCodeOption;

export interface TotpEnrollment {
  qrSvg?: string;
  qrDataUrl?: string;
  secret: string;
  otpauthUri?: string;
}

/** A login's result: the id_token the page gets. */
export interface LoginResult {
  idToken: string;
  tokenType: string;
  expiresIn: number;
}

/** A step-up's result (purpose `settings`): a grant only the settings element uses, never the page. */
export interface SettingsGrantResult {
  settingsGrant: string;
  tokenType: 'DPoP';
  expiresIn: number;
}

export type FlowResult = LoginResult | SettingsGrantResult;

/** An expired flow has no status: calls answer the `flow_expired` error. */
export type FlowStatus = 'pending' | 'complete' | 'cancelled';

export interface FlowState {
  flow: string;
  status: FlowStatus;
  expiresAt?: string;
  user?: { username: string; displayName?: string };
  step?: { number: number; total: number; options: FlowOption[] };
  enrollment?: TotpEnrollment;
  backupCodes?: string[];
  /** On the answer of `backup-code/verify`: the user's unused codes after this one. */
  backupCodesRemaining?: number;
  /** With `backupCodesRemaining` when 2 or fewer are left. */
  backupCodesLow?: boolean;
  /** `settings` on a step-up flow. */
  purpose?: 'login' | 'settings';
  result?: FlowResult;
  /** On the answer that completes a login: this device's token, sent back with later passwords for the user. */
  deviceToken?: string;
}

/**
 * Contract error codes, plus two the widget sets itself when no contract answer arrived:
 * `network_error` (fetch failed) and `unexpected_response` (not the contract's JSON).
 */
export type FlowErrorCode =
  | 'invalid_request'
  | 'unknown_client'
  | 'origin_not_allowed'
  | 'flow_not_found'
  | 'flow_expired'
  | 'method_not_allowed'
  | 'flow_conflict'
  | 'invalid_credentials'
  | 'invalid_code'
  | 'code_expired'
  | 'too_many_attempts'
  | 'rate_limited'
  | 'enrollment_required'
  | 'delivery_failed'
  | 'network_error'
  | 'unexpected_response';

export interface FlowIssue {
  /** Dotted (`"phone"`, `""` for the body itself); an array from servers that sent zod's own. */
  path: string | (string | number)[];
  message: string;
}

export interface FlowError {
  /** A {@link FlowErrorCode}; kept a string so codes added later still show their message. */
  error: string;
  message: string;
  attemptsRemaining?: number;
  retryAfter?: number;
  issues?: FlowIssue[];
  /** Set on a conflict; servers before `flow_conflict` sent it with `invalid_request`. */
  conflict?: boolean;
  /** The server's id of the failed request (also on its log lines): what support asks for. */
  requestId?: string;
}

/**
 * A step-up for `<mfa-login-settings>`: the flow runs with purpose `settings` for the user of
 * `idToken`, bound to `dpopKey`, and hands its grant to `onGrant` instead of any event.
 */
export interface StepUpConfig {
  idToken?: string;
  dpopKey: JsonWebKey;
  onGrant(grant: string, expiresIn: number): void;
}

/** What the page gives the element: its attributes. */
export interface FlowConfig {
  server: string;
  clientId: string;
  nonce?: string;
  acr?: string;
  loginHint?: string;
  stepUp?: StepUpConfig;
}
