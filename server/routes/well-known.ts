import { Router } from 'express';
import type { Services } from '../services.js';
import { JWKS_MAX_AGE_SECONDS } from '../tokens/keys.js';
import { methods } from '../methods/index.js';

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
      token_endpoint: `${issuer}/oauth2/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      grant_types_supported: ['urn:mfa-login:grant-type:sms-otp'],
      response_types_supported: ['id_token'],
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
      ],
      amr_values_supported: amrValuesSupported,
    });
  });

  router.get('/jwks.json', async (_req, res) => {
    res.set('Cache-Control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).json(await services.tokens.jwks(services.now()));
  });
  return router;
}
