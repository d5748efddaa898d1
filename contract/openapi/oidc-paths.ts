import { z } from 'zod';
import { authorizeQuery, endSessionQuery } from '../oidc.js';
import { errorAnswer, headerRef, json, noStoreAnswer, type Json, type PathItems, requestOf, responseRef, schemaRef } from './refs.js';

/** Query parameters of an operation, read off the contract's schema of the query. */
function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _, ...fieldSchema } = z.toJSONSchema(field as z.ZodType, { io: 'input' }) as Record<string, Json>;
    const parameter: Record<string, Json> = { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema: fieldSchema };
    if (typeof fieldSchema.description === 'string') parameter.description = fieldSchema.description;
    return parameter;
  });
}

const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

const redirect = (description: string) => ({
  description,
  headers: { Location: { schema: { type: 'string', format: 'uri' } }, 'Cache-Control': headerRef('No-Store') },
});

const bearerError = {
  description: '`invalid_token`: no access token, a bad, expired or revoked one, or one for another audience (an id_token is not one).',
  headers: { 'WWW-Authenticate': { schema: { type: 'string', examples: ['Bearer error="invalid_token"'] } } },
  content: json({ ...schemaRef('OAuthError'), properties: { error: { const: 'invalid_token' } } }),
};

/** The OpenID Provider's browser endpoints and `/userinfo`; the code grant is documented at the token endpoint. */
export const oidcPaths: PathItems = {
  '/authorize': {
    get: {
      tags: ['openid'],
      operationId: 'authorize',
      summary: 'Authorization endpoint: the hosted login page',
      description:
        "OpenID Connect authorization code flow with PKCE (`S256` only, for every client). A bad `client_id` or a `redirect_uri` that is not exactly one of the client's is shown on the page and never redirected; every other error is redirected as `error`, `error_description`, `state` and `iss` (RFC 6749 §4.1.2.1, RFC 9207). A single sign-on session whose methods prove every step of the requested sequence answers with a code at once; one that proves only the first steps starts the page past them. `prompt=login` and `max_age` ask afresh; `prompt=none` answers from the session or with `login_required`.",
      parameters: queryParameters(authorizeQuery),
      responses: {
        '200': html('The hosted login page (`<mfa-login>`), under a Content-Security-Policy without inline script or style.'),
        '302': redirect("To the client's redirect URI with `code`, `state` and `iss`, or with `error`."),
        '400': html('An unknown client or a redirect URI the client did not register: shown, never redirected.'),
        '429': html('Too many sign-ins started from this address in a minute (`flow.startsPerMinutePerIp`).'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/authorize/complete': {
    post: {
      tags: ['openid'],
      operationId: 'authorizeComplete',
      summary: 'The hosted page hands in its completed flow',
      description:
        "Called by the hosted page's own script, from the server's origin only. The flow must be one `/authorize` started and complete; it ends here, so it yields one code. Sets the single sign-on cookie (`HttpOnly`, `SameSite=Lax`, `Secure` over https; lifetime `oidc.sessionSeconds`) and answers where the browser goes.",
      requestBody: requestOf('AuthorizeCompleteRequest'),
      responses: {
        '200': noStoreAnswer('Where to send the browser: the redirect URI with `code`, `state` and `iss`.', schemaRef('AuthorizeCompleteResponse')),
        '400': errorAnswer('The body is not valid, or the flow is not complete yet.', 'invalid_request', 'method_not_allowed'),
        '403': errorAnswer('Not called from the server’s own origin.', 'origin_not_allowed'),
        '404': errorAnswer('No such flow, or one no `/authorize` started, or one already handed in.', 'flow_not_found'),
        '409': errorAnswer('Another request handed in the same flow at the same moment.', 'flow_conflict'),
        '410': errorAnswer('The flow expired.', 'flow_expired'),
        '500': responseRef('ServerError'),
      },
    },
  },
  '/userinfo': Object.fromEntries(
    ['get', 'post'].map((method) => [
      method,
      {
        tags: ['openid'],
        operationId: method === 'get' ? 'userinfo' : 'userinfoPost',
        summary: 'UserInfo endpoint',
        description:
          'Takes an access token of the authorization code grant (`Authorization: Bearer`): `sub`, plus `preferred_username` and `name` (scope `profile`), `email`/`email_verified` (`email`), `phone_number`/`phone_number_verified` (`phone`). A token whose code was used twice is revoked.',
        security: [{ bearerAccessToken: [] }],
        responses: {
          '200': noStoreAnswer('The claims the granted scopes release.', schemaRef('Userinfo')),
          '401': bearerError,
          '500': responseRef('ServerError'),
        },
      },
    ]),
  ) as Record<string, Json>,
  '/logout': {
    get: {
      tags: ['openid'],
      operationId: 'endSession',
      summary: 'RP-initiated logout (end_session_endpoint)',
      description:
        "Ends the browser's single sign-on session (unless `id_token_hint` names another user) and returns to `post_logout_redirect_uri` with `state` when it is exactly one of the client's `postLogoutRedirectUris` (the client is the hint's audience, or `client_id`); else shows that the user is signed out.",
      parameters: queryParameters(endSessionQuery),
      responses: {
        '200': html('Signed out.'),
        '302': redirect('To `post_logout_redirect_uri`, with `state`.'),
        '400': html('A hint this server did not issue, a `client_id` not its audience, or an unregistered return URI: shown, never redirected.'),
        '500': responseRef('ServerError'),
      },
    },
  },
};
