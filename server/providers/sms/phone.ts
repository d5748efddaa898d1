import type { CountryCode } from 'libphonenumber-js';
import { MfaError } from '../../errors.js';
import { phoneNumbers } from './phone-numbers.js';

/** E.164 (`+12015550123`) from what a person typed; national formats need the default country. */
export function normalizePhone(input: string, defaultCountry?: CountryCode): string {
  const phone = phoneNumbers().parsePhoneNumberFromString(input.trim(), defaultCountry);
  // An extension cannot receive a text message.
  if (!phone?.isValid() || phone.ext) {
    throw new MfaError('invalid_request', 'That phone number is not valid.');
  }
  return phone.number;
}

/** The country calling code of an E.164 number, e.g. '1' or '44'. */
export function callingCode(e164: string): string {
  const phone = phoneNumbers().parsePhoneNumberFromString(e164);
  if (phone) return phone.countryCallingCode;
  // Unparseable input still gets a harmless answer: masking must never throw.
  return e164.replace(/^\+/, '').slice(0, 1);
}

/** For people: `+1 ••• ••• 4567`, the hidden digits in groups of three. */
export function maskPhone(e164: string): string {
  const code = callingCode(e164);
  const national = e164.replace(/\D/g, '').slice(code.length);
  const shown = national.slice(-4);
  const hidden = Math.max(national.length - shown.length, 3);
  return `+${code} ${bulletGroups(hidden)} ${shown}`;
}

/** For logs: `+1…4567`, enough to correlate, too little to contact anyone. */
export function maskForLog(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return `+${callingCode(e164)}…${digits.slice(-4)}`;
}

function bulletGroups(count: number): string {
  const groups: number[] = [];
  for (let left = count; left > 0; left -= 3) groups.push(Math.min(3, left));
  // A lone trailing bullet reads like a typo: fold it into the group before.
  if (groups.length > 1 && groups.at(-1) === 1) {
    groups.pop();
    groups[groups.length - 1] = 4;
  }
  return groups.map((n) => '•'.repeat(n)).join(' ');
}
