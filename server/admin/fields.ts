import type { CountryCode } from 'libphonenumber-js';
import { normaliseBackupCode } from '../crypto/codes.js';
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

/** A backup code an operator sets, in the stored form; typed at login with any case, spaces or dashes. */
export const importedCode = z
  .string()
  .transform(normaliseBackupCode)
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9-]*$/, 'only letters, digits and dashes')
      .refine((c) => c.replace(/-/g, '').length >= 8, 'at least 8 letters or digits')
      .refine((c) => c.length <= 64, 'at most 64 characters'),
  );

export const importedCodes = z
  .array(importedCode)
  .min(1, 'no codes given')
  .max(100, 'at most 100 codes at once')
  .refine((codes) => new Set(codes).size === codes.length, 'a code appears twice');
