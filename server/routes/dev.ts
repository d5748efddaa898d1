import { Router } from 'express';
import { MfaError } from '../errors.js';
import { sendError } from '../http/errors.js';
import type { Outbox } from '../providers/outbox.js';

/** Development only: what was "sent", and the demo credentials. Mounted when devOutbox is on. */
export function devRoutes(outbox: Outbox, demoCredentials: () => { username: string; password: string } | null): Router {
  const router = Router();
  router.get('/outbox', (req, res) => {
    const to = typeof req.query.to === 'string' && req.query.to.length > 0 ? req.query.to.replace(/^ (?=\d)/, '+') : undefined; // '+' arrives as a space when not encoded
    res.set('Cache-Control', 'no-store').json({ messages: outbox.list(to) });
  });
  router.get('/demo', (_req, res) => {
    const creds = demoCredentials();
    if (!creds) return sendError(res, new MfaError('not_found', 'No demo user.'));
    res.set('Cache-Control', 'no-store').json(creds);
  });
  return router;
}
