import { ADMIN, adminRoutes } from '../admin-paths.js';
import { auditEventTypes } from '../audit.js';
import type { ErrorCode } from '../errors.js';
import { errorAnswer, headerRef, type Json, json, type PathItems, requestOf, responseRef, schemaRef } from './refs.js';
import type { SchemaName } from './schemas.js';

interface Operation {
  summary: string;
  description?: string;
  request?: SchemaName;
  /** The success answer: its status and schema (none for 204). */
  ok: { status: 200 | 201 | 204; schema?: SchemaName; description: string; etag?: boolean };
  /** `required`: 428 without it; `optional`: checked when sent. */
  ifMatch?: 'required' | 'optional';
  /** Error codes beyond the credential's (401, 403) and 500. */
  errors?: ErrorCode[];
  query?: Json[];
}

const etagHeader = {
  ETag: {
    description: 'The version of what was answered: send it back in `If-Match` to change it.',
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
};

const userId = { name: 'userId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
/** A path parameter naming one item of a user's factors. */
const itemId = (name: string, description: string, pattern: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern },
});
const authenticatorId = itemId('authenticatorId', 'An `id` of `totp.authenticators` in the factors.', '^[A-Za-z0-9-]{1,64}$');
const passkeyId = itemId('passkeyId', 'An `id` of `passkeys` in the factors.', '^[A-Za-z0-9-]{1,64}$');
const deviceId = itemId('deviceId', 'An `id` of `trustedDevices` in the factors.', '^[A-Za-z0-9_-]{1,64}$');
const clientId = { name: 'clientId', in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._~-]{1,64}$' } };
const queryParam = (name: string, description: string, schema: Json = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

const ifMatchParam = (required: boolean) => ({
  name: 'If-Match',
  in: 'header',
  required,
  description: required
    ? 'The `ETag` answered when this was read: the change is made only while it is still current (412 otherwise; 428 without the header). `*` means any version.'
    : 'Optional: when sent, the deletion is made only while it names the current `ETag` (412 otherwise).',
  schema: { type: 'string', examples: ['"3"', '*'] },
});

/** What each admin operation takes and answers; the paths and scopes come from contract/admin-paths.ts. */
const operations: Record<string, Operation> = {
  adminListUsers: {
    summary: 'List users, a page at a time',
    description: 'In username order; narrowed by any of `username` (prefix), `email` (exact, any case) and `phone` (exact, normalised to E.164).',
    ok: { status: 200, schema: 'AdminUserList', description: 'A page of users.' },
    errors: ['invalid_request'],
    query: [
      queryParam('username', 'Usernames starting with this (normalised as at sign-in: trimmed, NFKC, lower case).'),
      queryParam('email', 'This address, any case.'),
      queryParam('phone', 'This number; national numbers need `sms.defaultCountry`.'),
      queryParam('cursor', '`nextCursor` of the previous page.'),
      queryParam('limit', 'Page size, 1–200 (default 50).', { type: 'integer', minimum: 1, maximum: 200, default: 50 }),
    ],
  },
  adminCreateUser: {
    summary: 'Create a user',
    request: 'AdminCreateUser',
    ok: { status: 201, schema: 'AdminCreatedUser', description: 'The user; a generated password is answered this once.', etag: true },
    errors: ['invalid_request', 'conflict'],
  },
  adminGetUser: { summary: 'Read a user', ok: { status: 200, schema: 'AdminUser', description: 'The user.', etag: true }, errors: ['not_found'] },
  adminUpdateUser: {
    summary: "Change a user's display name, phone, e-mail, SMS or sign-in switch",
    request: 'AdminUpdateUser',
    ifMatch: 'required',
    ok: { status: 200, schema: 'AdminUser', description: 'The user as changed.', etag: true },
    errors: ['invalid_request', 'not_found'],
  },
  adminDeleteUser: {
    summary: 'Delete a user with every credential of theirs',
    description: 'Idempotent: an unknown user answers 204 too.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Gone.' },
  },
  adminDisableUser: {
    summary: 'Stop a user from signing in',
    description: 'Idempotent. The password step then answers as for a wrong password; flows in progress end; id_tokens no longer open self-service.',
    request: 'AdminEmpty',
    ok: { status: 200, schema: 'AdminUser', description: 'The user.', etag: true },
    errors: ['invalid_request', 'not_found'],
  },
  adminEnableUser: {
    summary: 'Let a disabled user sign in again',
    request: 'AdminEmpty',
    ok: { status: 200, schema: 'AdminUser', description: 'The user.', etag: true },
    errors: ['invalid_request', 'not_found'],
  },
  adminListFactors: {
    summary: "A user's factors, never a secret",
    ok: { status: 200, schema: 'AdminFactors', description: 'What is set up.' },
    errors: ['not_found'],
  },
  adminResetTotp: {
    summary: 'Reset the second factor: the next login enrols again',
    description: 'Forgets every authenticator and the backup codes (a lost phone may have held both) and stops trusting the devices that signed in.',
    request: 'AdminEmpty',
    ok: { status: 200, schema: 'AdminTotpReset', description: 'What was removed.' },
    errors: ['invalid_request', 'not_found'],
  },
  adminEnrolTotp: {
    summary: 'Assisted set-up of an authenticator app (help desk)',
    description:
      'A new TOTP secret, in force at once, answered this once as the otpauth URI and its QR code (SVG) for the user to scan; never again readable. It is added beside the authenticators the user has (409 at the most a user may have, 10); with `replace: true` it replaces all of them.',
    request: 'AdminTotpEnrolRequest',
    ok: { status: 200, schema: 'AdminTotpEnrolment', description: 'The new authenticator, shown once.' },
    errors: ['invalid_request', 'not_found', 'conflict'],
  },
  adminRemoveTotp: {
    summary: 'Remove one authenticator app of a user',
    description:
      "Its codes stop working; the user's other authenticators keep working. Idempotent: an id the user has no authenticator under answers 204 too. Removing the last one does not reset the second factor (use `totp/reset` for that).",
    ok: { status: 204, description: 'Gone.' },
    errors: ['not_found'],
  },
  adminGenerateBackupCodes: {
    summary: 'New backup codes, shown once',
    description: 'Replaces every code the user has.',
    request: 'AdminEmpty',
    ok: { status: 200, schema: 'AdminBackupCodes', description: 'The new codes.' },
    errors: ['invalid_request', 'not_found'],
  },
  adminImportBackupCodes: {
    summary: 'Import backup codes chosen elsewhere',
    request: 'AdminImportBackupCodes',
    ok: { status: 200, schema: 'AdminImportedBackupCodes', description: 'How many were taken.' },
    errors: ['invalid_request', 'not_found'],
  },
  adminRemovePhone: {
    summary: "Remove a user's phone",
    description: 'Idempotent: a user without a phone answers 204 too.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'No phone now.' },
    errors: ['not_found'],
  },
  adminRemovePasskey: {
    summary: 'Remove one passkey of a user',
    description:
      "It no longer signs in, from the next attempt on; the user's other passkeys keep working. Idempotent: an id the user has no passkey under answers 204 too.",
    ok: { status: 204, description: 'Gone.' },
    errors: ['not_found'],
  },
  adminRevokeTrustedDevices: {
    summary: 'Revoke every trusted device of a user',
    description:
      'Each browser the user trusted to skip the second step asks for it again at its next login, on every client. Idempotent: a user with none answers 204 too.',
    ok: { status: 204, description: 'None trusted now.' },
    errors: ['not_found'],
  },
  adminRevokeTrustedDevice: {
    summary: 'Revoke one trusted device of a user',
    description:
      "That browser asks for the second step again at its next login; the user's other devices stay trusted. Idempotent: an id the user has no live device under answers 204 too.",
    ok: { status: 204, description: 'Not trusted now.' },
    errors: ['not_found'],
  },
  adminListClients: {
    summary: 'List clients, from the store and the config file',
    ok: { status: 200, schema: 'AdminClientList', description: 'Every client.' },
  },
  adminCreateClient: {
    summary: 'Register a client (kept in the store)',
    request: 'AdminCreateClient',
    ok: { status: 201, schema: 'AdminClientWithSecret', description: 'The client; a generated secret is answered this once.', etag: true },
    errors: ['invalid_request', 'conflict'],
  },
  adminGetClient: {
    summary: 'Read a client',
    ok: { status: 200, schema: 'AdminClient', description: 'The client.', etag: true },
    errors: ['not_found'],
  },
  adminReplaceClient: {
    summary: "Replace a client's settings",
    description: 'The secret is kept (rotate it on its own). A client from the config file is read-only here: 409.',
    request: 'AdminReplaceClient',
    ifMatch: 'required',
    ok: { status: 200, schema: 'AdminClient', description: 'The client as replaced.', etag: true },
    errors: ['invalid_request', 'not_found', 'conflict'],
  },
  adminDeleteClient: {
    summary: 'Delete a client',
    description: 'Idempotent: an unknown client answers 204 too. A client from the config file: 409. Flows it started can no longer finish.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Gone.' },
    errors: ['conflict'],
  },
  adminRotateClientSecret: {
    summary: "Rotate a client's secret",
    description: 'A new secret, answered this once and stored as a keyed hash; the old one stops working at once.',
    request: 'AdminEmpty',
    ok: { status: 200, schema: 'AdminClientWithSecret', description: 'The client and its new secret.', etag: true },
    errors: ['invalid_request', 'not_found', 'conflict'],
  },
  adminListEvents: {
    summary: 'Read the audit log, a page at a time',
    description:
      'Security events (sign-ins, refusals, factor changes, tokens issued, admin actions), narrowed by user, client, type and time, in the stable order time then id (`order`, newest first by default). Page with `nextCursor`, keeping the same filters.',
    ok: { status: 200, schema: 'AuditEventsPage', description: 'A page of events.' },
    errors: ['invalid_request'],
    query: [
      queryParam('user', 'Events of this user id.'),
      queryParam('client', 'Events of this client id.'),
      {
        name: 'type',
        in: 'query',
        required: false,
        description: 'Events of this type; repeat for several.',
        style: 'form',
        explode: true,
        schema: { type: 'array', items: { type: 'string', enum: [...auditEventTypes] } },
      },
      queryParam('from', 'Events at or after this moment (RFC 3339).', { type: 'string', format: 'date-time' }),
      queryParam('to', 'Events before this moment (RFC 3339).', { type: 'string', format: 'date-time' }),
      queryParam('order', '`desc` (newest first, the default) or `asc`.', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }),
      queryParam('cursor', '`nextCursor` of the previous page.'),
      queryParam('limit', 'Page size, 1–500 (default 50).', { type: 'integer', minimum: 1, maximum: 500, default: 50 }),
    ],
  },
};

