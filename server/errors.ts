import { errorStatus, type ErrorCode, type OAuthErrorCode } from '../contract/errors.js';

/**
 * The one error module: the contract's codes (contract/errors.ts) with their fixed messages.
 * Routes translate these to the contract's shape; nothing else invents error codes.
 */
export { errorStatus, type ErrorCode };

/** Fixed messages: security failures carry no detail that helps an attacker. */
const defaultMessages: Record<ErrorCode, string> = {
  invalid_request: 'The request is not valid.',
  unknown_client: 'This application is not registered.',
  origin_not_allowed: 'This site may not use this login.',
  flow_not_found: 'This login is no longer known. Please start again.',
  flow_expired: 'This login has expired. Please start again.',
  method_not_allowed: 'That sign-in method is not available at this step.',
  invalid_credentials: 'The username or password is not right.',
  invalid_code: 'That code is not right.',
  code_expired: 'That code has expired. Ask for a new one.',
  too_many_attempts: 'Too many wrong codes. Ask for a new one or start again.',
  rate_limited: 'Too many requests. Please wait and try again.',
  enrollment_required: 'This method has to be set up first.',
  delivery_failed: 'The message could not be sent. Please try again or choose another method.',
  unauthorized: 'Sign in again to continue.',
  not_found: 'Not found.',
  flow_conflict: 'This sign-in changed in another window at the same time. Please try again.',
  forbidden: 'This credential may not do that.',
  conflict: 'That conflicts with what exists already.',
  precondition_failed: 'It changed since it was read: read it again (If-Match names an old ETag).',
  precondition_required: 'Send If-Match with the ETag of what you read, so no other change is overwritten.',
};

export interface ErrorExtras {
  attemptsRemaining?: number;
  /** Seconds; also sent as the Retry-After header. */
  retryAfter?: number;
  issues?: { path: string; code?: string; message: string }[];
  [key: string]: unknown;
}

export class MfaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extras: ErrorExtras;
  /** For rate_limited: the kind of the counter that refused (never its key's value), for metrics. */
  limit?: string;

  constructor(code: ErrorCode, message?: string, extras: ErrorExtras = {}) {
    super(message ?? defaultMessages[code]);
    this.name = 'MfaError';
    this.code = code;
    this.status = errorStatus[code];
    // The contract gives every invalid_request its `issues`; one not from zod is about the request as a whole.
    this.extras = code === 'invalid_request' && !extras.issues ? { ...extras, issues: [{ path: '', message: this.message }] } : extras;
  }

  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extras };
  }
}

export const isMfaError = (e: unknown): e is MfaError => e instanceof MfaError;

/** A wrong code, with the contract's "N attempts left" wording. */
export function invalidCode(attemptsRemaining: number): MfaError {
  const left = attemptsRemaining === 1 ? '1 attempt left' : `${attemptsRemaining} attempts left`;
  return new MfaError('invalid_code', `That code is not right. ${left}.`, { attemptsRemaining });
}

/** `limit`: the refusing counter's kind (auth/limit-kind.ts), never its key. */
export function rateLimited(retryAfterSeconds: number, message?: string, limit?: string): MfaError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const error = new MfaError('rate_limited', message ?? `Too many requests. Try again in ${seconds} s.`, {
    retryAfter: seconds,
  });
  if (limit !== undefined) error.limit = limit;
  return error;
}

/** A wrong answer to an action whose method counts them: the engine counts it and answers the method's error (flow/engine.ts `counted`). */
export class WrongAnswer extends Error {}

/** A configuration that cannot work; raised at start-up, before any request. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** RFC 6749 §5.2 errors of the token endpoint: their own shape, `error` + `error_description`. */
export class OAuthError extends Error {
  readonly status: number;
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
    status?: number,
    /** Seconds, sent as Retry-After. */
    readonly retryAfter?: number,
    /** As MfaError's: the kind of the counter that refused, for metrics. */
    readonly limit?: string,
  ) {
    super(description);
    this.name = 'OAuthError';
    this.status = status ?? (error === 'invalid_client' ? 401 : 400);
  }

  toJSON(): Record<string, string> {
    return { error: this.error, error_description: this.description };
  }
}
