import { FLOW_GONE } from './errors.js';
import type { FlowError, FlowOption, FlowState, Method } from './types.js';

/** Screens for a flow that cannot go on: each says why and offers a fresh one. */
export type Ending = 'failed' | 'unsupported' | 'expired' | 'locked' | 'cancelled';

export type ScreenName = 'loading' | Ending | 'backup-codes' | 'done' | 'password' | 'totp' | 'totp-enroll' | 'sms' | 'email' | 'backup-code';

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

/** `device` has no screen: trust-device.ts signs for it without a word from the user. */
const SCREENS: Record<Exclude<Method, 'device'>, (option: FlowOption) => ScreenName> = {
  password: () => 'password',
  totp: (option) => ((option as { enrolled: boolean }).enrolled ? 'totp' : 'totp-enroll'),
  sms: () => 'sms',
  email: () => 'email',
  backup_code: () => 'backup-code',
};

const ENDINGS = new Set<ScreenName>(['failed', 'unsupported', 'expired', 'locked', 'cancelled']);

/** Methods whose dead code can be replaced by a new one: too many wrong codes do not end them. */
const NEW_CODE = new Set<Method>(['sms', 'email']);

export function hasScreen(option: FlowOption): boolean {
  return Object.hasOwn(SCREENS, option.method);
}

export function isEnding(name: ScreenName): name is Ending {
  return ENDINGS.has(name);
}

/** Decides what to show, from the flow state alone (plus the user's pick of method). */
export function selectScreen({ state, error, backupCodes, chosen }: ScreenInput): Screen {
  const none: FlowOption[] = [];
  if (backupCodes?.length) return { name: 'backup-codes', alternatives: none };
  if (error && FLOW_GONE.has(error.error)) return { name: 'expired', alternatives: none };
  if (!state) return { name: error ? 'failed' : 'loading', alternatives: none };
  if (state.status === 'complete') return { name: 'done', alternatives: none };
  if (state.status === 'cancelled') return { name: 'cancelled', alternatives: none };

  // The server offers only options that can be used; one without a screen here cannot.
  const options = (state.step?.options ?? []).filter(hasScreen);
  // A pending enrolment (also after a reload) pins the TOTP screen until it is confirmed; else
  // a code on its way (a reload while waiting for the SMS) beats the first option.
  const option =
    options.find((o) => o.method === chosen) ||
    (state.enrollment && options.find((o) => o.method === 'totp')) ||
    options.find((o) => (o as { sent?: boolean }).sent) ||
    options[0];
  if (!option) return { name: 'unsupported', alternatives: none };
  const alternatives = options.filter((o) => o !== option);
  // Too many wrong answers with nothing else to try (a password, the only app): no way on.
  if (error?.error === 'too_many_attempts' && !alternatives.length && !NEW_CODE.has(option.method)) {
    return { name: 'locked', alternatives: none };
  }
  const name = state.enrollment && option.method === 'totp' ? 'totp-enroll' : SCREENS[option.method as Exclude<Method, 'device'>](option);
  return { name, option, alternatives };
}
