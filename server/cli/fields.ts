import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { normaliseUsername } from '../methods/password.js';
import { normalizePhone } from '../providers/sms/phone.js';

/** Stored the way the password step looks it up. */
export const usernameArg = z
  .string()
  .transform(normaliseUsername)
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(256, 'at most 256 characters')
      .regex(/^[^\s\p{C}]+$/u, 'no spaces or control characters'),
  );

export const displayNameArg = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

/** The password step accepts up to 1024 characters. */
export const passwordArg = z.string().min(8, 'at least 8 characters').max(1024, 'at most 1024 characters');

export const emailArg = z.string().trim().pipe(z.email('not an e-mail address').max(254, 'at most 254 characters'));

/** E.164 from what the operator typed; national numbers need `sms.defaultCountry` in the config. */
export const phoneArg = (defaultCountry?: string) =>
  z.string().transform((input, ctx) => {
    try {
      return normalizePhone(input, defaultCountry as CountryCode | undefined);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a phone number that can receive texts (write it as E.164, e.g. +12015550123)' });
      return z.NEVER;
    }
  });
