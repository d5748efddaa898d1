import { Router } from 'express';
import { z } from 'zod';
import type { MethodName } from '../config.js';
import { callerOf } from '../http/caller.js';
import { parseBody } from '../validate.js';
import { handleSchema, type FlowService } from '../login/service.js';

const withHandle = z.looseObject({ flow: handleSchema });

/** Path → (method, action): the contract's step endpoints. */
const stepRoutes: [path: string, method: MethodName, action: string][] = [
  ['/password', 'password', 'verify'],
  ['/sms/send', 'sms', 'send'],
  ['/sms/enroll', 'sms', 'enroll'],
  ['/sms/verify', 'sms', 'verify'],
  ['/totp/enroll', 'totp', 'enroll'],
  ['/totp/verify', 'totp', 'verify'],
  ['/backup-code/verify', 'backup_code', 'verify'],
  ['/email/send', 'email', 'send'],
  ['/email/verify', 'email', 'verify'],
];

/** The flow API under /api/v1/flows; handles travel in bodies, never URLs. */
export function flowRoutes(flows: FlowService): Router {
  const router = Router();
  // Answers can hold an id_token, a TOTP secret or backup codes: no cache may keep them.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await flows.start(req.body, callerOf(req)));
  });

  router.post('/introspect', async (req, res) => {
    const { flow } = parseBody(withHandle, req.body);
    res.json(await flows.introspect(flow, callerOf(req)));
  });

  router.post('/cancel', async (req, res) => {
    const { flow } = parseBody(withHandle, req.body);
    res.json(await flows.cancel(flow, callerOf(req)));
  });

  for (const [path, method, action] of stepRoutes) {
    router.post(path, async (req, res) => {
      const { flow, ...body } = parseBody(withHandle, req.body);
      res.json(await flows.act(flow, method, action, body, callerOf(req)));
    });
  }
  return router;
}
