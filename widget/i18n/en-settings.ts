/** What `<mfa-login-settings>` says besides the login's strings; each `langs/*.settings.ts` has this shape. */
export const enSettings = {
  title: 'Your sign-in methods',
  notSignedIn: 'Sign in to manage your sign-in methods.',
  isSet: 'Set',
  totpEnrolled: 'Set up',
  totpNotEnrolled: 'Not set up',
  replaceTotp: 'Set up a new authenticator app',
  addTotp: 'Set up authenticator app',
  noPhone: 'No phone number',
  smsDisabled: 'Text messages are turned off for this account.',
  changePhone: 'Change phone number',
  addPhone: 'Add phone number',
  changePhoneTitle: 'Change your phone number',
  addPhoneTitle: 'Add a phone number',
  newPhoneIntro: 'Enter the mobile number to use from now on. We will text a code to the new number.',
  noEmail: 'No e-mail address',
  codesLeft: (n: number) => (n === 1 ? '1 code left' : `${n} codes left`),
  fewCodesLeft: (n: number) =>
    `${n === 0 ? 'No codes' : n === 1 ? 'Only 1 code' : `Only ${n} codes`} left: use “Make new backup codes”.`,
  newCodes: 'Make new backup codes',
  newCodesWarning: 'New codes replace all your current backup codes: the old ones stop working at once.',
  cancel: 'Cancel',
  totpChanged: 'Your authenticator app is set up. Codes from an app set up before no longer work.',
  phoneChanged: 'Your phone number is changed.',
  codesChanged: 'Your new backup codes are ready. The old ones no longer work.',
  reauthenticate: 'For your security, sign in again to change how you sign in.',
  signInAgain: 'Sign in again',
  stepUpTitle: 'Confirm it’s you',
  stepUpIntro: 'To change how you sign in, confirm with your second factor first.',
  stepUpUnavailable: 'The confirmation step could not be loaded. Check your connection and try again.',
};

export type SettingsStrings = typeof enSettings;
