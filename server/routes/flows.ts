import { Router } from 'express';
import { flowRequest } from '../../contract/flows.js';
import { FLOWS, flowPaths, stepRoutes, trustDevicePath } from '../../contract/paths.js';
import { answerJson } from '../http/answer.js';
import { callerOf } from '../http/caller.js';
import { parseBody } from '../validate.js';
import type { FlowService } from '../login/service.js';

/** Routes are mounted at {@link FLOWS}; the contract's paths are absolute. */
const under = (path: string) => path.slice(FLOWS.length) || '/';

/** The flow API under /api/v1/flows; handles travel in bodies, never URLs. */
export function flowRoutes(flows: FlowService): Router {
  const router = Router();
  // Answers can hold an id_token, a TOTP secret or backup codes: no cache may keep them.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.post(under(flowPaths.start), async (req, res) => {
    answerJson(res, 201, await flows.start(req.body, callerOf(req)));
  });

  router.post(under(flowPaths.introspect), async (req, res) => {
    const { flow } = parseBody(flowRequest, req.body);
    answerJson(res, 200, await flows.introspect(flow, callerOf(req)));
  });

  router.post(under(flowPaths.cancel), async (req, res) => {
    const { flow } = parseBody(flowRequest, req.body);
    answerJson(res, 200, await flows.cancel(flow, callerOf(req)));
  });

  router.post(under(trustDevicePath), async (req, res) => {
    answerJson(res, 201, await flows.trustDevice(req.body, callerOf(req), req.get('user-agent')));
  });

  for (const { path, method, action } of stepRoutes()) {
    router.post(under(path), async (req, res) => {
      const { flow, ...body } = parseBody(flowRequest, req.body);
      answerJson(res, 200, await flows.act(flow, method, action, body, callerOf(req)));
    });
  }
  return router;
}
