import { z } from 'zod';
import { codeBody, codeChallengeFields, emptyBody } from './fields.js';

/** The `email` method: a code e-mailed to the user's address. */

export const emailOption = z
  .object({
    method: z.literal('email'),
    email: z.string().meta({ description: 'The address, masked (`a•••@example.com`); the full address is never sent.' }),
    ...codeChallengeFields,
  })
  .meta({ description: 'Offered when the user has an e-mail address.' });
export type EmailOption = z.output<typeof emailOption>;

export const emailSteps = {
  send: {
    body: emptyBody,
    summary: 'Send (or re-send) an e-mail code',
    description:
      "E-mails a new code to the address in the user's profile; the previous code stops working. Same resend wait and caps as SMS (`email.*`).",
    errors: ['method_not_allowed', 'enrollment_required', 'rate_limited', 'delivery_failed'],
    operationId: 'sendEmailCode',
  },
  verify: {
    body: codeBody,
    summary: 'Step: e-mailed code',
    description: 'Checks the code e-mailed last; single use, `email.maxAttempts` wrong codes.',
    errors: ['invalid_request', 'invalid_code', 'method_not_allowed', 'enrollment_required', 'flow_expired', 'code_expired', 'too_many_attempts'],
    notes: { 400: 'Also: no code was sent yet.' },
    operationId: 'verifyEmailCode',
    request: 'CodeRequest',
  },
} as const;