const STATUS_OF: Partial<Record<ErrorCode, string>> = {
  invalid_request: '400',
  not_found: '404',
  conflict: '409',
};

const ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  invalid_request:
    'Bad request: `invalid_request` (see `issues`): a body or query of the wrong shape, not JSON, too large (> 16 kB), or a value refused (a phone number of a country not served).',
  not_found: 'Not found: `not_found`.',
  conflict: '`conflict`: it exists already, or it is defined in the config file (read-only here).',
};

function operationOf(route: (typeof adminRoutes)[number]): Json {
  const op = operations[route.operationId];
  if (!op) throw new Error(`${route.operationId} is not described`);
  const params: Json[] = [
    ...(route.path.includes('{userId}') ? [userId] : []),
    ...(route.path.includes('{authenticatorId}') ? [authenticatorId] : []),
    ...(route.path.includes('{passkeyId}') ? [passkeyId] : []),
    ...(route.path.includes('{deviceId}') ? [deviceId] : []),
    ...(route.path.includes('{clientId}') ? [clientId] : []),
    ...(op.query ?? []),
    ...(op.ifMatch ? [ifMatchParam(op.ifMatch === 'required')] : []),
  ];
  const responses: Record<string, Json> = {
    [String(op.ok.status)]: {
      description: op.ok.description,
      headers: { 'Cache-Control': headerRef('No-Store'), ...(op.ok.etag ? etagHeader : {}) },
      ...(op.ok.schema ? { content: json(schemaRef(op.ok.schema)) } : {}),
    },
    '401': {
      description:
        'Not authenticated: `unauthorized`, always in the same words, whatever was wrong (no credential, an unknown or expired token, a token for anything but the admin API, a client since deleted).',
      headers: { 'WWW-Authenticate': { schema: { type: 'string', const: 'Bearer realm="mfa-login admin"' } } },
      content: json({ ...schemaRef('Error'), properties: { error: { enum: ['unauthorized'] } } }),
    },
    '403': errorAnswer(`Forbidden: \`forbidden\`. The credential's scope does not cover this (needs \`${route.scope}\`, or \`admin\`).`, 'forbidden'),
    '500': responseRef('ServerError'),
  };
  for (const code of op.errors ?? []) responses[STATUS_OF[code]!] = errorAnswer(ERROR_TEXT[code]!, code);
  if (op.ifMatch) {
    responses['412'] = errorAnswer(
      '`precondition_failed`: `If-Match` does not name the current `ETag`: it changed since it was read. Read it again.',
      'precondition_failed',
    );
    if (op.ifMatch === 'required')
      responses['428'] = errorAnswer('`precondition_required`: send `If-Match` with the `ETag` that was read.', 'precondition_required');
  }
  return {
    tags: ['admin'],
    operationId: route.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: [{ adminBearer: [route.scope] }],
    ...(params.length ? { parameters: params } : {}),
    ...(op.request ? { requestBody: requestOf(op.request) } : {}),
    responses,
  };
}

/** The admin API's operations, one per route of contract/admin-paths.ts. */
export const adminPaths: PathItems = adminRoutes.reduce<PathItems>((paths, route) => {
  paths[route.path] ??= {};
  paths[route.path]![route.method] = operationOf(route);
  return paths;
}, {});

export { ADMIN };
