import { z } from 'zod';
import { backupCodeExample } from './backup-code.js';
import { dateTime } from './fields.js';
import { amrValues, methodNames } from './methods.js';
import { passkeyOptions } from './passkey.js';
import { methodContracts, optionSchemaName } from './steps.js';

/** Schemas of the flow API (`/api/v1/flows/*`): requests, the flow state and its parts. */

export const flowHandle = z
  .string()
  .min(20)
  .max(200)
  .meta({
    description:
      'Opaque, unguessable flow handle: 256 random bits, issued as 43 base64url characters. Sent only in JSON bodies, never in a URL; the store keeps only its SHA-256.',
    examples: ['Yt7m1Qk3v0qfB8d2WnVx4KpZr9sJc6LhEa5uTgNoPiM'],
  });

/** The browser's public key as the flow start sends it: an EC P-256 public key and nothing more. */
export const dpopKey = z
  .object({
    kty: z.literal('EC'),
    crv: z.literal('P-256'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  })
  .loose()
  .refine((k) => !('d' in k), 'a public key only')
  .transform(({ kty, crv, x, y }) => ({ kty, crv, x, y }));

export const startFlowRequest = z.object({
  clientId: z.string().min(1).max(64),
  nonce: z.string().min(1).max(512).optional().meta({ description: 'Echoed in the id_token.' }),
  acr: z.string().min(1).max(100).optional().meta({ description: "Name of one of the client's sequences; echoed as the `acr` claim." }),
  loginHint: z
    .string()
    .trim()
    .min(1)
    .max(256)
    .optional()
    .meta({ description: 'A username to prefill; echoed in the state until the user is identified.' }),
  purpose: z.enum(['login', 'settings']).default('login').meta({
    description:
      '`settings`: a step-up for `<mfa-login-settings>`. It asks for a second factor the user has (no enrolment; a backup code only when nothing else is left), after the password too when the sign-in behind `idToken` is older than `selfService.freshSeconds` or there is no `idToken`, and completes with a settings grant instead of an id_token. Needs a browser `Origin` the client lists (the grant is bound to it) and `dpopKey`.',
  }),
  idToken: z.string().min(1).max(8192).optional().meta({
    description: "With `purpose: settings`: the signed-in user's id_token for this client; the step-up is for that user only.",
  }),
  dpopKey: dpopKey.optional().meta({
    description:
      "With `purpose: settings` (required then): the public JWK of the browser's non-extractable key; the grant's `cnf.jkt` is its RFC 7638 thumbprint. A private key (`d`) is refused.",
  }),
});
export type StartFlowRequest = z.input<typeof startFlowRequest>;

/** Every call after the start names its flow; the route takes `flow` and hands the rest to the method. */
export const flowRequest = z.looseObject({ flow: flowHandle });

/** A trusted device's key as `device/trust` registers it: an EC P-256 public key, never a private one. */
export const devicePublicKey = dpopKey.meta({
  description: "The public JWK of the device's non-extractable ECDSA P-256 key (WebCrypto). A private key (`d`) is refused.",
});
export const trustDeviceRequest = z.object({ flow: flowHandle, publicKey: devicePublicKey });
export type TrustDeviceRequest = z.input<typeof trustDeviceRequest>;

/** A trusted device as its owner sees it; no key material. */
export const trustedDevice = z.object({
  id: z.string(),
  name: z.string().meta({ description: 'Made from the user agent that trusted it, e.g. `Chrome on Linux`.' }),
  createdAt: dateTime,
  lastUsedAt: dateTime.nullable().meta({ description: 'When it last skipped a step; null until then.' }),
  expiresAt: dateTime.meta({ description: "When it stops skipping: the client's `trustDevice.days` after it was trusted." }),
});
export type TrustedDevice = z.output<typeof trustedDevice>;
export const trustedDeviceAnswer = z.object({ device: trustedDevice });
export const deviceChallenge = z.object({
  challenge: z.string().meta({ description: '256 random bits, base64url: sign it with `device/verify` once, within 60 seconds, in this flow only.' }),
  expiresAt: dateTime,
});
export type DeviceChallenge = z.output<typeof deviceChallenge>;

type MethodOption = (typeof methodContracts)[keyof typeof methodContracts]['option'];
const methodOptions = Object.values(methodContracts).map((c) => c.option) as [MethodOption, ...MethodOption[]];

export const flowOption = z.discriminatedUnion('method', methodOptions).meta({
  discriminator: {
    propertyName: 'method',
    mapping: Object.fromEntries(Object.keys(methodContracts).map((method) => [method, `#/components/schemas/${optionSchemaName(method)}`])),
  },
});
export type FlowOption = z.output<typeof flowOption>;

export const step = z
  .object({ number: z.int().min(1), total: z.int().min(1), options: z.array(flowOption) })
  .meta({ description: 'Present while the flow is pending: the current step and the methods that can satisfy it for this user.' });
export type Step = z.output<typeof step>;

export const totpEnrollment = z
  .object({
    qrSvg: z.string().meta({ description: 'The QR code of `otpauthUri` as an SVG document.' }),
    qrDataUrl: z.string().meta({ description: 'The same QR code as a `data:image/png;base64,` URL.' }),
    secret: z
      .string()
      .regex(/^[A-Z2-7]+=*$/)
      .meta({ description: 'The base32 secret, for manual entry.' }),
    otpauthUri: z.string().meta({
      description: 'Google Authenticator Key Uri Format: `otpauth://totp/Issuer:account?secret=…&issuer=Issuer&algorithm=…&digits=…&period=…`.',
    }),
  })
  .meta({ description: 'A TOTP secret being set up: on `totp/enroll` and, while it waits for its first code, on every state of the flow.' });
export type TotpEnrollment = z.output<typeof totpEnrollment>;

const idTokenClaimsRef = { $ref: '#/components/schemas/IdTokenClaims' };

export const loginResult = z
  .object({
    idToken: z.string().meta({
      contentMediaType: 'application/jwt',
      description: 'A JWS (ES256) whose payload is `IdTokenClaims`; verify it with the keys at `/.well-known/jwks.json`.',
      'x-jwt-claims': idTokenClaimsRef,
    }),
    tokenType: z.literal('Bearer'),
    expiresIn: z.int().meta({ description: 'Seconds the id_token is valid (`tokens.idTokenTtlSeconds`).' }),
  })
  .meta({ description: 'Present when the flow is complete.' });
export type LoginResult = z.output<typeof loginResult>;

export const settingsGrantResult = z
  .object({
    settingsGrant: z.string().meta({
      contentMediaType: 'application/jwt',
      description:
        'For `/api/v1/me` changes only, with DPoP proofs (see the `settingsGrant` security scheme). The widget keeps it inside `<mfa-login-settings>`; it is never put in an event.',
    }),
    tokenType: z.literal('DPoP'),
    expiresIn: z.int().meta({ description: 'Seconds the grant is valid (`selfService.grantSeconds`).' }),
  })
  .meta({ description: 'A completed step-up (`purpose: settings`).' });
export type SettingsGrantResult = z.output<typeof settingsGrantResult>;

export const flowResult = z.xor([loginResult, settingsGrantResult]);
export type FlowResult = z.output<typeof flowResult>;

/** An expired flow has no status: calls answer the `flow_expired` error. */
export const flowStatus = z.enum(['pending', 'complete', 'cancelled']);
export type FlowStatus = z.output<typeof flowStatus>;

export const flowUser = z.object({ username: z.string(), displayName: z.string() });

export const flowState = z.object({
  flow: flowHandle,
  status: flowStatus,
  expiresAt: dateTime.meta({ description: 'When a pending flow stops working (`flow.ttlSeconds`, default 10 minutes after start).' }),
  user: flowUser.optional().meta({ description: 'Present once a step identified the user.' }),
  loginHint: z.string().optional().meta({ description: 'The `loginHint` given at start, until the user is identified.' }),
  step: step.optional(),
  enrollment: totpEnrollment.optional(),
  backupCodes: z
    .array(z.string().meta({ examples: [backupCodeExample] }))
    .optional()
    .meta({
      description:
        "New one-time backup codes, shown once: on the call that finishes a user's first second factor (a TOTP enrolment, a phone registration, a first sign-in with an SMS or e-mailed code) when the user had none. Stored only as keyed hashes.",
    }),
  backupCodesRemaining: z.int().min(0).optional().meta({ description: 'On the answer to `backup-code/verify`: unused codes left.' }),
  backupCodesLow: z
    .literal(true)
    .optional()
    .meta({ description: 'On the answer to `backup-code/verify`: 2 or fewer codes are left; time to make new ones.' }),
  result: flowResult.optional().meta({
    description:
      'On a completed flow, for the 30 seconds after completion only (the answer that completed it, or an introspect right after a reload); later states of the flow leave it out.',
  }),
  purpose: z.literal('settings').optional().meta({ description: 'Present on a step-up flow.' }),
  passkeyOptions: passkeyOptions.optional().meta({ description: 'On the answer to `passkey/options` or `passkey/register-options` only.' }),
  offers: z.array(z.enum(methodNames)).optional().meta({
    description:
      'On a completed login, for a few minutes: methods the user may set up now, with the sign-in just made in the order listed: `passkey`, "Sign in faster next time?" through `passkey/register-options` and `passkey/register`; `device`, "Trust this device?" through `device/trust` (with `trustDevice`). Skipping needs no call.',
  }),
  deviceChallenge: deviceChallenge.optional().meta({ description: 'On the answer to `device/challenge` only.' }),
  trustDevice: z
    .object({ days: z.int().min(1) })
    .optional()
    .meta({
      description:
        'Only on the answer that completes a login in the default sequence of a client that trusts devices (`trustDevice.enabled`), after a second factor other than a trusted device: this device may be trusted for `days` with `device/trust` (until the flow expires). Never on a step-up.',
    }),
  deviceToken: z.string().min(43).optional().meta({
    description:
      'Only on the answer that completes a login (not a settings step-up; never on introspect): a token for this device and user (its issue time, then 256 random bits), valid `password.deviceTokenTtlDays` (default 90). Keep it on the device (the element keeps it in localStorage per server and user, and never hands it to the page) and send it with later password steps for the same user. The server stores only a keyed hash; `user set-password`, `user reset-totp` and `user forget-devices` revoke it.',
  }),
});
export type FlowState = z.output<typeof flowState>;

export const cancelledFlow = z.object({
  flow: flowHandle,
  status: z.literal('cancelled'),
  expiresAt: dateTime.meta({ description: 'When the ended flow is forgotten.' }),
});
export type CancelledFlow = z.output<typeof cancelledFlow>;

export const idTokenClaims = z
  .object({
    iss: z.string().meta({ description: 'The issuer URL.' }),
    sub: z.string().meta({ description: "The user's stable id (for the SMS OTP grant: the phone number, E.164)." }),
    aud: z.string().meta({ description: 'The clientId.' }),
    azp: z.string().meta({ description: 'The clientId.' }),
    exp: z.int(),
    iat: z.int(),
    auth_time: z.int().meta({ description: 'When the last step was satisfied.' }),
    nonce: z.string().optional().meta({ description: 'Echoed from flow start, when given.' }),
    acr: z.string().meta({ description: 'The sequence that was run (client `defaultAcr` or the `acr` asked for).' }),
    amr: z.array(z.enum(amrValues)).meta({
      description:
        'RFC 8176: `pwd` password; `otp` TOTP, backup code and e-mailed code; `sms` SMS code; `hwk` a device-bound passkey, `swk` a synced one, `user` when the passkey verified the user; `mfa` when two or more different methods were used, or a user-verifying passkey alone satisfied the sequence (clients with `passkeyAlone`). A trusted device that skipped the second step adds `swk` (a non-extractable WebCrypto key of the browser) and `device`, a value of this server (RFC 8176 has none for a remembered device).',
    }),
    sid: z.string().meta({ description: 'Session id derived from the flow (not the handle).' }),
    jti: z.uuid(),
    preferred_username: z.string().optional(),
    name: z.string().optional().meta({ description: 'The display name.' }),
    methods: z
      .array(z.enum(methodNames))
      .optional()
      .meta({ description: 'Flow API: the methods that satisfied the steps, in order (finer than `amr`).' }),
    phone_number: z.string().optional().meta({ description: 'SMS OTP grant only: the verified phone (E.164).' }),
    phone_number_verified: z.literal(true).optional().meta({ description: 'SMS OTP grant only.' }),
  })
  .meta({ description: 'The id_token payload. Header: `alg` ES256, `kid`, `typ` JWT.' });
export type IdTokenClaims = z.output<typeof idTokenClaims>;
