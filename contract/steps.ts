import type { z } from 'zod';
import { backupCodeOption, backupCodeSteps } from './backup-code.js';
import { deviceOption, deviceSteps } from './device.js';
import { emailOption, emailSteps } from './email.js';
import type { ErrorCode } from './errors.js';
import { passkeyOption, passkeySteps } from './passkey.js';
import { passwordOption, passwordSteps } from './password.js';
import type { allStepPaths, StepMethod } from './paths.js';
import { smsOption, smsSteps } from './sms.js';
import { totpOption, totpSteps } from './totp.js';

/** How the OpenAPI document describes one step action; its operation is generated from this. */
export interface StepDoc {
  /** The request body beyond `flow` (the document adds `flow`; a body with no fields is `FlowRequest`). */
  body: z.ZodObject;
  summary: string;
  description: string;
  /** Error codes beyond the ones every step answers (bad request, origin, flow gone, conflict). */
  errors: readonly ErrorCode[];
  /** What an error answer says after its codes, by status. */
  notes?: Partial<Record<400 | 401 | 409 | 410 | 429, string>>;
  /** The 200 answer's description, when it says more than "The flow state.". */
  answer?: string;
  /** Names older than the generated `<action><Method>` and `<Method><Action>Request`: clients made from the document keep theirs. */
  operationId?: string;
  request?: string;
}

type Actions<M extends StepMethod> = keyof ReturnType<typeof allStepPaths>[M];

export interface MethodContract<M extends StepMethod = StepMethod> {
  /** Its entry in `step.options`. */
  option: z.ZodObject;
  /** One doc per action of its path table entry. */
  steps: Record<Actions<M>, StepDoc>;
}

/**
 * Every method's contract (`contract/<name>.ts`), in the order of the option union: the union, the
 * OpenAPI components and the step operations are read off this table, not written by hand.
 */
export const methodContracts = {
  password: { option: passwordOption, steps: passwordSteps },
  totp: { option: totpOption, steps: totpSteps },
  sms: { option: smsOption, steps: smsSteps },
  email: { option: emailOption, steps: emailSteps },
  backup_code: { option: backupCodeOption, steps: backupCodeSteps },
  device: { option: deviceOption, steps: deviceSteps },
  passkey: { option: passkeyOption, steps: passkeySteps },
} satisfies { [M in StepMethod]: MethodContract<M> };

const pascal = (s: string) => s.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** `backup_code` → `BackupCodeOption`, ('passkey', 'verify') → `PasskeyVerifyRequest`. */
export const optionSchemaName = (method: string) => `${pascal(method)}Option`;
export const requestSchemaName = (method: string, action: string) => `${pascal(method)}${pascal(action)}Request`;
export const operationName = (method: string, action: string) => `${action}${pascal(method)}`;
