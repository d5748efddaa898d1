import { z } from 'zod';

/**
 * The sign-in methods the flow API names, in `step.options[].method` and the id_token's `methods`.
 * `device` (a trusted device's key) is never listed in a client's sequence: the server offers it in
 * a login's second step when the client trusts devices (server/methods/device.ts).
 */
export const methodNames = ['password', 'sms', 'totp', 'backup_code', 'email', 'device'] as const;
export const methodName = z.enum(methodNames);
export type MethodName = (typeof methodNames)[number];
