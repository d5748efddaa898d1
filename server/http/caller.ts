import type { Request } from 'express';
import type { Caller } from '../flow/caller.js';

export const callerOf = (req: Request): Caller => ({ origin: req.get('origin') ?? null, ip: req.ip ?? null });
