import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { authorizeCompleteRequest, endSessionQuery, oidcPaths } from '../../contract/oidc.js';
import { MfaError, OAuthError } from '../errors.js';
import { callerOf } from '../http/caller.js';
import { servicesFor } from '../http/services.js';
import { errorBody } from '../http/errors.js';
import { AuthorizeError, checkAuthorization, redirectWith } from '../oidc/authorize.js';
import { HOSTED_SCRIPT, HOSTED_STYLES, hostedPageCsp, noticePage, signInPage } from '../oidc/hosted-page.js';
import { authorize, codeRedirect, takeCompletedFlow } from '../oidc/provider.js';
import { currentSession, endSession, startSession } from '../oidc/session.js';
import { userinfoOf, verifyIdTokenHint } from '../oidc/userinfo.js';
import type { Services } from '../services.js';
import type { ClientRecord } from '../store/types.js';
import { parseBody } from '../validate.js';

/** Nothing of the provider's answers may be cached: they carry codes, flows and personal claims. */
const noStore = (res: Response) => res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });

/**
 * The OpenID Provider's browser-facing endpoints: `/authorize` and its hosted page, the page's
 * completion call, `/userinfo` and RP-initiated logout (`/logout`). The code grant itself is at
 * the token endpoint (routes/token.ts).
 */
export function oidcRoutes(shared: Services): Router {
  const router = Router();
  const { issuer } = shared.config;
  const issuerOrigin = new URL(issuer).origin;

  function html(res: Response, status: number, body: string, client: ClientRecord | null) {
    noStore(res);
    res
      .status(status)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': hostedPageCsp(client) })
      .send(body);
  }

  router.get(oidcPaths.authorize, async (req, res) => {
    const services = servicesFor(shared, res);
    let client: ClientRecord | null = null;
    try {
      const request = await checkAuthorization(services, req.query as Record<string, unknown>);
      client = request.client;
      const outcome = await authorize(services, request, await currentSession(services, req), callerOf(req));
      if (outcome.kind === 'redirect') return void noStore(res).redirect(302, outcome.to);
      html(res, 200, signInPage({ issuer, client: request.client, flow: outcome.flow, lang: request.lang }), request.client);
    } catch (e) {
      if (!(e instanceof AuthorizeError)) {
        if (e instanceof MfaError && e.code === 'rate_limited')
          return html(res, 429, noticePage({ issuer, client, title: 'Please wait', message: e.message }), client);
        throw e;
      }
      if (e.redirectUri === null)
        return html(res, 400, noticePage({ issuer, client: null, title: 'Sign-in request not valid', message: e.description }), null);
      noStore(res).redirect(302, redirectWith(e.redirectUri, issuer, { error: e.error, error_description: e.description, state: e.state }));
    }
  });

  router.post(oidcPaths.authorizeComplete, express.json({ limit: '4kb', type: 'application/json' }), async (req, res) => {
    noStore(res);
    const services = servicesFor(shared, res);
    // Only the hosted page itself, on this origin, turns its flow into a code.
    if (req.get('origin') !== issuerOrigin) throw new MfaError('origin_not_allowed');
    if (!req.is('application/json')) throw new MfaError('invalid_request', 'Send application/json.');
    const { flow: handle } = parseBody(authorizeCompleteRequest, req.body);
    const flow = await takeCompletedFlow(services, handle);
    const sessionHash = await startSession(services, req, res, { userId: flow.userId!, methods: flow.methods, authTime: flow.authTime! });
    res.json({ redirectTo: await codeRedirect(services, flow, sessionHash) });
  });

  router.get(oidcPaths.hostedScript, (_req, res) => {
    res.set({ 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }).send(HOSTED_SCRIPT);
  });
  router.get(oidcPaths.hostedStyles, (_req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }).send(HOSTED_STYLES);
  });

  async function userinfo(req: Request, res: Response) {
    noStore(res);
    res.json(await userinfoOf(servicesFor(shared, res), req.get('authorization')));
  }
  router.get(oidcPaths.userinfo, userinfo);
  router.post(oidcPaths.userinfo, userinfo);

  router.get(oidcPaths.endSession, async (req, res) => {
    const services = servicesFor(shared, res);
    const notice = (status: number, title: string, message: string, client: ClientRecord | null = null) =>
      html(res, status, noticePage({ issuer, client, title, message }), client);
    const parsed = endSessionQuery.safeParse(req.query);
    if (!parsed.success) return notice(400, 'Sign-out request not valid', 'The sign-out request is not valid.');
    const q = parsed.data;
    const hint = q.id_token_hint ? await verifyIdTokenHint(services, q.id_token_hint) : null;
    if (q.id_token_hint && !hint) return notice(400, 'Sign-out request not valid', 'The id_token_hint is not one this server issued.');
    if (hint && q.client_id && q.client_id !== hint.clientId)
      return notice(400, 'Sign-out request not valid', 'The client_id does not match the id_token_hint.');
    const clientId = hint?.clientId ?? q.client_id;
    const client = clientId ? await services.store.getClient(clientId) : null;
    if (q.post_logout_redirect_uri && !client?.postLogoutRedirectUris.includes(q.post_logout_redirect_uri))
      return notice(400, 'Sign-out request not valid', 'The address to return to is not one this application registered.');
    const session = await currentSession(services, req);
    // A hint about someone else does not end this browser's session.
    if (!hint || !session || session.user.id === hint.sub) await endSession(services, req, res);
    if (q.post_logout_redirect_uri) {
      const to = new URL(q.post_logout_redirect_uri);
      if (q.state) to.searchParams.set('state', q.state);
      return void noStore(res).redirect(302, to.toString());
    }
    notice(200, 'Signed out', 'You are signed out.', client);
  });

  /** `/userinfo` answers RFC 6750's way: `WWW-Authenticate` and an OAuth error body. */
  const bearerErrors: ErrorRequestHandler = (err, req, res, next) => {
    if (!(err instanceof OAuthError) || !req.path.startsWith(oidcPaths.userinfo)) return next(err);
    res.set('WWW-Authenticate', `Bearer error="${err.error}", error_description="${err.description}"`);
    res.status(err.status).json(errorBody(res, err.toJSON()));
  };
  router.use(bearerErrors);
  return router;
}
