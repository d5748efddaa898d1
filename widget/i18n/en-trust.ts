/**
 * The "Trust this device" offer's English, in the chunk that shows it (trust-device.ts), not the
 * base entry; the other languages give theirs as `trustDevice` in `langs/<lang>.passkey.ts`. A page
 * replaces any of them with the element's `i18n` (`{ de: { trustDevice: { yes: 'Diesem Gerät vertrauen' } } }`).
 */
export const enTrust = {
  title: (days: number) => `Trust this device for ${days} ${days === 1 ? 'day' : 'days'}?`,
  hint: 'You will not be asked for a second factor on this browser until then. Do not trust a shared or public computer.',
  yes: 'Trust this device',
  no: 'Not now',
  checking: 'Checking this device…',
};

export type TrustStrings = typeof enTrust;
