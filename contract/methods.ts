import { z } from 'zod';

/** The sign-in methods the flow API names, in `step.options[].method` and the id_token's `methods`. */
export const methodNames = ['password', 'sms', 'totp', 'backup_code', 'email'] as const;
export const methodName = z.enum(methodNames);
export type MethodName = (typeof methodNames)[number];
