import { z } from 'zod';
import { codeChallengeFields, codeField, totpEnrollment } from './flows.js';

/**
 * Schemas of the settings API (`/api/v1/me/*`). The step-up that authorises a change is a flow
 * (`purpose`, `idToken`, `dpopKey` in `StartFlowRequest`; `SettingsGrantResult` in flows.ts).
 */

const nullableMasked = (description: string) => z.string().nullable().meta({ description });

export const me = z
  .object({
    user: z.object({ username: z.string(), displayName: z.string() }),
    factors: z.object({
      password: z.literal(true),
      totp: z.object({ enrolled: z.boolean() }),
      sms: z.object({ phone: nullableMasked('Masked (`+1 ••• ••• 4567`), or null when none.'), disabled: z.boolean() }),
      email: z.object({ address: nullableMasked('Masked (`a•••@example.com`), or null when none.') }),
      backupCodes: z.object({ remaining: z.int().min(0) }),
    }),
    freshUntil: z
      .string()
      .nullable()
      .meta({ format: 'date-time', description: 'Until when this token allows changes; null when only a new sign-in with a second factor does.' }),
  })
  .meta({ description: "The signed-in user's factors; no secret ever appears here." });
export type Me = z.output<typeof me>;

/** `POST /api/v1/me/backup-codes`: the factors plus the new codes, shown once. */
export const meWithBackupCodes = z.object({ ...me.shape, backupCodes: z.array(z.string()).meta({ description: 'The new codes, shown once.' }) });
export type MeWithBackupCodes = z.output<typeof meWithBackupCodes>;

export const meEnrollment = z.object({ enrollment: totpEnrollment });
export type MeEnrollment = z.output<typeof meEnrollment>;

export const mePhoneChallenge = z.object({
  phone: z.string().meta({ description: 'The new number, masked.' }),
  ...codeChallengeFields,
});
export type MePhoneChallenge = z.output<typeof mePhoneChallenge>;

export const emptyRequest = z.object({}).meta({ description: 'No fields; `{}`.' });
export const meCodeRequest = z.object({ code: codeField });
export const mePhoneRequest = z.object({ phone: z.string().trim().min(3).max(32) });
