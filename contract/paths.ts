/**
 * The HTTP paths of the contract. Plain data, no zod: the widget imports it as a value, and the
 * server mounts its routes from it.
 */

export const FLOWS = '/api/v1/flows';
export const ME = '/api/v1/me';
export const TOKEN = '/oauth2/token';

export const flowPaths = {
  start: FLOWS,
  introspect: `${FLOWS}/introspect`,
  cancel: `${FLOWS}/cancel`,
} as const;

/** After a completed login that offered it: registers this device's public key (the `device` offer; trust-device.ts writes it out). */
export const trustDevicePath = `${FLOWS}/device/trust`;

/** Method → action → path: each step endpoint runs one action of one sign-in method. */
export const stepPaths = {
  password: { verify: `${FLOWS}/password` },
  sms: { send: `${FLOWS}/sms/send`, enroll: `${FLOWS}/sms/enroll`, verify: `${FLOWS}/sms/verify` },
  totp: { enroll: `${FLOWS}/totp/enroll`, verify: `${FLOWS}/totp/verify` },
  backup_code: { verify: `${FLOWS}/backup-code/verify` },
  email: { send: `${FLOWS}/email/send`, verify: `${FLOWS}/email/verify` },
} as const;

/**
 * The paths of methods whose screen the widget loads on demand: kept out of {@link stepPaths}, so
 * the drop-in script (which imports that table) does not carry them; their screens write them out.
 */
export const onDemandPaths = {
  device: { challenge: `${FLOWS}/device/challenge`, verify: `${FLOWS}/device/verify` },
  passkey: {
    options: `${FLOWS}/passkey/options`,
    verify: `${FLOWS}/passkey/verify`,
    registerOptions: `${FLOWS}/passkey/register-options`,
    register: `${FLOWS}/passkey/register`,
  },
} as const;

/** Every method's step paths: a function, so a bundle that does not call it (the drop-in script) drops the on-demand ones. */
export const allStepPaths = () => ({ ...stepPaths, ...onDemandPaths });

export type StepMethod = keyof ReturnType<typeof allStepPaths>;

export interface StepRoute {
  path: string;
  method: StepMethod;
  action: string;
}

/** The step endpoints as a list, for mounting them; a function, so a bundle that does not call it drops it. */
export function stepRoutes(): StepRoute[] {
  return Object.entries(allStepPaths()).flatMap(([method, actions]) =>
    Object.entries(actions).map(([action, path]) => ({ path, method: method as StepMethod, action })),
  );
}

/** The settings API, relative to {@link ME} (the factors are at ME itself); what each path does is declared in contract/me/. */
export const mePaths = {
  factors: '',
  totpEnroll: '/totp/enroll',
  totpVerify: '/totp/verify',
  totpRemove: '/totp/remove',
  totpRename: '/totp/rename',
  phone: '/phone',
  phoneVerify: '/phone/verify',
  backupCodes: '/backup-codes',
  devices: '/devices',
  deviceRevoke: '/devices/revoke',
  devicesRevokeAll: '/devices/revoke-all',
} as const;

/** The passkeys of the settings API (under {@link ME}): apart from {@link mePaths}, so the settings script carries them only in the chunk that uses them. */
export const mePasskeyPaths = {
  options: '/passkeys/options',
  add: '/passkeys',
  rename: '/passkeys/rename',
  remove: '/passkeys/remove',
} as const;

export const healthPaths = { liveness: '/healthz', readiness: '/readyz' } as const;
