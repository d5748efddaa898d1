import { errorAnswer, errorOf, flowStateAnswers, headerRef, json, noStoreAnswer, requestOf, responseRef, schemaRef, type PathItems } from './refs.js';

/** The operations of flows: what each answers, with which status. */
export const flowsPaths: PathItems = {
  '/api/v1/flows': {
    post: {
      tags: ['flows'],
      operationId: 'startFlow',
      summary: 'Start a flow',
      description:
        "Starts one login attempt for a client. `acr` picks one of the client's named sequences (default: the client's `defaultAcr`). A browser `Origin` must be one the client lists; calls without `Origin` (native apps, servers) are allowed. At most 120 starts per minute per address. With `purpose: settings` it starts a step-up for settings changes (see `StartFlowRequest`).",
      requestBody: requestOf('StartFlowRequest'),
      responses: {
        '201': noStoreAnswer('The new flow, at step 1.', schemaRef('FlowState')),
        '400': {
          description:
            'Bad request: `invalid_request`, `unknown_client`. `invalid_request` also when `acr` names a sequence the client does not offer.',
          content: json(errorOf('invalid_request', 'unknown_client')),
        },
        '403': responseRef('OriginNotAllowed'),
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '401': {
          description: "Not authenticated: `unauthorized`. A step-up's `idToken` is not valid, or not for this client.",
          content: json(errorOf('unauthorized')),
        },
      },
    },
  },
  '/api/v1/flows/introspect': {
    post: {
      tags: ['flows'],
      operationId: 'introspectFlow',
      summary: 'Read the flow state',
      description:
        'The current state, e.g. to resume after a page reload. While a TOTP enrolment waits for its first code the state carries `enrollment` again. A completed flow shows its `result` (the id_token) only in the 30 seconds after it completed, so a page reloaded at that moment still gets it; after that introspect answers `status: "complete"` without `result`, and a new flow is needed for a new token.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        ...flowStateAnswers,
      },
    },
  },
  '/api/v1/flows/password': {
    post: {
      tags: ['flows'],
      operationId: 'verifyPassword',
      summary: 'Step: password',
      description:
        'Identifies the user. An unknown username and a wrong password get the same status, message and `attemptsRemaining`, cost the same (an argon2id verify against a dummy hash) and count against the same limits. Without a valid `deviceToken`: `password.perUsernameAndIpLimit` failures (default 10) per username and client address (IPv6: its /64) per `password.windowSeconds` (default 900), then `rate_limited` with `Retry-After` for that pair whether the username exists or not; and once a username has `password.slowDown.afterFailures` failures (default 5) in the window from any address, each further attempt is held back min(`baseSeconds` × 2^k, `maxSeconds`) seconds (1, 2, 4, 8, then 16) before it is checked: slower, never refused. With a `deviceToken` this device received when it completed a login for this user: no slow-down, and `password.perDeviceLimit` failures (default 10) per window for that device in place of the address limit. A flow allows `password.maxAttempts` wrong passwords (then `too_many_attempts`: start again).',
      requestBody: requestOf('PasswordRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '401': errorAnswer('Not authenticated: `invalid_credentials`.', 'invalid_credentials'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': responseRef('FlowExpired'),
        '429': {
          description: 'Too many attempts or requests: `too_many_attempts`, `rate_limited`.',
          content: json(errorOf('too_many_attempts', 'rate_limited')),
          headers: {
            'Retry-After': headerRef('Retry-After'),
          },
        },
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/sms/send': {
    post: {
      tags: ['flows'],
      operationId: 'sendSmsCode',
      summary: 'Send (or re-send) an SMS code',
      description:
        "Texts a new code to the phone in the user's profile, or, during a phone registration (`sms/enroll`), to the number being registered. A resend replaces the previous code, which stops working. Resends wait `sms.resendAfterSeconds` (`rate_limited` with `Retry-After` before), and so does any other text of the same kind to the same number from another flow, until a code to it comes back; hourly caps per phone, per address and per client guard against SMS pumping. Codes to the user's own phone (sign-in) and codes to a number being registered (verification) have separate budgets: sign-in uses `sms.caps.perPhonePerHour`, `perIpPerHour`, `perClientPerHour`; verification, like the token grant and `/me/phone`, uses `verifyPerPhonePerHour`, `verifyPerAccountPerHour`, `verifyPerIpPerHour` and its own resend wait, so no one else's texts to a number can hold back its owner's sign-in code. A text the provider did not accept counts against no wait and no cap.",
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': {
          description:
            'Not possible in this state: `method_not_allowed`, `enrollment_required`. `enrollment_required`: the user has no phone (see `sms/enroll`). `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('method_not_allowed', 'enrollment_required', 'flow_conflict')),
        },
        '410': responseRef('FlowExpired'),
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '502': responseRef('DeliveryFailed'),
      },
    },
  },
  '/api/v1/flows/sms/enroll': {
    post: {
      tags: ['flows'],
      operationId: 'enrollSmsPhone',
      summary: 'Register a phone (in a flow)',
      description:
        'For a user with no phone, when the client allows it (`allowPhoneEnrollment`, shown as `canEnroll: true` on the sms option): normalises `phone` to E.164 and texts a code to it. The phone is saved to the profile only when `sms/verify` accepts that code; that call also answers `backupCodes` when the user had none.',
      requestBody: requestOf('PhoneRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': errorAnswer('Bad request: `invalid_request`. Also a phone number that is not valid.', 'invalid_request'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': {
          description:
            'Not possible in this state: `method_not_allowed`. Also: a phone is already registered, the client does not allow registration, or the country is not served. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('method_not_allowed', 'flow_conflict')),
        },
        '410': responseRef('FlowExpired'),
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '502': responseRef('DeliveryFailed'),
      },
    },
  },
  '/api/v1/flows/sms/verify': {
    post: {
      tags: ['flows'],
      operationId: 'verifySmsCode',
      summary: 'Step: SMS code',
      description:
        'Checks the code texted last. A code works once; `sms.maxAttempts` wrong codes kill it (`too_many_attempts`: ask for a new one). Confirms a phone registration when one is pending (then `backupCodes` may be added).',
      requestBody: requestOf('CodeRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': errorAnswer('Bad request: `invalid_request`. Also: no code was sent yet.', 'invalid_request'),
        '401': responseRef('InvalidCode'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': errorAnswer('Gone: `flow_expired`, `code_expired`.', 'flow_expired', 'code_expired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/totp/enroll': {
    post: {
      tags: ['flows'],
      operationId: 'enrollTotp',
      summary: 'Start a TOTP enrolment',
      description:
        'For a user with no authenticator app, when the client allows it (`canEnroll: true`): answers the state plus `enrollment` (QR code as SVG and PNG data URL, the base32 secret and the `otpauth://` URI, Google Authenticator Key Uri Format with the issuer in label and parameter). Calling it again in the same flow shows the same secret. The secret is kept sealed in the flow until `totp/verify` confirms it.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': {
          description:
            'Not possible in this state: `method_not_allowed`. Also: an authenticator app is already set up, or the client does not allow enrolment. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('method_not_allowed', 'flow_conflict')),
        },
        '410': responseRef('FlowExpired'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/totp/verify': {
    post: {
      tags: ['flows'],
      operationId: 'verifyTotp',
      summary: 'Step: TOTP code',
      description:
        'Checks an RFC 6238 code (±`totp.window` steps). A time step once accepted is never accepted again, in any flow. `totp.maxAttempts` wrong codes per flow, then `too_many_attempts` even for a right code; 4 × `totp.maxAttempts` wrong codes per user in 15 minutes, across flows, then `rate_limited` for that user. Finishing an enrolment saves the authenticator and, when the user had no backup codes, answers `backupCodes` once.',
      requestBody: requestOf('CodeRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '401': responseRef('InvalidCode'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': {
          description:
            'Not possible in this state: `method_not_allowed`, `enrollment_required`. `enrollment_required`: no authenticator is set up and no enrolment was started. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
          content: json(errorOf('method_not_allowed', 'enrollment_required', 'flow_conflict')),
        },
        '410': responseRef('FlowExpired'),
        '429': {
          description:
            'Too many attempts or requests: `too_many_attempts`, `rate_limited`. `too_many_attempts`: this flow had its wrong codes; `rate_limited`: the account had its wrong codes for now (see `Retry-After`).',
          content: json(errorOf('too_many_attempts', 'rate_limited')),
          headers: {
            'Retry-After': headerRef('Retry-After'),
          },
        },
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/backup-code/verify': {
    post: {
      tags: ['flows'],
      operationId: 'verifyBackupCode',
      summary: 'Step: backup code',
      description:
        "Uses one of the user's one-time backup codes (case, spaces and dashes do not matter). The answer adds `backupCodesRemaining` (and `backupCodesLow` when 2 or fewer are left). 5 wrong codes per flow, then `too_many_attempts`; 20 wrong codes per user in 15 minutes across flows, then `rate_limited`.",
      requestBody: requestOf('BackupCodeRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '401': responseRef('InvalidCode'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': responseRef('FlowExpired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/email/send': {
    post: {
      tags: ['flows'],
      operationId: 'sendEmailCode',
      summary: 'Send (or re-send) an e-mail code',
      description:
        "E-mails a new code to the address in the user's profile; the previous code stops working. Same resend wait and caps as SMS (`email.*`).",
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': responseRef('FlowExpired'),
        '429': responseRef('RateLimited'),
        '500': responseRef('ServerError'),
        '502': responseRef('DeliveryFailed'),
      },
    },
  },
  '/api/v1/flows/email/verify': {
    post: {
      tags: ['flows'],
      operationId: 'verifyEmailCode',
      summary: 'Step: e-mailed code',
      description: 'Checks the code e-mailed last; single use, `email.maxAttempts` wrong codes.',
      requestBody: requestOf('CodeRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': errorAnswer('Bad request: `invalid_request`. Also: no code was sent yet.', 'invalid_request'),
        '401': responseRef('InvalidCode'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': errorAnswer('Gone: `flow_expired`, `code_expired`.', 'flow_expired', 'code_expired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/cancel': {
    post: {
      tags: ['flows'],
      operationId: 'cancelFlow',
      summary: 'Cancel a flow',
      description: 'Ends a pending flow; afterwards its handle is `flow_not_found`. A completed flow is left as it is.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('Cancelled.', schemaRef('CancelledFlow')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('FlowConflict'),
        '410': responseRef('FlowExpired'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/device/challenge': {
    post: {
      tags: ['flows'],
      operationId: 'deviceChallenge',
      summary: 'A challenge for a trusted device',
      description:
        'While the `device` option is offered (the second step of a login, for a user with a trusted device of this client): answers `deviceChallenge`, 256 random bits to sign within 60 seconds, in this flow only. A new challenge replaces the last.',
      requestBody: requestOf('FlowRequest'),
      responses: {
        '200': noStoreAnswer('The flow state with `deviceChallenge`.', schemaRef('FlowState')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': responseRef('FlowExpired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/device/verify': {
    post: {
      tags: ['flows'],
      operationId: 'verifyDevice',
      summary: 'Step: trusted device',
      description:
        "Checks the device's signature of the last challenge: the device must be live (not revoked, not expired), the signed-in user's and this client's. The challenge is spent by this call, right or wrong. Satisfies the second step; the id_token's `amr` then holds `swk` and `device` besides `pwd` and `mfa`. 3 refusals per flow, then the option is no longer offered (the other methods of the step stay).",
      requestBody: requestOf('DeviceVerifyRequest'),
      responses: {
        '200': noStoreAnswer('The flow state.', schemaRef('FlowState')),
        '400': errorAnswer('Bad request: `invalid_request`. Also: no challenge was asked for.', 'invalid_request'),
        '401': errorAnswer(
          'Not authenticated: `invalid_credentials`: not a trusted device of this user and client, or a wrong signature.',
          'invalid_credentials',
        ),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': responseRef('MethodNotAllowed'),
        '410': errorAnswer('Gone: `flow_expired`, `code_expired` (the challenge).', 'flow_expired', 'code_expired'),
        '429': responseRef('TooManyAttempts'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/api/v1/flows/device/trust': {
    post: {
      tags: ['flows'],
      operationId: 'trustDevice',
      summary: 'Trust this device',
      description:
        "After a login whose completing answer offered `trustDevice`, until the flow expires, once per flow: registers the public key of this browser's non-extractable key pair. The device is named from the `User-Agent` (e.g. `Chrome on Linux`) and skips the second step of this user's logins on this client for `trustDevice.days`. A new password or a factor reset revokes it; so can the user (settings) and an administrator (CLI).",
      requestBody: requestOf('TrustDeviceRequest'),
      responses: {
        '201': noStoreAnswer('The trusted device.', schemaRef('TrustedDeviceAnswer')),
        '400': responseRef('BadRequest'),
        '403': responseRef('OriginNotAllowed'),
        '404': responseRef('FlowNotFound'),
        '409': errorAnswer(
          'Conflict: `method_not_allowed` (this flow offered no device trust, or trusted one already), `flow_conflict`.',
          'method_not_allowed',
          'flow_conflict',
        ),
        '410': responseRef('FlowExpired'),
        '500': responseRef('ServerError'),
      },
    },
  },
};
