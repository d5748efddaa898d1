import { z } from 'zod';
import { LANGUAGES } from './languages.js';
import { flowHandle } from './flows.js';

/** Schemas of the OpenID Provider: `/authorize`, the code grant, `/userinfo`, RP-initiated logout. */

export const oidcPaths = {
  authorize: '/authorize',
  /** The hosted page posts its completed flow here and is told where to go. */
  authorizeComplete: '/authorize/complete',
  hostedScript: '/authorize/page.js',
  hostedStyles: '/authorize/page.css',
  userinfo: '/userinfo',
  endSession: '/logout',
} as const;

export const AUTHORIZATION_CODE_GRANT = 'authorization_code';

/** The scopes this provider knows; others are ignored (RFC 6749 §3.3 lets it grant less). */
export const supportedScopes = ['openid', 'profile', 'email', 'phone'] as const;

const param = (max: number) => z.string().min(1).max(max);

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const codeVerifier = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, '43 to 128 characters of A-Z a-z 0-9 . _ ~ -');

/**
 * The query of `GET /authorize`: the authorization code flow with PKCE S256 only. `client_id` and
 * `redirect_uri` are checked first (a mistake there is shown, never redirected); the rest answers
 * with a redirect carrying `error`.
 */
export const authorizeQuery = z.object({
  response_type: z.literal('code').meta({ description: 'Only the authorization code flow.' }),
  response_mode: z.literal('query').optional().meta({ description: 'The only one supported, and the default.' }),
  client_id: param(64),
  redirect_uri: param(2000).meta({ description: 'Exactly one of the client’s `redirectUris`.' }),
  scope: param(1000).refine((s) => s.split(' ').includes('openid'), 'must contain openid'),
  state: param(2000).optional().meta({ description: 'Returned as is with the code or the error.' }),
  nonce: param(255).optional().meta({ description: 'Put in the id_token.' }),
  code_challenge: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'BASE64URL(SHA256(code_verifier))')
    .meta({ description: 'Required for every client, public or confidential.' }),
  code_challenge_method: z.literal('S256').meta({ description: '`plain` is refused.' }),
  acr_values: param(1000).optional().meta({ description: 'Space-separated; the first one the client offers picks the sequence.' }),
  login_hint: param(255).optional(),
  prompt: z.enum(['none', 'login']).optional().meta({ description: '`login`: sign in afresh; `none`: answer from the session or `login_required`.' }),
  max_age: z
    .string()
    .regex(/^[0-9]{1,9}$/)
    .optional()
    .meta({ description: 'Seconds: an older sign-on session is not used.' }),
  ui_locales: param(200).optional().meta({ description: 'Space-separated BCP 47 tags; the first is the hosted page’s language.' }),
});
export type AuthorizeQuery = z.output<typeof authorizeQuery>;

/** `POST /authorize/complete`, from the hosted page: the flow `/authorize` started, now complete. */
export const authorizeCompleteRequest = z.strictObject({ flow: flowHandle });

export const authorizeCompleteResponse = z.object({
  redirectTo: z.string().meta({ description: 'The client’s redirect URI with `code`, `state` and `iss` (RFC 9207), or with `error`.' }),
});

/** `POST /oauth2/token` with `grant_type=authorization_code`. */
export const codeTokenRequest = z.object({
  grant_type: z.literal(AUTHORIZATION_CODE_GRANT),
  code: z.string().min(1).max(200),
  redirect_uri: z.string().min(1).max(2000).meta({ description: 'The one the code was asked for, exactly.' }),
  code_verifier: codeVerifier,
  client_id: z.string().optional().meta({ description: 'A public client (auth method `none`), or with `client_secret` (`client_secret_post`).' }),
  client_secret: z.string().optional(),
});

export const codeTokenResponse = z.object({
  access_token: z.string().meta({
    contentMediaType: 'application/jwt',
    description: 'RFC 9068 JWT (`typ` at+jwt, `aud` `<issuer>/userinfo`): for `/userinfo` only. It never authorises a change to the user’s factors.',
  }),
  id_token: z.string().meta({ contentMediaType: 'application/jwt', 'x-jwt-claims': { $ref: '#/components/schemas/IdTokenClaims' } }),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  scope: z.string().meta({ examples: ['openid profile email'] }),
});
export type CodeTokenResponse = z.output<typeof codeTokenResponse>;

export const userinfo = z.object({
  sub: z.string(),
  preferred_username: z.string().optional().meta({ description: 'Scope `profile`.' }),
  name: z.string().optional().meta({ description: 'Scope `profile`.' }),
  email: z.string().optional().meta({ description: 'Scope `email`, when the user has an address.' }),
  email_verified: z.boolean().optional(),
  phone_number: z.string().optional().meta({ description: 'Scope `phone`, when the user has a number (E.164).' }),
  phone_number_verified: z.boolean().optional(),
});
export type Userinfo = z.output<typeof userinfo>;

/** `GET /logout` (OpenID Connect RP-Initiated Logout 1.0). */
export const endSessionQuery = z.object({
  id_token_hint: z.string().max(8192).optional().meta({ description: 'An id_token this server issued (an expired one will do).' }),
  client_id: param(64).optional(),
  post_logout_redirect_uri: param(2000).optional().meta({ description: 'Exactly one of the client’s `postLogoutRedirectUris`.' }),
  state: param(2000).optional(),
  ui_locales: param(200).optional(),
});

/** The hosted page's languages (`ui_locales_supported`): the element's, English first. */
export const uiLocalesSupported = ['en', ...LANGUAGES] as const;
