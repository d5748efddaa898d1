import { z } from 'zod';
import { codeChallengeFields, codeField } from './fields.js';
import { totpEnrollment, trustedDevice } from './flows.js';
import { passkeySummary } from './passkey.js';

/**
 * Schemas of the settings API (`/api/v1/me/*`). The step-up that authorises a change is a flow
 * (`purpose`, `idToken`, `dpopKey` in `StartFlowRequest`; `SettingsGrantResult` in flows.ts).
 */

const nullableMasked = (description: string) => z.string().nullable().meta({ description });
const dateTime = z.string().meta({ format: 'date-time' });

/** The name a user gives an authenticator app, to tell several apart. */
export const totpName = z.string().trim().min(1).max(64).meta({ description: 'The name the user gives it, such as "Phone".' });
export const totpAuthenticatorId = z.string().min(1).max(64).meta({ description: "The id of one of the user's authenticators." });

export const totpAuthenticator = z
  .object({
    id: totpAuthenticatorId,
    name: z.string(),
    createdAt: dateTime,
    lastUsedAt: dateTime.nullable().meta({ description: 'When a code from it last signed in; null: never.' }),
  })
  .meta({ description: 'One authenticator app; its secret never appears here.' });
export type TotpAuthenticator = z.output<typeof totpAuthenticator>;

export const me = z
  .object({
    user: z.object({ username: z.string(), displayName: z.string() }),
    factors: z.object({
      password: z.literal(true),
      totp: z.object({
        enrolled: z.boolean(),
        authenticators: z.array(totpAuthenticator).meta({ description: 'Oldest first; a code from any of them signs in.' }),
      }),
      sms: z.object({ phone: nullableMasked('Masked (`+1 ••• ••• 4567`), or null when none.'), disabled: z.boolean() }),
      email: z.object({ address: nullableMasked('Masked (`a•••@example.com`), or null when none.') }),
      backupCodes: z.object({ remaining: z.int().min(0) }),
      passkeys: z.array(passkeySummary).meta({ description: 'Newest first.' }),
    }),
    freshUntil: z
      .string()
      .nullable()
      .meta({ format: 'date-time', description: 'Until when this token allows changes; null when only a new sign-in with a second factor does.' }),
  })
  .meta({ description: "The signed-in user's factors; no secret ever appears here." });
export type Me = z.output<typeof me>;

/** `POST /api/v1/me/backup-codes`: the factors plus the new codes, shown once. */
export const meWithBackupCodes = z.intersection(
  me,
  z.object({ backupCodes: z.array(z.string()).meta({ description: 'The new codes, shown once.' }) }),
);
export type MeWithBackupCodes = z.output<typeof meWithBackupCodes>;

export const meEnrollment = z.object({ enrollment: totpEnrollment });
export type MeEnrollment = z.output<typeof meEnrollment>;

export const mePhoneChallenge = z.object({
  phone: z.string().meta({ description: 'The new number, masked.' }),
  ...codeChallengeFields,
});
export type MePhoneChallenge = z.output<typeof mePhoneChallenge>;

export const meCodeRequest = z.object({ code: codeField });
export const mePhoneRequest = z.object({ phone: z.string().trim().min(3).max(32) });

/** `POST /api/v1/me/totp/verify`: the code from the app being added, and its name. */
export const meTotpVerifyRequest = z.object({
  code: codeField,
  name: totpName.optional().meta({ description: 'Its name; "Authenticator" (and a number after the first) when absent.' }),
});
export const meTotpRemoveRequest = z.object({ id: totpAuthenticatorId });
export const meTotpRenameRequest = z.object({ id: totpAuthenticatorId, name: totpName });
/** `GET /api/v1/me/devices` and the answer of each revocation: the user's live trusted devices. */
export const meDevices = z
  .object({ devices: z.array(trustedDevice).meta({ description: 'Newest first; expired ones are left out.' }) })
  .meta({ description: 'The browsers that may skip the second step of a login for this user.' });
export type MeDevices = z.output<typeof meDevices>;
export const meDeviceRevokeRequest = z.object({ id: z.string().min(1).max(64) });
