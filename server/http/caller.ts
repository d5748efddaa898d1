import type { Request } from 'express';
import type { Caller } from '../login/service.js';

export const callerOf = (req: Request): Caller => ({ origin: req.get('origin') ?? null, ip: req.ip ?? null });
