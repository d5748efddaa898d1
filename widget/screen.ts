import type { FlowError, FlowOption, FlowState, Method } from './types.js';

export type ScreenName =
  | 'loading'
  | 'failed'
  | 'unsupported'
  | 'expired'
  | 'cancelled'
  | 'backup-codes'
  | 'done'
  | 'password'
  | 'totp'
  | 'totp-enroll'
  | 'sms'
  | 'email'
  | 'backup-code';

export interface Screen {
  name: ScreenName;
  option?: FlowOption;
  /** The other options of this step the user can switch to. */
  alternatives: FlowOption[];
}

export interface ScreenInput {
  state?: FlowState;
  error?: FlowError;
  backupCodes?: string[];
  /** The method the user picked under "Use another method", if any. */
  chosen?: Method;
}

const SCREENS: Record<Method, (option: FlowOption) => ScreenName> = {
  password: () => 'password',
  totp: (option) => ((option as { enrolled?: boolean }).enrolled === false ? 'totp-enroll' : 'totp'),
  sms: () => 'sms',
  email: () => 'email',
  backup_code: () => 'backup-code',
};

export function hasScreen(option: FlowOption): boolean {
  return Object.hasOwn(SCREENS, option.method);
}

/** An option the user cannot act on (nothing enrolled, nothing to enrol, no codes left). */
export function isUsable(option: FlowOption): boolean {
  switch (option.method) {
    case 'sms':
    case 'totp':
      return option.enrolled !== false || option.canEnroll === true;
    case 'backup_code':
      return option.remaining !== 0;
    default:
      return true;
  }
}

/** Decides what to show, from the flow state alone (plus the user's pick of method). */
export function selectScreen({ state, error, backupCodes, chosen }: ScreenInput): Screen {
  const none: FlowOption[] = [];
  if (backupCodes?.length) return { name: 'backup-codes', alternatives: none };
  if (error && (error.error === 'flow_expired' || error.error === 'flow_not_found')) {
    return { name: 'expired', alternatives: none };
  }
  if (!state) return { name: error ? 'failed' : 'loading', alternatives: none };
  if (state.status === 'complete') return { name: 'done', alternatives: none };
  if (state.status === 'expired') return { name: 'expired', alternatives: none };
  if (state.status === 'cancelled') return { name: 'cancelled', alternatives: none };

  const options = (state.step?.options ?? []).filter(hasScreen);
  // A pending enrolment (also after a reload) pins the TOTP screen until it is confirmed.
  const option = options.find((o) => o.method === chosen)
    || (state.enrollment && options.find((o) => o.method === 'totp'))
    || options.find(isUsable)
    || options[0];
  if (!option) return { name: 'unsupported', alternatives: none };
  const name = state.enrollment && option.method === 'totp' ? 'totp-enroll' : SCREENS[option.method](option);
  return { name, option, alternatives: options.filter((o) => o !== option) };
}
