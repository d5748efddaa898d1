import { keepUnits } from '../text.js';

/** A wait as a person says it: "in 26 s", "in about 31 minutes", "in about 2 hours"; never shorter than it is. */
function inAbout(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  if (seconds < 60) return keepUnits(`in ${seconds} s`);
  if (minutes < 90) return keepUnits(`in about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  return keepUnits(`in about ${Math.ceil(seconds / 3600)} hours`);
}

/** Every string a person sees in `<mfa-login>` (the settings element adds en-settings.ts); each `langs/*.ts` has this shape. */
export const en = {
  loading: 'Loading…',
  stepOf: (number: number, total: number) => `Step ${number} of ${total}`,
  signingInAs: (name: string) => `Signing in as ${name}`,
  notYou: 'Not you? Start again',
  working: 'Please wait…',

  methods: {
    password: 'Password',
    totp: 'Authenticator app',
    sms: 'Text message (SMS)',
    email: 'E-mail code',
    backup_code: 'Backup code',
    passkey: 'Passkey',
  } as Record<string, string>,
  useAnotherMethod: 'Use another method',

  password: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Continue',
  },

  code: {
    label: 'Code',
    submit: 'Verify',
  },

  totp: {
    title: 'Enter the code from your authenticator app',
    hint: 'Open your authenticator app and type the 6-digit code it shows for this account.',
  },

  totpEnroll: {
    title: 'Set up an authenticator app',
    intro: 'Use an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password) to get sign-in codes on your phone.',
    start: 'Set up authenticator app',
    scan: 'Scan this QR code with your authenticator app.',
    qrAlt: 'QR code to add this account to an authenticator app',
    manual: 'Can’t scan it? Enter this key instead:',
    copyKey: 'Copy key',
    openInApp: 'Open in authenticator app',
    confirm: 'Then enter the 6-digit code the app shows.',
  },

  sms: {
    title: 'Verify with a text message',
    sendTo: (phone: string) => `We will send a code to ${phone}.`,
    sendToYourPhone: 'We will send a code to your phone.',
    sentTo: (phone: string) => `We sent a code to ${phone}.`,
    sentToYourPhone: 'We sent a code to your phone.',
    send: 'Send code',
    enrollIntro: 'Add a mobile number to receive sign-in codes by text message.',
    phone: 'Mobile number',
    phoneHint: 'Include the country code, e.g. +1 201 555 0123.',
    enrollSubmit: 'Send code to this number',
  },

  email: {
    title: 'Verify with an e-mailed code',
    sendTo: (email: string) => `We will send a code to ${email}.`,
    sendToYourAddress: 'We will send a code to your e-mail address.',
    sentTo: (email: string) => `We sent a code to ${email}.`,
    sentToYourAddress: 'We sent a code to your e-mail address.',
    send: 'Send code',
  },

  delivery: {
    resendIn: (seconds: number) => `You can ask for a new code ${inAbout(seconds)}.`,
    resend: 'Resend code',
    sentNew: 'We sent a new code.',
    dead: 'The code we sent can no longer be used. Ask for a new one.',
    expiresAt: (time: string) => `The code is valid until ${time}.`,
  },

  backupCode: {
    title: 'Use a backup code',
    hint: 'Enter one of the backup codes you saved when you set up two-step sign-in.',
    label: 'Backup code',
    fewLeft: (remaining: number) => `Only ${remaining} backup ${remaining === 1 ? 'code' : 'codes'} left. Make new ones after signing in.`,
  },

  backupCodes: {
    title: 'Save your backup codes',
    intro: 'Each code works once, if you lose your phone. They are shown only now: keep them somewhere safe.',
    copyAll: 'Copy all',
    download: 'Download .txt',
    fileName: 'mfa-login-backup-codes.txt',
    fileHeading: (account: string, site: string) => `Backup codes for ${account || 'your account'} on ${site}\nEach code works once.`,
    saved: 'I have saved these codes',
    continue: 'Continue',
  },

  done: {
    title: 'You are signed in',
    as: (name: string) => `Signed in as ${name}.`,
    fewBackupCodes: (n: number) =>
      `You have ${n === 0 ? 'no' : n} backup ${n === 1 ? 'code' : 'codes'} left. Make new ones in your account settings.`,
  },

  ended: {
    expiredTitle: 'This sign-in has expired',
    expired: 'For your security, a sign-in has to be finished within a few minutes.',
    cancelledTitle: 'Sign-in cancelled',
    cancelled: 'This sign-in was cancelled.',
    lockedTitle: 'Too many wrong attempts',
    locked: 'For your security, this sign-in cannot go on. Start again to try once more.',
    failedTitle: 'Sign-in is not available',
    unsupported: 'None of the sign-in methods this step needs can be used here.',
    startAgain: 'Start again',
  },

  /** On the button that copied, for a moment; `copied` is what a screen reader hears. */
  copiedButton: 'Copied',
  copied: 'Copied.',
  copyFailed: 'Could not copy. Select the text and copy it instead.',

  errors: {
    invalid_request: 'Please check what you entered.',
    unknown_client: 'This sign-in is not set up correctly (unknown client).',
    origin_not_allowed: 'This site is not allowed to use this sign-in service.',
    flow_not_found: 'This sign-in has expired.',
    flow_expired: 'This sign-in has expired.',
    method_not_allowed: 'That method cannot be used for this step.',
    flow_conflict: 'This sign-in changed in another window at the same time.',
    invalid_credentials: 'The username or password is not right.',
    invalid_code: 'That code is not right.',
    code_expired: 'That code has expired.',
    too_many_attempts: 'Too many wrong attempts.',
    rate_limited: 'Too many requests.',
    enrollment_required: 'This method has to be set up first.',
    delivery_failed: 'We could not deliver the code. Try again or use another method.',
    network_error: 'We could not reach the sign-in service. Check your connection.',
    unexpected_response: 'The sign-in service gave an unexpected answer.',
  } as Record<string, string>,
  /** For an error code this version does not know. */
  unknownError: 'Something went wrong. Try again.',
  /** What is wrong with a field the server named, by the kind of its zod issue. */
  issues: {
    too_small: 'Too short.',
    too_big: 'Too long.',
    invalid_format: 'Not in the right format.',
    other: 'Check this entry.',
  },
  attemptsLeft: (n: number) => (n === 1 ? '1 attempt left.' : `${n} attempts left.`),
  retryIn: (seconds: number) => `Try again ${inAbout(seconds)}.`,
  /** Said after the flow was read again because the one shown was out of date. */
  refreshed: {
    flow_conflict: 'This sign-in was changed in another window; here is where it stands now.',
    method_not_allowed: 'That method can no longer be used for this step; here is what can.',
  },
  retry: 'Try again',
  sendNewCode: 'Send a new code',
};

export type Strings = typeof en;
