import { z } from 'zod';

/**
 * The sign-in methods the flow API names, in `step.options[].method` and the id_token's `methods`.
 * `device` (a trusted device's key) is never listed in a client's sequence: the server offers it in
 * a login's second step when the client trusts devices (server/methods/device.ts).
 */
export const methodNames = ['password', 'sms', 'totp', 'backup_code', 'email', 'passkey', 'device'] as const;
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
  /** A trusted device's key: `swk`, and `device` (this server's value: RFC 8176 has none for a remembered device). */
  device: ['swk', 'device'],
} as const satisfies Record<MethodName, readonly string[]>;

export const amrValues = [...new Set([...Object.values(methodAmr).flat(), 'mfa'])] as [string, ...string[]];
