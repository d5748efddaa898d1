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

/** Path → (method, action): each step endpoint runs one action of one sign-in method. */
export const stepRoutes = [
  { path: `${FLOWS}/password`, method: 'password', action: 'verify' },
  { path: `${FLOWS}/sms/send`, method: 'sms', action: 'send' },
  { path: `${FLOWS}/sms/enroll`, method: 'sms', action: 'enroll' },
  { path: `${FLOWS}/sms/verify`, method: 'sms', action: 'verify' },
  { path: `${FLOWS}/totp/enroll`, method: 'totp', action: 'enroll' },
  { path: `${FLOWS}/totp/verify`, method: 'totp', action: 'verify' },
  { path: `${FLOWS}/backup-code/verify`, method: 'backup_code', action: 'verify' },
  { path: `${FLOWS}/email/send`, method: 'email', action: 'send' },
  { path: `${FLOWS}/email/verify`, method: 'email', action: 'verify' },
] as const;

export type StepRoute = (typeof stepRoutes)[number];
export type StepMethod = StepRoute['method'];
export type StepAction<M extends StepMethod> = Extract<StepRoute, { method: M }>['action'];

/** The path of `method`'s `action`, e.g. `stepPath('sms', 'send')` → `/api/v1/flows/sms/send`. */
export function stepPath<M extends StepMethod>(method: M, action: StepAction<M>): string {
  const route = stepRoutes.find((r) => r.method === method && r.action === action);
  if (!route) throw new Error(`no step route for ${method}/${action}`);
  return route.path;
}

/** The settings API, relative to {@link ME}. */
export const mePaths = {
  factors: '/',
  totpEnroll: '/totp/enroll',
  totpVerify: '/totp/verify',
  phone: '/phone',
  phoneVerify: '/phone/verify',
  backupCodes: '/backup-codes',
} as const;

export const healthPaths = { liveness: '/healthz', readiness: '/readyz' } as const;
