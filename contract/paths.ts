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
  /** After a completed login that offered it: registers this device's public key (`trustDevice` in the state). */
  trustDevice: `${FLOWS}/device/trust`,
} as const;

/** Method → action → path: each step endpoint runs one action of one sign-in method. */
export const stepPaths = {
  password: { verify: `${FLOWS}/password` },
  sms: { send: `${FLOWS}/sms/send`, enroll: `${FLOWS}/sms/enroll`, verify: `${FLOWS}/sms/verify` },
  totp: { enroll: `${FLOWS}/totp/enroll`, verify: `${FLOWS}/totp/verify` },
  backup_code: { verify: `${FLOWS}/backup-code/verify` },
  email: { send: `${FLOWS}/email/send`, verify: `${FLOWS}/email/verify` },
  device: { challenge: `${FLOWS}/device/challenge`, verify: `${FLOWS}/device/verify` },
} as const;

export type StepMethod = keyof typeof stepPaths;

export interface StepRoute {
  path: string;
  method: StepMethod;
  action: string;
}

/** The step endpoints as a list, for mounting them; a function, so a bundle that does not call it drops it. */
export function stepRoutes(): StepRoute[] {
  return Object.entries(stepPaths).flatMap(([method, actions]) =>
    Object.entries(actions).map(([action, path]) => ({ path, method: method as StepMethod, action })),
  );
}

/** The settings API, relative to {@link ME} (the factors are at ME itself). */
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

export const healthPaths = { liveness: '/healthz', readiness: '/readyz' } as const;
