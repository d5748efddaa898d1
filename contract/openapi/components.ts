import { errorAnswer, headerRef, json, schemaRef, type Responses } from './refs.js';

/** Answers shared by many operations; a generated step answer with the codes of one, and no note, refers to it. */
export const responses = {
  BadRequest: errorAnswer(
    'Bad request: `invalid_request`. A body that is not JSON, too large (> 16 kB), of the wrong shape (see `issues`) or with a NUL character in a string; also a concurrent change to the same flow (`conflict: true`).',
    'invalid_request',
  ),
  OriginNotAllowed: errorAnswer('Forbidden: `origin_not_allowed`. The browser origin is not one the client lists.', 'origin_not_allowed'),
  FlowNotFound: errorAnswer('Not found: `flow_not_found`. Unknown, forged or cancelled handle.', 'flow_not_found'),
  FlowExpired: errorAnswer('Gone: `flow_expired`.', 'flow_expired'),
  MethodNotAllowed: errorAnswer(
    'Not possible in this state: `method_not_allowed` (the method is not offered in the current step: steps cannot be skipped, the user is not identified yet, or the flow is complete), `enrollment_required`, or `flow_conflict` (the flow changed in a concurrent request: read it again with `introspect` and retry).',
    'method_not_allowed',
    'enrollment_required',
    'flow_conflict',
  ),
  InvalidCode: errorAnswer('Not authenticated: `invalid_code`.', 'invalid_code'),
  TooManyAttempts: errorAnswer(
    'Too many attempts or requests: `too_many_attempts`. The challenge is dead: ask for a new code, use another method or start again.',
    'too_many_attempts',
  ),
  RateLimited: {
    ...errorAnswer('Too many attempts or requests: `rate_limited`.', 'rate_limited'),
    headers: { 'Retry-After': headerRef('Retry-After') },
  },
  DeliveryFailed: errorAnswer(
    'Delivery failed: `delivery_failed`. The provider did not accept the message; the previous code, if any, still works.',
    'delivery_failed',
  ),
  ServerError: {
    description: 'Unexpected failure (`server_error`); the message never says why.',
    content: json({ ...schemaRef('Error'), properties: { error: { const: 'server_error' } } }),
  },
  FlowConflict: errorAnswer(
    '`flow_conflict` (with `conflict: true`): the same flow or change changed in a concurrent request. Read it again and retry.',
    'flow_conflict',
  ),
} satisfies Responses;

export const headers = {
  'No-Store': {
    description: 'Answers that may hold secrets are never cached.',
    schema: {
      type: 'string',
      const: 'no-store',
    },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again (RFC 9110).',
    schema: {
      type: 'integer',
      minimum: 1,
    },
  },
  'X-Request-Id': {
    description: "The request's id (see `Error.requestId`); sent with every answer.",
    schema: {
      type: 'string',
      pattern: '^[A-Za-z0-9._:/+=-]{1,64}$',
    },
  },
};

export const securitySchemes = {
  idToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "An id_token this server issued (`aud` any registered client). It reads the user's (masked) factors and starts a step-up; it never authorises a change.",
  },
  bearerAccessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token of the authorization code grant: an RFC 9068 JWT (`typ` at+jwt, `aud` `<issuer>/userinfo`). It is for `/userinfo` only; `/api/v1/me` refuses it for reads and changes alike.',
  },
  adminBearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An admin credential: an access token from `POST /oauth2/token` with `grant_type=client_credentials` by a confidential client granted `admin` (everything) or `admin:read` (reading only) — RFC 9068, `typ` at+jwt, `aud` `<issuer>/admin/v1`, valid `admin.accessTokenTtlSeconds` — or the static token set in `MFA_LOGIN_ADMIN_TOKEN` (at least 32 characters; compared as a keyed hash in constant time), which has `admin`. No id_token, settings grant or other token of this server is accepted.',
  },
  clientSecretBasic: {
    type: 'http',
    scheme: 'basic',
    description: '`clientId:clientSecret` (RFC 6749 §2.3.1).',
  },
  settingsGrant: {
    type: 'http',
    scheme: 'DPoP',
    description:
      'A settings grant from a step-up flow (`POST /api/v1/flows` with `purpose: settings`), sent as `Authorization: DPoP <grant>` with a `DPoP` proof header (RFC 9449) signed by the key whose public half started the step-up: `htm` and `htu` of this call, `iat` within 60 s, `ath` = base64url(SHA-256(grant)), a `jti` never used before. Valid `selfService.grantSeconds` (default 300 s), from the origin that ran the step-up only. A JWS with `typ` `mfa-settings+jwt` and `aud` `<issuer>/api/v1/me`: no relying party can take it for an id_token, and no id_token works here.',
  },
};
