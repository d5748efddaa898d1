import { z } from 'zod';
import { adminScopes } from './admin-paths.js';
import { methodName } from './methods.js';

/**
 * Schemas of the admin API (`/admin/v1/*`): what a back office sends and reads. The CLI runs the
 * same operations (server/admin/), so the fields mean what the CLI's options mean.
 */

const at = (description: string) => z.string().meta({ format: 'date-time', description });
const e164 = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'E.164, e.g. +12015550123')
  .meta({ description: 'E.164, e.g. `+12015550123`; only numbers of the served countries are accepted.' });
const email = z.string().trim().pipe(z.email('not an e-mail address').max(254));
const displayName = z.string().trim().min(1).max(100);

export const adminUser = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    passwordSet: z.boolean(),
    disabled: z.boolean().meta({ description: 'A disabled user cannot sign in; the password step answers as for a wrong password.' }),
    totp: z.object({
      enrolled: z.boolean(),
      enrolledAt: at('When the oldest of the authenticators was set up.').nullable(),
      count: z.int().min(0).meta({ description: 'How many authenticator apps the user has.' }),
    }),
    phone: z.string().nullable().meta({ description: 'E.164, in full: for the back office only, never logged.' }),
    smsDisabled: z.boolean(),
    email: z.string().nullable(),
    backupCodesRemaining: z.int().min(0),
    mfaSince: at('When the user first set up or used a second factor; null: the next login may enrol one.').nullable(),
    createdAt: at('Created.'),
    updatedAt: at('Last changed.'),
  })
  .meta({ description: "A user as the back office sees them (the CLI's `user show --json` prints the same). No secret ever appears here." });
export type AdminUser = z.output<typeof adminUser>;

export const adminUserList = z.object({
  users: z.array(adminUser),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last one.' }),
});
export type AdminUserList = z.output<typeof adminUserList>;

