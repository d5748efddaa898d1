import { z } from 'zod';
import { emptyBody } from './fields.js';

/** The `device` method: a trusted device's key skips a login's second step (registering one is `device/trust`, in flows.ts). */

export const deviceVerifyBody = z.object({
  deviceId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .meta({ description: 'The id `device/trust` answered when this device was trusted.' }),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9_-]{86}$/)
    .meta({
      description:
        'ECDSA P-256 with SHA-256 (IEEE P1363, r‖s, 64 bytes, base64url) over the UTF-8 bytes of `mfa-login device v1\n` followed by the `challenge` from `device/challenge`.',
    }),
});
export type DeviceVerifyBody = z.output<typeof deviceVerifyBody>;

export const deviceOption = z.object({ method: z.literal('device') }).meta({
  description:
    "Only in the second step of a login in the client's default sequence (not a named `acr`), when the client trusts devices and the user has a live trusted device for it: a device holding its key skips the step (`device/challenge`, then `device/verify`). Never in a step-up.",
});
export type DeviceOption = z.output<typeof deviceOption>;

export const deviceSteps = {
  challenge: {
    body: emptyBody,
    summary: 'A challenge for a trusted device',
    description:
      'While the `device` option is offered (the second step of a login, for a user with a trusted device of this client): answers `deviceChallenge`, 256 random bits to sign within 60 seconds, in this flow only. A new challenge replaces the last.',
    errors: ['method_not_allowed', 'enrollment_required', 'too_many_attempts'],
    answer: 'The flow state with `deviceChallenge`.',
    operationId: 'deviceChallenge',
  },
  verify: {
    body: deviceVerifyBody,
    summary: 'Step: trusted device',
    description:
      "Checks the device's signature of the last challenge: the device must be live (not revoked, not expired), the signed-in user's and this client's. The challenge is spent by this call, right or wrong. Satisfies the second step; the id_token's `amr` then holds `swk` and `device` besides `pwd` and `mfa`. 3 refusals per flow, then the option is no longer offered (the other methods of the step stay).",
    errors: [
      'invalid_request',
      'invalid_credentials',
      'method_not_allowed',
      'enrollment_required',
      'flow_expired',
      'code_expired',
      'too_many_attempts',
    ],
    notes: {
      400: 'Also: no challenge was asked for.',
      401: 'Not a trusted device of this user and client, or a wrong signature.',
      410: '`code_expired`: the challenge expired.',
    },
  },
} as const;
