import { Router } from 'express';
import type { Services } from '../services.js';
import { JWKS_MAX_AGE_SECONDS } from '../tokens/keys.js';
import { methods } from '../methods/index.js';
import { AUTHORIZATION_CODE_GRANT, oidcPaths, supportedScopes, uiLocalesSupported } from '../../contract/oidc.js';
import { SMS_OTP_GRANT } from '../../contract/token.js';

/** Every `amr` value a method can put in a token, and `mfa` for two different ones: read off the method list. */
const amrValuesSupported = [...new Set([...Object.values(methods).flatMap((m) => m.amr), 'mfa'])];

/** OpenID Provider metadata and the public signing keys. */
export function wellKnownRoutes(services: Services): Router {
  const router = Router();
  const { issuer } = services.config;

  router.get('/openid-configuration', async (_req, res) => {
    const clients = await services.store.listClients();
    const acrs = new Set(clients.flatMap((c) => [c.defaultAcr, ...Object.keys(c.acrSequences)]));
    res.set('Cache-Control', 'public, max-age=300').json({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${issuer}${oidcPaths.authorize}`,
      token_endpoint: `${issuer}/oauth2/token`,
      userinfo_endpoint: `${issuer}${oidcPaths.userinfo}`,
      end_session_endpoint: `${issuer}${oidcPaths.endSession}`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      grant_types_supported: [AUTHORIZATION_CODE_GRANT, SMS_OTP_GRANT],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [...supportedScopes],
      prompt_values_supported: ['none', 'login'],
      authorization_response_iss_parameter_supported: true,
      ui_locales_supported: [...uiLocalesSupported],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [services.tokens.alg],
      acr_values_supported: [...acrs].sort(),
      claims_supported: [
        'iss',
        'sub',
        'aud',
        'azp',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'acr',
        'amr',
        'sid',
        'preferred_username',
        'name',
        'methods',
        'email',
        'email_verified',
        'phone_number',
        'phone_number_verified',
      ],
      amr_values_supported: amrValuesSupported,
    });
  });

  router.get('/jwks.json', async (_req, res) => {
    res.set('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).json(await services.tokens.jwks(services.now()));
  });
  return router;
}
