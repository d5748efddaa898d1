import { z } from 'zod';
import { codeBody, codeChallengeFields, emptyBody } from './fields.js';

/** The `sms` method: a code texted to the user's phone, and registering a phone in a flow. */

export const phoneBody = z.object({
  phone: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .meta({
      description: 'E.164, or a national format when the server has `sms.defaultCountry`.',
      examples: ['+12015550123'],
    }),
});
export type PhoneBody = z.output<typeof phoneBody>;

export const smsOption = z
  .object({
    method: z.literal('sms'),
    enrolled: z.boolean().meta({ description: 'The user has a phone.' }),
    canEnroll: z.boolean().optional().meta({ description: 'Only when not enrolled: the client allows registering a phone (`sms/enroll`).' }),
    phone: z.string().optional().meta({ description: 'Only when enrolled: the phone, masked (`+1 ••• ••• 4567`); the full number is never sent.' }),
    ...codeChallengeFields,
    sent: codeChallengeFields.sent.optional(),
  })
  .meta({
    description:
      'Offered when the user has a phone in an allowed country, or has none (then `enrolled: false`, with `canEnroll`). The code fields describe the last code sent in this flow.',
  });
export type SmsOption = z.output<typeof smsOption>;

export const smsSteps = {
  send: {
    body: emptyBody,
    summary: 'Send (or re-send) an SMS code',
    description:
      "Texts a new code to the phone in the user's profile, or, during a phone registration (`sms/enroll`), to the number being registered. A resend replaces the previous code, which stops working. Resends wait `sms.resendAfterSeconds` (`rate_limited` with `Retry-After` before), and so does any other text of the same kind to the same number from another flow, until a code to it comes back; hourly caps per phone, per address and per client guard against SMS pumping. Codes to the user's own phone (sign-in) and codes to a number being registered (verification) have separate budgets: sign-in uses `sms.caps.perPhonePerHour`, `perIpPerHour`, `perClientPerHour`; verification, like the token grant and `/me/phone`, uses `verifyPerPhonePerHour`, `verifyPerAccountPerHour`, `verifyPerIpPerHour` and its own resend wait, so no one else's texts to a number can hold back its owner's sign-in code. A text the provider did not accept counts against no wait and no cap.",
    errors: ['method_not_allowed', 'enrollment_required', 'rate_limited', 'delivery_failed'],
    notes: { 409: '`enrollment_required`: the user has no phone (see `sms/enroll`).' },
    operationId: 'sendSmsCode',
  },
  enroll: {
    body: phoneBody,
    summary: 'Register a phone (in a flow)',
    description:
      'For a user with no phone, when the client allows it (`allowPhoneEnrollment`, shown as `canEnroll: true` on the sms option): normalises `phone` to E.164 and texts a code to it. The phone is saved to the profile only when `sms/verify` accepts that code; that call also answers `backupCodes` when the user had none.',
    errors: ['invalid_request', 'method_not_allowed', 'rate_limited', 'delivery_failed'],
    notes: {
      400: 'Also a phone number that is not valid.',
      409: 'Also: a phone is already registered, the client does not allow registration, or the country is not served.',
    },
    operationId: 'enrollSmsPhone',
    request: 'PhoneRequest',
  },
  verify: {
    body: codeBody,
    summary: 'Step: SMS code',
    description:
      'Checks the code texted last. A code works once; `sms.maxAttempts` wrong codes kill it (`too_many_attempts`: ask for a new one). Confirms a phone registration when one is pending (then `backupCodes` may be added).',
    errors: ['invalid_request', 'invalid_code', 'method_not_allowed', 'enrollment_required', 'flow_expired', 'code_expired', 'too_many_attempts'],
    notes: { 400: 'Also: no code was sent yet.' },
    operationId: 'verifySmsCode',
    request: 'CodeRequest',
  },
} as const;
