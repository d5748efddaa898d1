import { Router, type RequestHandler } from 'express';
import { requestIdOf } from '../http/request-id.js';
import { checkReadiness } from '../readiness.js';
import type { Services } from '../services.js';

/**
 * `GET /healthz` (liveness: the process answers; it stays 200 while draining, so a shutdown is not
 * taken for a hang) and `GET /readyz` (readiness: 503 with the checks that failed, and while
 * shutting down). Unauthenticated, never cached, and they name no setting or secret.
 */
export function healthRoutes(services: Services, draining: () => boolean, headers: RequestHandler): Router {
  const router = Router();
  let wasReady: boolean | undefined;

  router.get('/healthz', headers, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  router.get('/readyz', headers, async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (draining()) return void res.status(503).json({ status: 'shutting_down' });
    const { ready, checks } = await checkReadiness(services);
    const failed = Object.entries(checks)
      .filter(([, result]) => result !== 'ok')
      .map(([name]) => name);
    // A change is worth a line; every probe of an unchanged state is not.
    if (ready !== wasReady && (wasReady !== undefined || !ready)) {
      const line = { checks, requestId: requestIdOf(res) };
      services.logger[ready ? 'info' : 'warn'](line, ready ? 'ready again' : `not ready: ${failed.join(', ')}`);
    }
    wasReady = ready;
    res.status(ready ? 200 : 503).json(ready ? { status: 'ready', checks } : { status: 'not_ready', checks, failed });
  });

  return router;
}
