import { z } from 'zod';
import { codeField } from './fields.js';

/** Schemas of the token API (`POST /oauth2/token`, form-encoded): the SMS OTP grant. */

export const SMS_OTP_GRANT = 'urn:mfa-login:grant-type:sms-otp';

/** The documented form: both steps' fields, as one grant type carries them. */
export const tokenRequest = z.object({
  grant_type: z.literal(SMS_OTP_GRANT),
  client_id: z.string().optional().meta({ description: 'When not using HTTP Basic.' }),
  client_secret: z.string().optional().meta({ description: 'When not using HTTP Basic.' }),
  username: z.string().optional().meta({ description: 'Step 1: the phone number, E.164.' }),
  message: z.string().optional().meta({ description: 'Step 1, optional: the SMS text, a template holding `{code}`.' }),
  reference: z.string().optional().meta({ description: 'Step 2: `challenge.reference` from step 1.' }),
  code: z.string().optional().meta({ description: 'Step 2: the code texted.' }),
});

/** Step 1: text a code to `username`. */
export const tokenSendBody = z.object({
  username: z.string().trim().min(3).max(32),
  message: z
    .string()
    .max(480)
    .refine((m) => m.includes('{code}'), 'message must hold {code}')
    .optional(),
});

/** Step 2: trade the reference and the texted code for tokens. */
export const tokenVerifyBody = z.object({ reference: z.string().min(30).max(200), code: codeField });

export const tokenChallenge = z.object({
  challenge: z.object({
    reference: z.string().meta({ description: 'Signed, opaque.' }),
    expires_in: z.int().meta({ examples: [300] }),
  }),
});
export type TokenChallenge = z.output<typeof tokenChallenge>;

export const tokenResponse = z.object({
  access_token: z.string().meta({
    contentMediaType: 'application/jwt',
    description: 'An RFC 9068 JWT access token (`typ` at+jwt, `aud` the issuer, `client_id`, `sub` the phone number).',
  }),
  id_token: z.string().meta({
    contentMediaType: 'application/jwt',
    description:
      '`sub` and `phone_number` are the phone number (E.164), `phone_number_verified` true, `acr` `urn:mfa-login:acr:sms-otp`, `amr` [`sms`].',
    'x-jwt-claims': { $ref: '#/components/schemas/IdTokenClaims' },
  }),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
});
export type TokenResponse = z.output<typeof tokenResponse>;

/** RFC 6749 §4.4: a confidential client granted admin scopes gets an access token for the admin API. */
export const CLIENT_CREDENTIALS_GRANT = 'client_credentials';

export const clientCredentialsRequest = z.object({
  grant_type: z.literal(CLIENT_CREDENTIALS_GRANT),
  client_id: z.string().optional().meta({ description: 'When not using HTTP Basic.' }),
  client_secret: z.string().optional().meta({ description: 'When not using HTTP Basic.' }),
  scope: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "Space-separated, a subset of the client's `scopes` (`admin`, `admin:read`); all of them when left out." }),
});

/** The body of the grant as the server checks it (client authentication aside). */
export const clientCredentialsBody = z.object({
  scope: z
    .string()
    .max(200)
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'space-separated scope tokens (RFC 6749 §3.3)')
    .optional(),
});

export const clientCredentialsResponse = z.object({
  access_token: z.string().meta({
    contentMediaType: 'application/jwt',
    description:
      'An RFC 9068 JWT access token: `typ` at+jwt, `aud` `<issuer>/admin/v1` (no other token of this server has that audience), `sub` and `client_id` the client, `scope`. Send it as `Authorization: Bearer …` to `/admin/v1/…`.',
  }),
  token_type: z.literal('Bearer'),
  expires_in: z.int().meta({ description: '`admin.accessTokenTtlSeconds`, 300 by default.' }),
  scope: z.string(),
});
