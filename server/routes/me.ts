import { Router, type Request, type Response } from 'express';
import { MfaError } from '../errors.js';
import { callerOf } from '../http/caller.js';
import { servicesFor } from '../http/services.js';
import { settingsRoutes } from '../self-service/actions.js';
import { factorsView } from '../self-service/factors.js';
import { assertMayChange, identify, type Identity } from '../self-service/identity.js';
import type { Services } from '../services.js';
import { parseBody } from '../validate.js';

/** Query names under which a token would land in access logs. */
const TOKEN_PARAMS = ['access_token', 'id_token', 'token'];

/** The URLs a request may have been addressed as: the public one (issuer) and the one the server saw. */
function requestUrls(req: Request, issuer: string): string[] {
  const path = req.originalUrl.split('?')[0]!;
  return [...new Set([`${new URL(issuer).origin}${path}`, `${req.protocol}://${req.get('host') ?? ''}${path}`])];
}

/**
 * Self-service under /api/v1/me for a user signed in with this server. Reading the factors takes
 * an id_token (`Bearer`) or a settings grant; a change takes a settings grant only (`DPoP`
 * scheme plus a `DPoP` proof header), which a step-up flow makes (purpose `settings`).
 */
export function meRoutes(shared: Services): Router {
  const router = Router();

  async function who(services: Services, req: Request): Promise<Identity> {
    if (TOKEN_PARAMS.some((name) => name in (req.query as Record<string, unknown>))) {
      throw new MfaError('invalid_request', 'Send the token in the Authorization header, never in the URL.');
    }
    return identify(services, {
      authorization: req.get('authorization'),
      dpop: req.get('dpop'),
      method: req.method,
      urls: requestUrls(req, services.config.issuer),
      caller: callerOf(req),
    });
  }

  /** Some answers hold secrets (keys, backup codes): no cache may keep any of them. */
  const send = (res: Response, body: unknown) => void res.set('Cache-Control', 'no-store').json(body);

  // The contract's settings table: a read takes either credential; a change only a settings grant, then its body.
  for (const { action, run } of settingsRoutes()) {
    router[action.kind === 'read' ? 'get' : 'post'](action.path || '/', async (req, res) => {
      const services = servicesFor(shared, res);
      const identity = await who(services, req);
      let body: unknown;
      if (action.kind === 'change') {
        assertMayChange(identity, services.now());
        body = parseBody(action.body, req.body);
      }
      const answer = await run({ services, identity, body, ip: callerOf(req).ip });
      send(res, action.answer ? answer : await factorsView(services, identity));
    });
  }

  return router;
}
