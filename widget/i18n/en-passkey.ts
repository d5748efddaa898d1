/**
 * The passkey screens' English, loaded with them (the base script carries none of it); the other
 * languages give theirs as `passkey` in their module (langs/*.ts), and win over these.
 */
export const enPasskey = {
  title: 'Sign in with a passkey',
  hint: 'Use the passkey saved on this device, your phone or your security key.',
  use: 'Use a passkey',
  offerTitle: 'Sign in faster next time?',
  offerHint: 'Make a passkey: next time your fingerprint, face or screen lock signs you in, with nothing to type.',
  create: 'Make a passkey',
  skip: 'Not now',
  made: 'Your passkey is ready.',
  cancelled: 'The passkey was not used. Try again or use another method.',
  unsupported: 'This browser cannot use passkeys here.',
  /** Settings: the list and its actions. */
  list: 'Passkeys',
  none: 'No passkeys yet.',
  add: 'Add a passkey',
  rename: 'Rename',
  remove: 'Remove',
  save: 'Save',
  name: 'Name',
  synced: 'Synced',
  lastUsed: (when: string) => `Last used ${when}`,
  neverUsed: 'Not used yet',
};

export type PasskeyStrings = typeof enPasskey;
