/**
 * The flow API's shapes come from the contract (type-only imports: no zod reaches the bundle);
 * the rest of this file is what only the widget has.
 */
import type { ErrorCode } from '../contract/errors.js';

export type { MethodName as Method } from '../contract/methods.js';
export type { BackupCodeOption } from '../contract/backup-code.js';
export type { EmailOption } from '../contract/email.js';
export type { FlowOption, FlowResult, FlowState, FlowStatus, LoginResult, SettingsGrantResult, TotpEnrollment } from '../contract/flows.js';
export type { PasswordOption } from '../contract/password.js';
export type { SmsOption } from '../contract/sms.js';
export type { TotpOption } from '../contract/totp.js';

/**
 * Contract error codes, plus two the widget sets itself when no contract answer arrived:
 * `network_error` (fetch failed) and `unexpected_response` (not the contract's JSON).
 */
export type FlowErrorCode = ErrorCode | 'server_error' | 'network_error' | 'unexpected_response';

export interface FlowIssue {
  /** Dotted (`"phone"`, `""` for the body itself); an array from servers that sent zod's own. */
  path: string | (string | number)[];
  /** The zod issue's kind (`too_small`, `too_big`, `invalid_format`, …) when the server sends it. */
  code?: string;
  /** The server's English; never shown: the widget says it in the page's language. */
  message: string;
}

export interface FlowError {
  /** A {@link FlowErrorCode}; kept a string so codes added later still show their message. */
  error: string;
  /** The server's English, for logs and the page's own use; the widget shows its catalogue's words. */
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
