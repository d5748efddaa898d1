import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/i18n/en.js';
import { helpers } from '../../../widget/i18n/helpers.js';
import { keepNumbers, keepUnits, unbroken } from '../../../widget/text.js';
import { formatTime } from '../../../widget/time.js';

const NBSP = '\u00a0';

describe('text kept together on a narrow screen', () => {
  it('keeps a number written in groups whole, and the words around it free to wrap', () => {
    expect(keepNumbers('Mit Ländervorwahl, z. B. +49 151 23456789.')).toBe(`Mit Ländervorwahl, z. B. +49${NBSP}151${NBSP}23456789.`);
    expect(keepNumbers('e.g. +1 201 555 0123.')).toBe(`e.g. +1${NBSP}201${NBSP}555${NBSP}0123.`);
  });

  it('keeps a number with the word after it, in every language’s wait', () => {
    expect(keepUnits('in 29 s, in 3 minutes')).toBe(`in 29${NBSP}s, in 3${NBSP}minutes`);
    expect(helpers('de').wait(30)).toBe(`in 30${NBSP}Sekunden`);
    expect(helpers('fr').wait(1813)).toBe(`dans 31${NBSP}minutes`);
    // Persian's own digits are digits too.
    expect(helpers('fa').wait(30)).toBe(`۳۰${NBSP}ثانیه بعد`);
    expect(en.delivery.resendIn(29)).toBe(`You can ask for a new code in 29${NBSP}s.`);
    expect(en.retryIn(7200)).toBe(`Try again in about 2${NBSP}hours.`);
  });

  it('keeps a clock time on one line', () => {
    expect(formatTime('2026-12-06T23:09:00', 'en-US')).toBe(`11:09${NBSP}PM`);
    expect(unbroken('+1 ••• 0123')).toBe(`+1${NBSP}•••${NBSP}0123`);
  });
});
