import { randomUUID } from 'node:crypto';
import express, { type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';

/**
 * What a proxy's id may look like (UUIDs, trace ids): short, and nothing that could break a log
 * line or a header. Anything else is replaced by an id of our own.
 */
const SAFE_ID = /^[A-Za-z0-9._:/+=-]{1,64}$/;

const ids = new WeakMap<Response, string>();

/** The id given to the request this answers; undefined when it never passed `requestId()`. */
export const requestIdOf = (res: Response): string | undefined => ids.get(res);

type TrustFn = (address: string, hop: number) => boolean;

/** Express's own reading of a `trust proxy` value, so the id is trusted exactly when `req.ip` trusts the proxy. */
function compileTrust(trustProxy: Config['trustProxy']): TrustFn {
  const probe = express();
  probe.set('trust proxy', trustProxy);
  return probe.get('trust proxy fn') as TrustFn;
}

/**
 * Gives every request an id: the `X-Request-Id` a trusted proxy sent (`trustProxy`), one the host
 * app already answers with, or a new random one. It is echoed in `X-Request-Id`, added to every
 * log line written while the request is handled (request-services.ts) and to every error answer.
 */
export function requestId(trustProxy: Config['trustProxy']): RequestHandler {
  const trusted = compileTrust(trustProxy);
  return (req, res, next) => {
    // Assigned already by the app around a mounted router: its context is the one running.
    if (ids.has(res)) return next();
    const offered = req.get('x-request-id');
    const answered = res.get('x-request-id');
    const id =
      offered !== undefined && SAFE_ID.test(offered) && trusted(req.socket.remoteAddress ?? '', 0)
        ? offered
        : typeof answered === 'string' && SAFE_ID.test(answered)
          ? answered
          : randomUUID();
    ids.set(res, id);
    res.set('X-Request-Id', id);
    next();
  };
}
