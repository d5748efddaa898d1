import { z } from 'zod';
import { emptyBody } from './fields.js';
import type { SettingsAction } from './me/action.js';
import { mePasskeyPaths } from './paths.js';

/**
 * Passkeys (WebAuthn): the bodies and shapes of the `passkey` method. Options and responses
 * travel as the JSON of WebAuthn Level 3 (`PublicKeyCredentialCreationOptionsJSON`,
 * `RegistrationResponseJSON` and their authentication twins), as @simplewebauthn reads them.
 */

const b64url = (max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'base64url')
    .max(max);

const transport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** What `navigator.credentials.get()` answered, as JSON. */
export const passkeyAssertion = z
  .object({
    id: b64url(1400).min(1),
    rawId: b64url(1400).min(1),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: b64url(4096),
      authenticatorData: b64url(4096),
      signature: b64url(1024),
      userHandle: b64url(256).optional(),
    }),
    clientExtensionResults: z.looseObject({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .meta({ description: '`AuthenticationResponseJSON` (WebAuthn Level 3): what `startAuthentication()` of @simplewebauthn/browser answers.' });
export type PasskeyAssertion = z.output<typeof passkeyAssertion>;

/** What `navigator.credentials.create()` answered, as JSON. */
export const passkeyAttestation = z
  .object({
    id: b64url(1400).min(1),
    rawId: b64url(1400).min(1),
    type: z.literal('public-key'),
    response: z.looseObject({
      clientDataJSON: b64url(4096),
      attestationObject: b64url(8192),
      transports: z.array(transport).max(8).optional(),
    }),
    clientExtensionResults: z.looseObject({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  })
  .meta({ description: '`RegistrationResponseJSON` (WebAuthn Level 3): what `startRegistration()` of @simplewebauthn/browser answers.' });
export type PasskeyAttestation = z.output<typeof passkeyAttestation>;

export const passkeyName = z.string().trim().min(1).max(64).meta({ description: 'A name the user knows the passkey by, e.g. "Work laptop".' });

export const passkeyVerifyBody = z.object({ response: passkeyAssertion });
export type PasskeyVerifyBody = z.output<typeof passkeyVerifyBody>;
export const passkeyRegisterBody = z.object({ response: passkeyAttestation, name: passkeyName.optional() });
export type PasskeyRegisterBody = z.output<typeof passkeyRegisterBody>;

/** The options to hand to `startAuthentication()` / `startRegistration()` as `optionsJSON`. */
export const passkeyOptions = z.looseObject({ challenge: z.string(), rpId: z.string().optional() }).meta({
  description:
    '`PublicKeyCredentialRequestOptionsJSON` (after `passkey/options`) or `PublicKeyCredentialCreationOptionsJSON` (after `passkey/register-options`). Its challenge is 32 random bytes, used once, and dies with the flow.',
});

export const passkeyOption = z
  .object({
    method: z.literal('passkey'),
    discoverable: z.boolean().meta({
      description: 'True before the user is identified: any passkey of this site may answer (the browser offers it in the username field too).',
    }),
    attemptsRemaining: z.int().min(0).meta({ description: 'Refused passkeys still allowed in this flow.' }),
  })
  .meta({ description: 'Offered before the user is known (a passwordless first step) or when the identified user has a passkey.' });
export type PasskeyOption = z.output<typeof passkeyOption>;

/** A stored passkey as settings and the CLI show it: never the key itself. */
export const passkeySummary = z.object({
  id: z.string().meta({ description: 'Its id in this server (not the credential id).' }),
  name: z.string(),
  createdAt: z.string().meta({ format: 'date-time' }),
  lastUsedAt: z.string().nullable().meta({ format: 'date-time' }),
  synced: z.boolean().meta({ description: 'Backed up by its provider (a synced passkey), as the authenticator last said.' }),
});
export type PasskeySummary = z.output<typeof passkeySummary>;

/** The passkey's step actions, as the OpenAPI document describes them (contract/steps.ts). */
export const passkeySteps = {
  options: {
    body: emptyBody,
    summary: 'Passkey: options to sign in',
    description:
      "Answers the state plus `passkeyOptions` for `startAuthentication()`: a fresh challenge (32 random bytes, kept in the flow, good for one answer, dead with the flow) and, once the user is known, their passkeys as `allowCredentials`. Before the user is known `allowCredentials` is empty: any discoverable passkey of the RP id may answer, and the browser can offer it in the username field (conditional UI: `<mfa-login>` asks for these options while a password screen whose step takes a passkey is up, and sends the answer to `passkey/verify` if the user picks one). The RP id is `passkeys.rpId` (default: the issuer's host name).",
    errors: ['method_not_allowed', 'too_many_attempts'],
  },
  verify: {
    body: passkeyVerifyBody,
    summary: 'Step: passkey',
    description:
      "Checks the assertion against the challenge of `passkey/options` (taken by this call, right or wrong), the allowed origins (`passkeys.origins`, default the issuer's and the client's) and the RP id, with the stored public key. Before the user is known the passkey's user handle identifies them; after, it must be that user's passkey. A signature counter that does not move forward is refused (a cloned authenticator) and logged. Every refusal answers `invalid_credentials` alike; `passkeys.maxAttempts` per flow, then `too_many_attempts`. As the first factor of a login, for a client with `passkeyAlone` and a passkey that verified the user (PIN, biometrics), it satisfies the whole sequence (`amr` `hwk` or `swk`, `user`, `mfa`); a passkey alone is refused where it would end the sequence otherwise.",
    errors: ['invalid_credentials', 'method_not_allowed', 'too_many_attempts'],
  },
  registerOptions: {
    body: emptyBody,
    summary: 'Passkey: options to make one after signing in',
    description:
      'On a completed login whose state `offers` `passkey` (within 5 minutes of completion, for a user with no passkey, when the client runs passkeys): answers the state plus `passkeyOptions` for `startRegistration()` (a discoverable credential, no attestation).',
    errors: ['method_not_allowed'],
  },
  register: {
    body: passkeyRegisterBody,
    summary: 'Passkey: make one after signing in',
    description:
      'Verifies the new credential against the challenge of `passkey/register-options` (taken by this call), origin and RP id, and stores its public key, counter, transports and backup flags under `name` (default "Passkey"). The offer then ends.',
    errors: ['invalid_credentials', 'method_not_allowed'],
  },
} as const;

export const mePasskeyRegisterRequest = passkeyRegisterBody;
export const mePasskeyRenameRequest = z.object({ id: z.string().min(1).max(64), name: passkeyName });
export const mePasskeyRemoveRequest = z.object({ id: z.string().min(1).max(64) });
export const mePasskeyOptions = z.object({ options: passkeyOptions });

const refused = [
  'Not authenticated: `unauthorized` (no settings grant, an expired one, a missing or refused DPoP proof: `stepUp: true`), or `invalid_credentials`: the new passkey did not verify.',
  'unauthorized',
  'invalid_credentials',
] as const;
const noSuchPasskey = ['Not found: `not_found`: no passkey of this user has that id.', 'not_found'] as const;

/** The passkeys of the settings API: made with this browser, renamed, removed. */
export const passkeySettings = {
  options: {
    path: mePasskeyPaths.options,
    kind: 'change',
    body: emptyBody,
    answer: { schema: mePasskeyOptions, description: 'The options.' },
    operationId: 'mePasskeyOptions',
    summary: 'Options for a new passkey',
    description:
      "Answers `options` for `startRegistration()`: a fresh challenge (kept with this grant's change, good for one answer), the user's passkeys to exclude, a discoverable credential, no attestation.",
    errors: { 401: refused },
  },
  add: {
    path: mePasskeyPaths.add,
    kind: 'change',
    body: mePasskeyRegisterRequest,
    operationId: 'meAddPasskey',
    summary: 'Add a passkey',
    description:
      'Verifies the new credential against the challenge of `passkeys/options` (taken by this call, right or wrong), the allowed origins and the RP id, and stores it. The user is told by e-mail and text, as for every factor change.',
    errors: { 401: refused },
  },
  rename: {
    path: mePasskeyPaths.rename,
    kind: 'change',
    body: mePasskeyRenameRequest,
    operationId: 'meRenamePasskey',
    summary: 'Rename a passkey',
    description: "Gives one of the user's passkeys a new name.",
    errors: { 401: refused, 404: noSuchPasskey },
  },
  remove: {
    path: mePasskeyPaths.remove,
    kind: 'change',
    body: mePasskeyRemoveRequest,
    operationId: 'meRemovePasskey',
    summary: 'Remove a passkey',
    description: 'The passkey no longer signs in, from now on. The user is told by e-mail and text.',
    errors: { 401: refused, 404: noSuchPasskey },
  },
} satisfies Record<string, SettingsAction>;
