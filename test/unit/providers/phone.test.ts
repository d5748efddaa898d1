import { describe, expect, it } from 'vitest';
import { MfaError } from '../../../server/errors.js';
import { callingCode, maskForLog, maskPhone, normalizePhone } from '../../../server/providers/sms/phone.js';

describe('normalizePhone', () => {
  it('keeps an E.164 number as it is', () => {
    expect(normalizePhone('+12015550123')).toBe('+12015550123');
  });

  it('removes spaces, dashes and brackets', () => {
    expect(normalizePhone(' +1 (201) 555-0123 ')).toBe('+12015550123');
    expect(normalizePhone('+44 20 7946 0018')).toBe('+442079460018');
  });

  it('reads national formats with the default country', () => {
    expect(normalizePhone('(201) 555-0123', 'US')).toBe('+12015550123');
    expect(normalizePhone('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(normalizePhone('0151 23456789', 'DE')).toBe('+4915123456789');
  });

  it('prefers an explicit country code over the default country', () => {
    expect(normalizePhone('+33 6 12 34 56 78', 'US')).toBe('+33612345678');
  });

  it.each([['12345'], ['not a number'], [''], ['+1 555 555 5555'], ['020 7946 0018'], ['+12015550123 ext. 12']])(
    'rejects %j as invalid_request',
    (input) => {
      let error: unknown;
      try {
        normalizePhone(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MfaError);
      expect((error as MfaError).code).toBe('invalid_request');
      expect((error as MfaError).message).toBe('That phone number is not valid.');
    },
  );
});

describe('masking', () => {
  it('masks a North American number as +1 ••• ••• 4567', () => {
    expect(maskPhone('+12015554567')).toBe('+1 ••• ••• 4567');
  });

  it('keeps the country calling code and the last four digits elsewhere too', () => {
    expect(maskPhone('+442079460018')).toBe('+44 ••• ••• 0018');
    expect(maskPhone('+4915123456789')).toBe('+49 ••• •••• 6789');
    expect(maskPhone('+33612345678')).toBe('+33 ••• •• 5678');
  });

  it('never shows more than the last four digits', () => {
    const masked = maskPhone('+4930123456');
    expect(masked.replace(/\D/g, '')).toBe('49' + '3456');
  });

  it('gives the calling code', () => {
    expect(callingCode('+12015550123')).toBe('1');
    expect(callingCode('+442079460018')).toBe('44');
    expect(callingCode('+353861234567')).toBe('353');
  });

  it('masks for logs as +1…4567', () => {
    expect(maskForLog('+12015554567')).toBe('+1…4567');
    expect(maskForLog('+442079460018')).toBe('+44…0018');
  });
});
