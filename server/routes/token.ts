import express, { Router, type ErrorRequestHandler } from 'express';
import { OAuthError } from '../errors.js';
import { errorBody } from '../http/errors.js';
import { AUTHORIZATION_CODE_GRANT } from '../../contract/oidc.js';
import { authenticateClient, clientCredentials, publicClient } from '../oauth/client-auth.js';
import { exchangeCode } from '../oidc/codes.js';
import { CLIENT_CREDENTIALS_GRANT, SMS_OTP_GRANT } from '../../contract/token.js';
import { clientCredentialsGrant } from '../oauth/client-credentials.js';
import { servicesFor } from '../http/services.js';
import { createSmsOtpGrant } from '../oauth/sms-otp-grant.js';
import type { Services } from '../services.js';

/** `POST /oauth2/token`: form-encoded, client-authenticated, errors in RFC 6749's shape. */
export function tokenRoutes(shared: Services): Router {
  const router = Router();

  router.post('/token', express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const services = servicesFor(shared, res);
    if (!req.is('application/x-www-form-urlencoded')) throw new OAuthError('invalid_request', 'Use application/x-www-form-urlencoded.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const credentials = clientCredentials(req.get('authorization'), body);
    if (body.grant_type === AUTHORIZATION_CODE_GRANT) {
      // A public client proves nothing but its id here: the code's PKCE verifier is what binds it.
      const client = credentials ? await authenticateClient(services, credentials, req.ip ?? null) : await publicClient(services, body.client_id);
      // A machine client (admin scopes) runs no sign-in: it never holds a code.
      if (client.scopes.length > 0) throw new OAuthError('unauthorized_client', 'This client may not use this grant type.');
      return void res.json(await exchangeCode(services, client, body, req.ip ?? null));
    }
    const client = await authenticateClient(services, credentials, req.ip ?? null);
    if (body.grant_type === CLIENT_CREDENTIALS_GRANT) return void res.json(await clientCredentialsGrant(services, client, body, req.ip ?? null));
    if (body.grant_type !== SMS_OTP_GRANT) throw new OAuthError('unsupported_grant_type', 'This grant type is not supported.');
    // A machine client (admin scopes) runs no sign-in, nor phone verification.
    if (client.scopes.length > 0) throw new OAuthError('unauthorized_client', 'This client may not use this grant type.');
    res.json(await createSmsOtpGrant(services).exchange(client, body, req.ip ?? null));
  });

  const oauthErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const e =
      err instanceof OAuthError
        ? err
        : (err as { type?: string }).type?.startsWith('entity.')
          ? new OAuthError('invalid_request', 'The body is not valid.')
          : null;
    if (!e) return next(err);
    if (e.error === 'invalid_client') res.set('WWW-Authenticate', 'Basic realm="mfa-login"');
    if (e.retryAfter !== undefined) res.set('Retry-After', String(e.retryAfter));
    res.status(e.status).json(errorBody(res, e.toJSON()));
  };
  router.use(shared.metrics.refusals, oauthErrors);
  return router;
}
