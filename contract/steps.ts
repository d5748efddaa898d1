import type { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { passkeyOption, passkeySteps } from './passkey.js';
import type { StepMethod } from './paths.js';

/** How the OpenAPI document describes one step action; its operation is generated from this. */
export interface StepDoc {
  /** The request body beyond `flow` (the document adds `flow`). */
  body: z.ZodObject;
  summary: string;
  description: string;
  /** Error codes beyond the ones every step answers (bad request, origin, flow gone, conflict). */
  errors: readonly ErrorCode[];
}

export interface MethodContract {
  /** Its entry in `step.options`. */
  option: z.ZodObject;
  /** One doc per action of its `stepPaths` entry. */
  steps: Record<string, StepDoc>;
}

/**
 * Methods whose contract is a file of its own (`contract/<name>.ts`): the option union, the
 * OpenAPI components and the step operations are read off this table, not written by hand.
 */
export const methodContracts = {
  passkey: { option: passkeyOption, steps: passkeySteps },
} as const satisfies Partial<Record<StepMethod, MethodContract>>;
