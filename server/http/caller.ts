import type { Request } from 'express';
import type { Caller } from '../flow/caller.js';
import { requestIdOf } from './request-id.js';

export const callerOf = (req: Request): Caller => {
  const requestId = req.res ? requestIdOf(req.res) : undefined;
  return { origin: req.get('origin') ?? null, ip: req.ip ?? null, ...(requestId ? { requestId } : {}) };
};
