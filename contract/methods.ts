import { z } from 'zod';

/** The sign-in methods the flow API names, in `step.options[].method` and the id_token's `methods`. */
export const methodNames = ['password', 'sms', 'totp', 'backup_code', 'email', 'passkey'] as const;
export const methodName = z.enum(methodNames);
export type MethodName = (typeof methodNames)[number];

/**
 * RFC 8176 values each method can put in the id_token's `amr` (`mfa` is added for two different
 * methods, or a user-verifying passkey alone). The server's methods and discovery read it from here.
 */
export const methodAmr = {
  password: ['pwd'],
  sms: ['sms'],
  totp: ['otp'],
  backup_code: ['otp'],
  email: ['otp'],
  /** `hwk` a device-bound key, `swk` a synced one; `user` when the authenticator verified the user. */
  passkey: ['hwk', 'swk', 'user'],
} as const satisfies Record<MethodName, readonly string[]>;

export const amrValues = [...new Set([...Object.values(methodAmr).flat(), 'mfa'])] as [string, ...string[]];
