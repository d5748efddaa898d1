/**
 * The settings' passkeys section's English, in its chunk (settings/passkeys.ts) rather than the
 * settings entry (whose size budget is spent); the other languages' are in `langs/<lang>.passkey.ts`,
 * and a page words them its own way through the element's `i18n` (`{ de: { settings: { passkeysTitle: … } } }`).
 */
export const enPasskeys = {
  passkeysTitle: 'Passkeys',
  passkeysIntro: 'Sign in with your fingerprint, face or screen lock instead of a code.',
  passkeyUsed: (created: string, used: string) => `Created ${created}, last used ${used}`,
  passkeyNotUsed: (created: string) => `Created ${created}, not used yet`,
  passkeyName: 'Passkey name',
  renamePasskey: 'Rename',
  removePasskey: 'Remove',
  createPasskey: 'Create a passkey',
  passkeyFailed: 'No passkey was made. Try again, or use another method.',
  passkeysChanged: 'Your passkeys are updated.',
};

export type PasskeysStrings = typeof enPasskeys;
