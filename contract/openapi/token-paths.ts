import { headerRef, json, oauthErrorOf, type PathItems, responseRef, schemaRef } from './refs.js';

/** The operations of tokens: what each answers, with which status. */
export const tokenPaths: PathItems = {
  '/oauth2/token': {
    post: {
      tags: ['tokens'],
      operationId: 'token',
      summary: 'Token endpoint: authorization code grant, SMS OTP grant, client_credentials for the admin API',
      description:
        "**`grant_type=authorization_code`** (OpenID Connect): `code`, `redirect_uri` (the one the code was asked for, exactly) and `code_verifier` (PKCE S256). A confidential client authenticates with HTTP Basic or `client_id`/`client_secret` in the body; a public client sends `client_id` alone (`none`). The code is single use and valid 60 s; a second use is refused and revokes the access token of the first. Answers `id_token`, `access_token` (RFC 9068 JWT for `/userinfo`, `oidc.accessTokenSeconds`), `token_type`, `expires_in`, `scope`.\n\n**SMS OTP grant**: Ubisecure-style phone verification for a confidential client, authenticated with HTTP Basic (`clientId:clientSecret`) or `client_id`/`client_secret` in the body, `grant_type=urn:mfa-login:grant-type:sms-otp`.\n\n1. With `username` (the phone, E.164) and optionally `message` (a template holding `{code}`): texts a code and answers `{challenge: {reference, expires_in}}`.\n2. With `reference` and `code`: answers tokens whose id_token `sub` is the phone number.\n\n**`grant_type=client_credentials`** (RFC 6749 §4.4) and optionally `scope`: a confidential client granted admin scopes (`scopes` in its settings) gets an access token for `/admin/v1` only (`ClientCredentialsResponse`); any other client answers `unauthorized_client`, a scope it is not granted `invalid_scope`. A client granted admin scopes may use no other grant, and the flow API does not know it.\n\nFailures are OAuth errors (RFC 6749 §5.2), not the flow API's error shape.",
      security: [
        {
          clientSecretBasic: [],
        },
        {},
      ],
      requestBody: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: { oneOf: [schemaRef('CodeTokenRequest'), schemaRef('TokenRequest'), schemaRef('ClientCredentialsRequest')] },
          },
        },
      },
      responses: {
        '200': {
          description: 'Authorization code: the tokens. SMS OTP step 1: the challenge; step 2: the tokens.',
          headers: {
            'Cache-Control': headerRef('No-Store'),
            Pragma: {
              schema: {
                const: 'no-cache',
              },
            },
          },
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  schemaRef('CodeTokenResponse'),
                  schemaRef('TokenChallenge'),
                  schemaRef('TokenResponse'),
                  schemaRef('ClientCredentialsResponse'),
                ],
              },
            },
          },
        },
        '400': {
          description:
            '`invalid_request` (also a body that is not form-encoded, a phone number that is not valid or in a country not served), `invalid_grant` (a code that is unknown, expired, used, of another client, or with another redirect URI or verifier; SMS OTP: `error_description` `OTP Expired`, `OTP Invalid`, `Too many attempts`), `unsupported_grant_type`.',
          content: {
            'application/json': {
              schema: {
                ...schemaRef('OAuthError'),
                properties: {
                  error: {
                    enum: ['invalid_request', 'invalid_grant', 'unsupported_grant_type', 'unauthorized_client', 'invalid_scope'],
                  },
                },
              },
            },
          },
        },
        '401': {
          description:
            '`invalid_client`: no client authentication, an unknown client or a wrong secret (a confidential client sending no secret, a public client sending one).',
          headers: {
            'WWW-Authenticate': {
              schema: {
                type: 'string',
                examples: ['Basic realm="mfa-login"'],
              },
            },
          },
          content: json(oauthErrorOf('invalid_client')),
        },
        '409': {
          description:
            '`temporarily_unavailable`: another request checked a code for this reference at the same moment; this one gets no verdict. Try again (the guess was counted).',
          content: json(oauthErrorOf('temporarily_unavailable')),
        },
        '429': {
          description:
            "`invalid_request`: a verification text (from this grant, another client's or a phone registration) went to this number less than `sms.resendAfterSeconds` ago, or too many verification codes were sent to this number or by this client (`sms.caps.verifyPerPhonePerHour`, `sms.caps.perClientPerHour`; the per-address cap does not hold grant texts, which all come from the client's backend); sign-in texts to a user's own number neither hold nor are held by these. Also before any secret is compared: 20 wrong client secrets from one address in 15 minutes (the address is refused, right secret or not), or 60 wrong secrets for one client from all addresses in a minute (`error_description`: `Too many failed client authentications. Try again later.`); a right secret does not count. See `Retry-After`.",
          headers: {
            'Retry-After': headerRef('Retry-After'),
          },
          content: json(oauthErrorOf('invalid_request')),
        },
        '500': responseRef('ServerError'),
        '502': {
          description: '`temporarily_unavailable`: the SMS provider did not accept the message.',
          content: json(oauthErrorOf('temporarily_unavailable')),
        },
      },
    },
  },
};
