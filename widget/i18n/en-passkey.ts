/**
 * The passkey screens' English, loaded with them (the base script carries none of it); the other
 * languages give theirs as `passkey` in `langs/<lang>.passkey.ts`, loaded with them too.
 */
export const enPasskey = {
  title: 'Sign in with a passkey',
  hint: 'Use the passkey saved on this device, your phone or your security key.',
  use: 'Use a passkey',
  offerTitle: 'Sign in faster next time?',
  offerHint: 'Make a passkey: next time your fingerprint, face or screen lock signs you in, with nothing to type.',
  create: 'Make a passkey',
  skip: 'Not now',
  cancelled: 'The passkey was not used. Try again or use another method.',
  unsupported: 'This browser cannot use passkeys here.',
};

export type PasskeyStrings = typeof enPasskey;
