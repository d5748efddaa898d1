/** The document's front matter; the description's list of changes is made from `changes`. */
export const info = {
  title: 'mfa-login',
  version: '0.1.0',
  summary: 'Drop-in multi-factor login ending with a signed OpenID Connect id_token.',
  description:
    "The HTTP contract of mfa-login: the flow API the `<mfa-login>` element (or any client) drives, OpenID Connect discovery, the SMS OTP token grant, self-service settings and development helpers.\n\nA **flow** is one login attempt. It is addressed by an opaque handle `flow` (256 random bits) sent in the JSON body of every call, never in a URL. Every successful flow call answers the flow state; every failure answers `{error, message}` (see `Error`) with the status that fits. A browser origin must be in the client's allow-list (CORS); calls without `Origin` are treated as non-browser clients.\n\n",
  license: {
    name: 'MIT',
    identifier: 'MIT',
  },
};

export const CHANGES_HEADING = '## Changes beyond the contract (api.md)';

/** What this server adds beyond api.md, the contract it started from. */
export const changes: { what: string; change: string }[] = [
  {
    what: 'POST /api/v1/flows/sms/enroll',
    change:
      '`{flow, phone}` registers a phone in a flow when the client has `allowPhoneEnrollment` (shown as `canEnroll` on the sms option); `sms/verify` saves it.',
  },
  {
    what: 'step.options fields',
    change:
      'totp: `enrolled`, `canEnroll`, `attemptsRemaining`; sms: `enrolled`, `canEnroll`, `sent`, `attemptsRemaining`; email: `email` (masked), `sent`, `resendAfter`, `codeExpiresAt`, `attemptsRemaining`; backup_code: `low`.',
  },
  {
    what: 'backupCodes',
    change:
      "Answered once by the call that finishes a user's first second factor of any kind (a TOTP enrolment, a phone registration, a first sign-in with a phone an admin registered or with an e-mailed code), when the user had no codes.",
  },
  {
    what: 'backupCodesRemaining',
    change: 'Added to the answer of `backup-code/verify`, with `backupCodesLow: true` when 2 or fewer remain.',
  },
  {
    what: 'loginHint',
    change: 'Echoed in the flow state until the user is identified.',
  },
  {
    what: 'enrollment on resume',
    change: 'A pending TOTP enrolment shows `enrollment` on every state of the flow (e.g. `introspect` after a reload).',
  },
  {
    what: 'POST /api/v1/flows → 201',
    change:
      'Flow start answers 201 Created; cancel answers `{flow, status: "cancelled", expiresAt}` and ends a completed flow too (its id_token can no longer be read back). A flow whose current step has nothing left to try (every attempt used up) ends as well: later calls answer `flow_not_found`. A completed flow expires like a pending one.',
  },
  {
    what: 'id_token claims',
    change: '`amr`: backup codes and e-mailed codes give `otp`; added `methods` (method names used, in order), `preferred_username`, `name`, `jti`.',
  },
  {
    what: 'TOTP throttle per account',
    change:
      '`totp/verify` answers `rate_limited` (with `Retry-After`) after 4 × `totp.maxAttempts` wrong codes for one user within 15 minutes, across flows.',
  },
  {
    what: 'Backup code throttle per account',
    change: '`backup-code/verify` answers `rate_limited` (with `Retry-After`) after 20 wrong codes for one user within 15 minutes, across flows.',
  },
  {
    what: 'Enrolment on first use only',
    change:
      'In a login, `totp/enroll` and `sms/enroll` are offered (`canEnroll`) only on first use: until the user has set up or used a second factor (a finished enrolment, a sign-in with any second factor, backup codes from an admin; `user reset-totp` starts over). Later factors are added through `/api/v1/me`. An enrolment begun on first use is refused (`method_not_allowed`) when another sign-in set up a factor meanwhile. Options that cannot be used (nothing enrolled and nothing to enrol, attempts used up) are not sent; a step left with no options answers `options: []` and can only be cancelled.',
  },
  {
    what: 'Error.conflict',
    change: '`flow_conflict` (409, with `conflict: true`) when the same flow changed in a concurrent request.',
  },
  {
    what: 'Error codes',
    change:
      '`unauthorized` (self-service, with `reauthenticate: true` when the sign-in is not fresh), `not_found` (no such endpoint), `server_error` (500, unexpected failures; no detail).',
  },
  {
    what: 'Error.retryAfter',
    change:
      '`rate_limited` carries `retryAfter` (seconds) as well as the `Retry-After` header; `too_many_attempts` is 429 without `Retry-After` (waiting does not help: ask for a new code or start again).',
  },
  {
    what: 'Request bodies',
    change:
      'JSON up to 16 kB (larger: `invalid_request`); `text/plain` and `application/*+json` bodies are read as JSON too; a string holding NUL (U+0000) is `invalid_request`. A body that cannot be read (not JSON, too large, an unsupported encoding) answers `invalid_request` with one entry in `issues`, at path `""`.',
  },
  {
    what: '/api/v1/me',
    change:
      'Self-service for the signed-in user (Bearer id_token of this server): read the factors (`GET /api/v1/me`), set up or replace an authenticator app, register or change the phone, regenerate backup codes. Changes need a fresh sign-in with a second factor (`selfService.freshSeconds`), else `401 unauthorized` with `reauthenticate: true`.',
  },
  {
    what: 'POST /oauth2/token',
    change:
      "As api.md; also answers `429` (`invalid_request` + `Retry-After`) inside the resend wait for the number (the wait of verification texts, apart from logins' sign-in texts) or when send caps are reached, `502 temporarily_unavailable` when the SMS provider fails and `409 temporarily_unavailable` when another request checked a code for the same reference at the same moment (no verdict: try again; every guess counts against `sms.maxAttempts` before it is compared); the access token is an RFC 9068 JWT; the id_token adds `phone_number` and `phone_number_verified`.",
  },
  {
    what: 'Cache-Control: no-store',
    change: 'Every flow, self-service and token answer (they can hold an id_token, a TOTP secret or backup codes).',
  },
  {
    what: 'openid-configuration',
    change:
      'Also `token_endpoint_auth_methods_supported`, `response_types_supported`, `subject_types_supported`, `claims_supported`, `amr_values_supported`.',
  },
  {
    what: 'dev outbox',
    change: 'E-mail entries carry `subject`; `GET /api/v1/dev/demo` answers the demo credentials (development only).',
  },
  {
    what: 'settings step-up',
    change:
      'Changes under `/api/v1/me` take a settings grant (`Authorization: DPoP` plus a `DPoP` proof) from a flow started with `purpose: settings`, `idToken` and `dpopKey`; an id_token only reads. Errors carry `stepUp: true` when a step-up is the way on. Each change is logged and told to the user by e-mail and text.',
  },
  {
    what: 'GET /healthz, GET /readyz',
    change:
      "Liveness and readiness probes at the issuer's root (a mounted router's mount point): no credentials, `Cache-Control: no-store`; `/readyz` answers 503 naming the checks that failed (`store`, `signingKey`, `providers`), and while the server shuts down.",
  },
  {
    what: 'requestId',
    change:
      "Every answer has an `X-Request-Id` header (the request's own when `trustProxy` is on and it is 1–64 of `A-Z a-z 0-9 . _ : / + = -`, else a new UUID); every error answer, the token endpoint's OAuth errors too, carries it as `requestId`, and so does every log line of that request.",
  },
  {
    what: 'OpenID Provider',
    change:
      '`GET /authorize` (code flow, PKCE S256 required, hosted `<mfa-login>` page, single sign-on cookie), `POST /authorize/complete`, `grant_type=authorization_code` at `/oauth2/token` (`client_secret_basic`, `client_secret_post`, `none` for public clients), `GET/POST /userinfo`, `GET /logout` (RP-initiated logout). Discovery: `authorization_endpoint`, `userinfo_endpoint`, `end_session_endpoint`, `response_types_supported` is now `["code"]`, `code_challenge_methods_supported`, `scopes_supported`, `ui_locales_supported`.',
  },
];

export const tags = [
  {
    name: 'openid',
    description: 'OpenID Provider: the hosted login page, userinfo, logout (the code grant is at the token endpoint).',
  },
  {
    name: 'flows',
    description: 'The flow API: JSON in, JSON out; the handle travels in bodies.',
  },
  {
    name: 'tokens',
    description: 'OAuth 2.0 token endpoint.',
  },
  {
    name: 'discovery',
    description: 'Metadata and keys.',
  },
  {
    name: 'self-service',
    description: "The signed-in user's own settings.",
  },
  {
    name: 'development',
    description: 'Development only: mounted when `devOutbox` is on, never in production.',
  },
  {
    name: 'admin',
    description:
      'The admin API for a back office: users, factors and clients. Every call needs `Authorization: Bearer` with an access token from the `client_credentials` grant of a client granted `admin` or `admin:read`, or the static token of `MFA_LOGIN_ADMIN_TOKEN`. No CORS: call it from a server. The CLI runs the same operations.',
  },
  {
    name: 'operations',
    description: 'Probes for containers and orchestrators: no credentials, never cached.',
  },
];

export const servers = [
  {
    url: 'http://localhost:3000',
    description: "Replaced by the server's issuer URL when served at /api/v1/openapi.json.",
  },
];