export const adminUserQuery = z.strictObject({
  username: z.string().min(1).max(256).optional().meta({ description: 'Usernames starting with this (normalised as at sign-in).' }),
  email: z.string().min(1).max(254).optional().meta({ description: 'This address exactly, any case.' }),
  phone: z.string().min(3).max(32).optional().meta({ description: 'This number (normalised to E.164).' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,400}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const adminCreateUser = z
  .strictObject({
    username: z.string().min(1).max(256),
    displayName: displayName.optional(),
    password: z.string().min(8).max(1024).optional().meta({ description: 'Without one, a password is generated and answered once.' }),
    phone: e164.optional(),
    email: email.optional(),
    smsDisabled: z.boolean().optional(),
  })
  .meta({ description: 'A new user.' });

export const adminCreatedUser = z.object({
  user: adminUser,
  password: z.string().optional().meta({ description: 'The generated password, shown this once.' }),
});

export const adminUpdateUser = z
  .strictObject({
    displayName: displayName.optional(),
    phone: e164.nullable().optional().meta({ description: 'null removes the phone.' }),
    email: email.nullable().optional().meta({ description: 'null removes the address.' }),
    smsDisabled: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ description: "The fields to change; those left out stay. Needs `If-Match` with the user's `ETag`." });

export const adminTotpAuthenticator = z
  .object({
    id: z.string().meta({ description: 'Names it in `DELETE /admin/v1/users/{id}/totp/{authenticatorId}`.' }),
    name: z.string(),
    createdAt: at('When it was set up.'),
    lastUsedAt: at('When a code of it last signed in; null: never.').nullable(),
  })
  .meta({ description: 'One authenticator app of a user: its name and times, never its secret.' });

export const adminTrustedDevice = z
  .object({
    id: z.string().meta({ description: 'Names it in `DELETE /admin/v1/users/{id}/devices/{deviceId}`.' }),
    name: z.string().meta({ description: 'Made from the browser that was trusted, e.g. `Firefox on Windows`.' }),
    clientId: z.string().meta({ description: 'The client whose logins it skips the second step of.' }),
    createdAt: at('When it was trusted.'),
    lastUsedAt: at('When it last stood in for the second step; null: never.').nullable(),
    expiresAt: at('When it stops being trusted.'),
  })
  .meta({ description: 'A browser trusted to skip the second step ("remember this device"): its name and times, never its key.' });

export const adminPasskey = z
  .object({
    id: z
      .string()
      .meta({ description: 'Its id in this server (not the credential id): names it in `DELETE /admin/v1/users/{id}/passkeys/{passkeyId}`.' }),
    name: z.string(),
    createdAt: at('When it was made.'),
    lastUsedAt: at('When it last signed in; null: never.').nullable(),
    backedUp: z.boolean().meta({ description: 'Backed up by its provider (a synced passkey), as the authenticator last said.' }),
    transports: z
      .array(z.string())
      .meta({ description: 'How the browser reached the authenticator (`internal`, `hybrid`, `usb`, …), as it said when the passkey was made.' }),
  })
  .meta({ description: 'A passkey of a user: its name, times and flags, never its key or credential id.' });

export const adminFactors = z
  .object({
    password: z.object({ set: z.boolean() }),
    totp: z.object({
      enrolled: z.boolean(),
      enrolledAt: at('When the oldest authenticator was set up.').nullable(),
      authenticators: z.array(adminTotpAuthenticator).meta({ description: 'Every authenticator app of the user, oldest first; never a secret.' }),
    }),
    sms: z.object({ phone: z.string().nullable(), disabled: z.boolean() }),
    email: z.object({ address: z.string().nullable() }),
    backupCodes: z.object({ remaining: z.int().min(0) }),
    passkeys: z.array(adminPasskey).meta({ description: 'Every passkey of the user; never a key.' }),
    trustedDevices: z
      .array(adminTrustedDevice)
      .meta({ description: 'The browsers trusted to skip the second step, newest first; expired ones are not listed.' }),
    mfaSince: at('When the user first set up or used a second factor.').nullable(),
  })
  .meta({ description: "A user's factors, never a secret (no seed, no code, no hash)." });

export const adminTotpReset = z.object({
  removed: z.boolean().meta({ description: 'Whether there was any authenticator.' }),
  backupCodesRemoved: z.int().min(0),
  devicesForgotten: z.int().min(0),
  trustedDevicesRevoked: z.int().min(0).meta({ description: 'Browsers trusted to skip the second step that now ask for it again.' }),
});

export const adminTotpEnrolRequest = z
  .strictObject({
    replace: z.boolean().default(false).meta({
      description:
        'Replace every authenticator the user has with this one. Without it the new one is added beside the others (409 `conflict` at the most a user may have).',
    }),
    name: z.string().trim().min(1).max(64).default('Authenticator').meta({ description: 'What the user sees it listed as.' }),
  })
  .meta({ description: 'Assisted set-up: the help desk shows the QR code to the user once.' });

export const adminTotpEnrolment = z
  .object({
    otpauthUri: z.string().meta({ description: 'The `otpauth://totp/…` URI, holding the secret: shown this once.' }),
    qrSvg: z.string().meta({ description: 'The QR code of `otpauthUri`, an SVG document.' }),
  })
  .meta({ description: 'The new authenticator, in force at once: answered once and never again.' });

export const adminBackupCodes = z.object({
  codes: z.array(z.string()).meta({ description: 'The new codes, shown this once; the old ones no longer work.' }),
});

export const adminImportBackupCodes = z.strictObject({
  codes: z
    .array(z.string().min(1).max(80))
    .min(1)
    .max(100)
    .meta({ description: 'Codes chosen elsewhere: 8+ of a-z, 0-9 and -, any case (stored lower case, as hashes).' }),
  replace: z.boolean().default(false).meta({ description: 'Drop the codes the user has first.' }),
});

export const adminImportedBackupCodes = z.object({
  imported: z.int().min(0),
  skipped: z.int().min(0).meta({ description: 'Codes the user had already (a used code stays used).' }),
  replaced: z.boolean(),
  remaining: z.int().min(0),
});

const sequence = z
  .array(
    z
      .array(methodName)
      .min(1)
      .refine((s) => new Set(s).size === s.length, 'a method appears twice in one step'),
  )
  .min(1)
  .meta({ description: 'Steps in order; each lists the methods that can satisfy it.' });

/** The fields of a client an admin sets (the config file's client fields, but never a secret). */
const clientFields = {
  name: z.string().min(1).max(100),
  allowedOrigins: z.array(z.url()).max(100).default([]),
  sequence: sequence.default([['password'], ['totp']]),
  acrSequences: z.record(z.string().min(1).max(100), sequence).default({}),
  defaultAcr: z.string().min(1).max(100).default('mfa'),
  allowPhoneEnrollment: z.boolean().default(false),
  allowTotpEnrollment: z.boolean().default(true),
  redirectUris: z
    .array(z.url().max(2000))
    .max(100)
    .default([])
    .meta({ description: 'OpenID Connect: where `/authorize` may send a code (http(s), no fragment), compared exactly.' }),
  postLogoutRedirectUris: z.array(z.url().max(2000)).max(100).default([]).meta({ description: 'Where RP-initiated logout may return to.' }),
  public: z.boolean().default(false).meta({ description: 'A public client (single-page or native app): no secret, PKCE only.' }),
  logoUri: z.url().max(2000).nullable().optional().meta({ description: 'Shown on the hosted login page.' }),
  cssUri: z.url().max(2000).nullable().optional().meta({ description: 'A stylesheet the hosted login page links for this client.' }),
  passkeyAlone: z
    .boolean()
    .default(false)
    .meta({ description: 'A user-verifying passkey alone satisfies the whole sequence; a one-step sequence with `passkey` needs it.' }),
  trustDevice: z
    .strictObject({ enabled: z.boolean().default(false), days: z.int().min(1).max(365).default(30) })
    .prefault({})
    .meta({ description: '"Trust this device": a browser trusted after a complete login skips the second step for `days`.' }),
  scopes: z
    .array(z.enum(adminScopes))
    .default([])
    .meta({ description: 'Admin API scopes for the `client_credentials` grant. A client with any cannot run sign-ins: it is a machine client.' }),
};

export const adminClientId = z.string().regex(/^[A-Za-z0-9._~-]{1,64}$/, 'letters, digits and . _ ~ - only');

export const adminCreateClient = z
  .strictObject({
    clientId: adminClientId,
    ...clientFields,
    generateSecret: z.boolean().default(false).meta({ description: 'Make a secret, answered once and stored as a keyed hash.' }),
  })
  .meta({ description: 'A new client, kept in the store.' });

export const adminReplaceClient = z
  .strictObject(clientFields)
  .meta({ description: "The client's settings in full (what is left out takes its default); the secret stays. Needs `If-Match`." });

export const adminClient = z
  .object({
    clientId: z.string(),
    name: z.string(),
    allowedOrigins: z.array(z.string()),
    hasSecret: z.boolean(),
    sequence,
    acrSequences: z.record(z.string(), sequence),
    defaultAcr: z.string(),
    allowPhoneEnrollment: z.boolean(),
    allowTotpEnrollment: z.boolean(),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
    public: z.boolean(),
    logoUri: z.string().nullable(),
    cssUri: z.string().nullable(),
    passkeyAlone: z.boolean(),
    trustDevice: z.object({ enabled: z.boolean(), days: z.int() }),
    scopes: z.array(z.enum(adminScopes)),
    source: z
      .enum(['store', 'config'])
      .meta({ description: '`config`: defined in the config file, which wins at every start; read-only here (changes answer 409 `conflict`).' }),
  })
  .meta({ description: 'A client, never its secret.' });
export type AdminClient = z.output<typeof adminClient>;

export const adminClientList = z.object({ clients: z.array(adminClient) });

export const adminClientWithSecret = z.object({
  client: adminClient,
  clientSecret: z.string().optional().meta({ description: 'The new secret, shown this once; only its keyed hash is stored.' }),
});

export const adminEmpty = z.strictObject({}).meta({ description: 'No fields; `{}` or no body.' });
