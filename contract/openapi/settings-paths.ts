import { errorAnswer, errorOf, headerRef, json, noStoreAnswer, requestOf, responseRef, schemaRef, type Json, type PathItems } from './refs.js';
import type { SchemaName } from './schemas.js';

/** What every /api/v1/me operation answers for a bad request, a token in the URL included. */
/** A change's 401: it needs the DPoP-bound settings grant, never an id_token. */
const changeUnauthorized = {
  description:
    'Not authenticated: `unauthorized`. With `stepUp: true`: no settings grant, an expired one, a missing or refused DPoP proof, another origin, or an id_token (which never authorises a change); with `reauthenticate: true`: an invalid credential.',
  content: json(errorOf('unauthorized')),
};

const meBadRequest = {
  description:
    'Bad request: `invalid_request`. Also a token sent in the URL (`access_token`, `id_token` or `token` query parameter): it is refused, never read.',
  content: json(errorOf('invalid_request')),
};

/** The user's factors, as most /api/v1/me operations answer them. */
const meFactors = {
  headers: {
    'Cache-Control': headerRef('No-Store'),
  },
  description: "The user's factors.",
  content: json(schemaRef('Me')),
};

/** The operations of self-service: what each answers, with which status. */
export const settingsPaths: PathItems = {
  '/api/v1/me': {
    get: {
      tags: ['self-service'],
      operationId: 'getMe',
      summary: "The signed-in user's factors",
      description:
        'What is set up, never a secret: phone and address masked as in a login. Any valid id_token this server issued for the user is enough to read; `freshUntil` says until when it also allows changes.',
      security: [
        {
          idToken: [],
        },
        {
          settingsGrant: [],
        },
      ],
      responses: {
        '200': meFactors,
        '400': meBadRequest,
        '401': {
          description:
            'Not authenticated: `unauthorized`. No, invalid or expired id_token (always with `reauthenticate: true`); for a change, also a sign-in older than `selfService.freshSeconds` or without a second factor.',
          content: json(errorOf('unauthorized')),
        },
        '403': responseRef('OriginNotAllowed'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/totp/enroll': {
    post: {
      tags: ['self-service'],
      operationId: 'meEnrollTotp',
      summary: 'Add an authenticator app',
      description:
        'Answers `enrollment` (as in the flow API); the same secret again until it is confirmed, also after a wrong code, so the user does not scan again. It expires with the settings grant. The apps set up already keep working; `/me/totp/verify` adds the new one beside them.',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('EmptyRequest'),
      responses: {
        '200': {
          headers: {
            'Cache-Control': headerRef('No-Store'),
          },
          description: 'The enrolment to show.',
          content: json(schemaRef('MeEnrollment')),
        },
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '409': responseRef('FlowConflict'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/totp/verify': {
    post: {
      tags: ['self-service'],
      operationId: 'meVerifyTotp',
      summary: 'Confirm the new authenticator app',
      description:
        'Checks a code from the app being set up; a right one adds it, under `name`, beside the others (10 at most). `totp.maxAttempts` wrong codes per sign-in; a wrong one keeps the secret, so the user types the next code from the same app.',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('MeTotpVerifyRequest'),
      responses: {
        '200': meFactors,
        '400': meBadRequest,
        '401': {
          description:
            'Not authenticated: `unauthorized`. With `stepUp: true`: no settings grant, an expired one, a missing or refused DPoP proof, another origin, or an id_token (which never authorises a change); with `reauthenticate: true`: an invalid credential.',
          content: json(errorOf('unauthorized', 'invalid_code')),
        },
        '403': responseRef('OriginNotAllowed'),
        '409': {
          description:
            'Not possible in this state: `enrollment_required`. No enrolment was started. `method_not_allowed`: the user has the most authenticators allowed. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('enrollment_required', 'method_not_allowed', 'flow_conflict')),
        },
        '429': errorAnswer(
          'Too many attempts or requests: `too_many_attempts`. With `reauthenticate: true`: a new sign-in allows new tries.',
          'too_many_attempts',
        ),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/totp/remove': {
    post: {
      tags: ['self-service'],
      operationId: 'meRemoveTotp',
      summary: 'Remove an authenticator app',
      description:
        'Its codes stop working at once. The last one cannot be removed here (an administrator can): it would leave no app to confirm a change with.',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('MeTotpRemoveRequest'),
      responses: {
        '200': meFactors,
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '404': errorAnswer('Not found: `not_found`. The user has no authenticator with this id.', 'not_found'),
        '409': errorAnswer('Not possible in this state: `method_not_allowed`. It is the last authenticator app.', 'method_not_allowed'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/totp/rename': {
    post: {
      tags: ['self-service'],
      operationId: 'meRenameTotp',
      summary: 'Rename an authenticator app',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('MeTotpRenameRequest'),
      responses: {
        '200': meFactors,
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '404': errorAnswer('Not found: `not_found`. The user has no authenticator with this id.', 'not_found'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/phone': {
    post: {
      tags: ['self-service'],
      operationId: 'meSetPhone',
      summary: 'Register or change the phone',
      description:
        "Normalises `phone` to E.164 and texts a code to it, under the verification budget (`sms.caps.verifyPerPhonePerHour`, `verifyPerAccountPerHour`, `verifyPerIpPerHour`, and its resend wait), apart from the sign-in codes to anyone's own number. The stored number changes only when `/me/phone/verify` accepts the code.",
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('MePhoneRequest'),
      responses: {
        '200': {
          headers: {
            'Cache-Control': headerRef('No-Store'),
          },
          description: 'The code sent to the new number.',
          content: json(schemaRef('MePhoneChallenge')),
        },
        '400': errorAnswer('Bad request: `invalid_request`. Also a phone number that is not valid.', 'invalid_request'),
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '409': {
          description:
            'Not possible in this state: `method_not_allowed`. Text messages are turned off for this account or cannot be sent to that country. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('method_not_allowed', 'flow_conflict')),
        },
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '502': responseRef('DeliveryFailed'),
      },
    },
  },
  '/api/v1/me/phone/verify': {
    post: {
      tags: ['self-service'],
      operationId: 'meVerifyPhone',
      summary: 'Confirm the new phone',
      description: 'Checks the code texted to the new number (single use, `sms.maxAttempts` wrong codes) and saves the number.',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('MeCodeRequest'),
      responses: {
        '200': meFactors,
        '400': errorAnswer('Bad request: `invalid_request`. Also: no code was sent yet.', 'invalid_request'),
        '401': {
          description:
            'Not authenticated: `unauthorized`. With `stepUp: true`: no settings grant, an expired one, a missing or refused DPoP proof, another origin, or an id_token (which never authorises a change); with `reauthenticate: true`: an invalid credential.',
          content: json(errorOf('unauthorized', 'invalid_code')),
        },
        '403': responseRef('OriginNotAllowed'),
        '409': responseRef('FlowConflict'),
        '410': errorAnswer('Gone: `code_expired`.', 'code_expired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/backup-codes': {
    post: {
      tags: ['self-service'],
      operationId: 'meRegenerateBackupCodes',
      summary: 'New backup codes',
      description: 'Replaces every backup code, used or not, with new ones, shown once in `backupCodes`.',
      security: [
        {
          settingsGrant: [],
        },
      ],
      requestBody: requestOf('EmptyRequest'),
      responses: {
        '200': {
          headers: {
            'Cache-Control': headerRef('No-Store'),
          },
          description: 'The factors and the new codes.',
          content: {
            'application/json': {
              schema: {
                allOf: [schemaRef('Me')],
                required: ['backupCodes'],
                properties: {
                  backupCodes: {
                    type: 'array',
                    items: {
                      type: 'string',
                    },
                    description: 'The new codes, shown once.',
                  },
                },
              },
            },
          },
        },
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '500': responseRef('ServerError'),
      },
    },
  },
  ...passkeyOperations(),
  '/api/v1/me/devices': {
    get: {
      tags: ['self-service'],
      operationId: 'meDevices',
      summary: 'Trusted devices',
      description: "The user's live trusted devices (any client): name, when trusted, last used and expiry. An id_token is enough to read.",
      security: [{ idToken: [] }, { settingsGrant: [] }],
      responses: {
        '200': noStoreAnswer('The devices.', schemaRef('MeDevices')),
        '400': meBadRequest,
        '401': { description: 'Not authenticated: `unauthorized`.', content: json(errorOf('unauthorized')) },
        '403': responseRef('OriginNotAllowed'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/devices/revoke': {
    post: {
      tags: ['self-service'],
      operationId: 'meRevokeDevice',
      summary: 'Stop trusting one device',
      description: 'The device asks for the second step again at its next login. Answers the devices left.',
      security: [{ settingsGrant: [] }],
      requestBody: requestOf('MeDeviceRevokeRequest'),
      responses: {
        '200': noStoreAnswer('The devices left.', schemaRef('MeDevices')),
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '404': errorAnswer('Not found: `not_found`: the user has no such device.', 'not_found'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/me/devices/revoke-all': {
    post: {
      tags: ['self-service'],
      operationId: 'meRevokeAllDevices',
      summary: 'Stop trusting every device',
      description: 'Every trusted device of the user asks for the second step again. Answers the (empty) list.',
      security: [{ settingsGrant: [] }],
      requestBody: requestOf('EmptyRequest'),
      responses: {
        '200': noStoreAnswer('The devices left: none.', schemaRef('MeDevices')),
        '400': meBadRequest,
        '401': changeUnauthorized,
        '403': responseRef('OriginNotAllowed'),
        '500': responseRef('ServerError'),
      },
    },
  },
};

/** A change under a settings grant: its answers besides the one it succeeds with. */
function meChange(operationId: string, summary: string, description: string, request: SchemaName, success: Json, extra: Record<string, Json> = {}) {
  return {
    post: {
      tags: ['self-service'],
      operationId,
      summary,
      description,
      security: [{ settingsGrant: [] }],
      requestBody: requestOf(request),
      responses: {
        '200': success,
        '400': meBadRequest,
        '401': {
          description:
            'Not authenticated: `unauthorized` (no settings grant, an expired one, a missing or refused DPoP proof: `stepUp: true`), or `invalid_credentials`: the new passkey did not verify.',
          content: json(errorOf('unauthorized', 'invalid_credentials')),
        },
        '403': responseRef('OriginNotAllowed'),
        '500': responseRef('ServerError'),
        ...extra,
      },
    },
  };
}

function noSuchPasskey() {
  return { '404': errorAnswer('Not found: `not_found`: no passkey of this user has that id.', 'not_found') };
}

function passkeyOperations(): PathItems {
  return {
    '/api/v1/me/passkeys/options': meChange(
      'mePasskeyOptions',
      'Options for a new passkey',
      "Answers `options` for `startRegistration()`: a fresh challenge (kept with this grant's change, good for one answer), the user's passkeys to exclude, a discoverable credential, no attestation.",
      'EmptyRequest',
      { description: 'The options.', headers: { 'Cache-Control': headerRef('No-Store') }, content: json(schemaRef('MePasskeyOptions')) },
    ),
    '/api/v1/me/passkeys': meChange(
      'meAddPasskey',
      'Add a passkey',
      'Verifies the new credential against the challenge of `passkeys/options` (taken by this call, right or wrong), the allowed origins and the RP id, and stores it. The user is told by e-mail and text, as for every factor change.',
      'MePasskeyRegisterRequest',
      meFactors,
    ),
    '/api/v1/me/passkeys/rename': meChange(
      'meRenamePasskey',
      'Rename a passkey',
      "Gives one of the user's passkeys a new name.",
      'MePasskeyRenameRequest',
      meFactors,
      noSuchPasskey(),
    ),
    '/api/v1/me/passkeys/remove': meChange(
      'meRemovePasskey',
      'Remove a passkey',
      'The passkey no longer signs in, from now on. The user is told by e-mail and text.',
      'MePasskeyRemoveRequest',
      meFactors,
      noSuchPasskey(),
    ),
  };
}
