import type { Response } from 'express';
import { forRequest } from '../request-services.js';
import type { Services } from '../services.js';
import { requestIdOf } from './request-id.js';

/** The services as the request that `res` answers sees them (request-services.ts). */
export const servicesFor = (services: Services, res: Response): Services => forRequest(services, requestIdOf(res));
