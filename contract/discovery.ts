import { z } from 'zod';

/** Schemas of discovery (`/.well-known/*`) and the development helpers (`/api/v1/dev/*`). */

const strings = z.array(z.string());

export const openIdConfiguration = z.object({
  issuer: z.string(),
  jwks_uri: z.string(),
  authorization_endpoint: z.string().meta({ description: 'The hosted login page (authorization code flow with PKCE S256).' }),
  token_endpoint: z.string(),
  userinfo_endpoint: z.string(),
  end_session_endpoint: z.string().meta({ description: 'RP-initiated logout.' }),
  token_endpoint_auth_methods_supported: strings.optional(),
  grant_types_supported: strings.meta({ examples: [['authorization_code', 'urn:mfa-login:grant-type:sms-otp']] }),
  response_types_supported: strings.meta({ examples: [['code']] }),
  response_modes_supported: strings.optional(),
  code_challenge_methods_supported: strings.meta({ examples: [['S256']] }),
  scopes_supported: strings.optional(),
  prompt_values_supported: strings.optional(),
  authorization_response_iss_parameter_supported: z.boolean().optional(),
  ui_locales_supported: strings.optional(),
  subject_types_supported: strings.optional(),
  id_token_signing_alg_values_supported: strings,
  acr_values_supported: strings.meta({ description: "Every client's default and named sequences." }),
  claims_supported: strings.optional(),
  amr_values_supported: strings.optional(),
});

export const jwks = z.object({
  keys: z.array(
    z.object({
      kty: z.string(),
      kid: z.string().meta({ description: 'RFC 7638 thumbprint.' }),
      alg: z.string(),
      use: z.literal('sig'),
      crv: z.string().optional(),
      x: z.string().optional(),
      y: z.string().optional(),
    }),
  ),
});

export const outbox = z.object({
  messages: z.array(
    z.object({
      channel: z.enum(['sms', 'email']),
      to: z.string(),
      subject: z.string().optional().meta({ description: 'E-mails only.' }),
      body: z.string(),
      sentAt: z.string().meta({ format: 'date-time' }),
    }),
  ),
});
