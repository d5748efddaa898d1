import { z } from 'zod';

/**
 * Every failure the flow and settings APIs know, with its HTTP status. server/errors.ts builds
 * its errors from this table; the `Error` schema's `error` enum is these codes.
 */
export const errorStatus = {
  invalid_request: 400,
  unknown_client: 400,
  origin_not_allowed: 403,
  flow_not_found: 404,
  flow_expired: 410,
  method_not_allowed: 409,
  invalid_credentials: 401,
  invalid_code: 401,
  code_expired: 410,
  too_many_attempts: 429,
  rate_limited: 429,
  enrollment_required: 409,
  delivery_failed: 502,
  unauthorized: 401,
  not_found: 404,
  flow_conflict: 409,
  forbidden: 403,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
} as const;

export type ErrorCode = keyof typeof errorStatus;

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

/** An unexpected failure (500): the one code not in the table, since no route raises it on purpose. */
export const SERVER_ERROR = 'server_error';

const requestIdPattern = /^[A-Za-z0-9._:/+=-]{1,64}$/;
const requestIdExample = '0b6e7a8c-4d1f-4c2a-9f3e-5a7b8c9d0e1f';

export const errorIssue = z.object({
  path: z.string().meta({ description: 'Dotted path into the body; empty for the body itself.' }),
  code: z.string().optional().meta({
    description:
      "The kind of issue as zod names it (`too_small`, `too_big`, `invalid_format`, `invalid_type`, …): what a client needs to say what is wrong in its own language; absent for a check of the server's own (such as the body as a whole).",
  }),
  message: z.string().meta({ description: 'In English, for logs; a client shows its own words.' }),
});

export const errorBody = z
  .object({
    error: z.enum([...errorCodes, SERVER_ERROR]).meta({
      description:
        'Stable code. `not_found`: no such endpoint (or thing). `forbidden` (admin API): the credential is valid but its scope does not cover this call. `conflict` (admin API): the thing exists already, or is defined in the config file. `precondition_failed` / `precondition_required` (admin API): `If-Match` does not name the current `ETag`, or is missing. `unauthorized`: self-service call without a valid credential (`reauthenticate`), or a change without a valid settings grant and proof (`stepUp`). `server_error` (500): an unexpected failure; the message never says why.',
    }),
    message: z.string().meta({ description: 'For people; fixed wording for security failures.' }),
    attemptsRemaining: z.int().min(0).optional().meta({ description: 'With `invalid_credentials` and `invalid_code`.' }),
    retryAfter: z.int().min(1).optional().meta({ description: 'Seconds, with `rate_limited`; also sent as the `Retry-After` header.' }),
    issues: z.array(errorIssue).optional().meta({ description: 'With `invalid_request` for a body of the wrong shape.' }),
    reauthenticate: z.literal(true).optional().meta({
      description: 'Self-service: the id_token is missing, invalid or expired: sign in again, then retry. With `unauthorized`.',
    }),
    conflict: z.literal(true).optional().meta({
      description: 'With `flow_conflict` (409): the flow changed in another request at the same moment; read it again (`introspect`) and retry.',
    }),
    stepUp: z.literal(true).optional().meta({
      description:
        'Self-service: a change needs a settings grant (none, expired, or its proof refused): run a step-up (`purpose: settings`), then retry. With `unauthorized`, and with `too_many_attempts` from `/me/totp/verify`.',
    }),
    requestId: z
      .string()
      .regex(requestIdPattern)
      .meta({
        description:
          "This request's id, also in the `X-Request-Id` answer header and on every log line of the request: quote it to support. Taken from the request's `X-Request-Id` when `trustProxy` is on and it matches, else made (a UUID).",
        examples: [requestIdExample],
      }),
  })
  .meta({
    description: 'The one error shape of the flow API and self-service API.',
    examples: [{ error: 'invalid_code', message: 'That code is not right. 2 attempts left.', attemptsRemaining: 2, requestId: requestIdExample }],
  });

export type ErrorBody = z.output<typeof errorBody>;

export const oauthErrorCodes = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'temporarily_unavailable',
  'invalid_scope',
  'unsupported_response_type',
  'login_required',
  'invalid_token',
] as const;
export type OAuthErrorCode = (typeof oauthErrorCodes)[number];

/** RFC 6749 §5.2: the token endpoint's own error shape. */
export const oauthErrorBody = z
  .object({
    error: z.enum(oauthErrorCodes),
    error_description: z.string().meta({ examples: ['OTP Expired', 'OTP Invalid', 'Too many attempts'] }),
    requestId: z
      .string()
      .regex(requestIdPattern)
      .meta({
        description: "As `Error.requestId`: this request's id, also in the `X-Request-Id` header and the request's log lines.",
        examples: [requestIdExample],
      }),
  })
  .meta({ description: 'RFC 6749 §5.2 error of the token endpoint.' });

export type OAuthErrorBody = z.output<typeof oauthErrorBody>;
