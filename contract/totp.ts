import { z } from 'zod';
import { codeBody, emptyBody } from './fields.js';

/** The `totp` method: an authenticator app's RFC 6238 codes, and setting one up in a flow. */

export const totpOption = z.object({
  method: z.literal('totp'),
  enrolled: z.boolean().meta({ description: 'The user has an authenticator app.' }),
  canEnroll: z.boolean().meta({ description: 'Not enrolled and the client allows enrolment: call `totp/enroll`.' }),
  attemptsRemaining: z.int().min(0).meta({ description: 'Wrong codes still allowed in this flow.' }),
});
export type TotpOption = z.output<typeof totpOption>;

export const totpSteps = {
  enroll: {
    body: emptyBody,
    summary: 'Start a TOTP enrolment',
    description:
      'For a user with no authenticator app, when the client allows it (`canEnroll: true`): answers the state plus `enrollment` (QR code as SVG and PNG data URL, the base32 secret and the `otpauth://` URI, Google Authenticator Key Uri Format with the issuer in label and parameter). Calling it again in the same flow shows the same secret. The secret is kept sealed in the flow until `totp/verify` confirms it.',
    errors: ['method_not_allowed'],
    notes: { 409: 'Also: an authenticator app is already set up, or the client does not allow enrolment.' },
  },
  verify: {
    body: codeBody,
    summary: 'Step: TOTP code',
    description:
      'Checks an RFC 6238 code (±`totp.window` steps). A time step once accepted is never accepted again, in any flow. `totp.maxAttempts` wrong codes per flow, then `too_many_attempts` even for a right code; 4 × `totp.maxAttempts` wrong codes per user in 15 minutes, across flows, then `rate_limited` for that user. Finishing an enrolment saves the authenticator and, when the user had no backup codes, answers `backupCodes` once.',
    errors: ['invalid_code', 'method_not_allowed', 'enrollment_required', 'too_many_attempts', 'rate_limited'],
    notes: {
      409: '`enrollment_required`: no authenticator is set up and no enrolment was started.',
      429: '`too_many_attempts`: this flow had its wrong codes; `rate_limited`: the account had its wrong codes for now (see `Retry-After`).',
    },
    request: 'CodeRequest',
  },
} as const;
