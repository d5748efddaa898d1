import { emptyBody } from '../fields.js';
import { mePaths } from '../paths.js';
import { meEnrollment, meTotpRemoveRequest, meTotpRenameRequest, meTotpVerifyRequest } from '../settings.js';
import { STEP_UP_REFUSED, type SettingsAction } from './action.js';

const noSuchApp = ['Not found: `not_found`. The user has no authenticator with this id.', 'not_found'] as const;

/** Authenticator apps: add one (enrol, then confirm a code), rename or remove one. */
export const totpSettings = {
  enroll: {
    path: mePaths.totpEnroll,
    kind: 'change',
    body: emptyBody,
    answer: { schema: meEnrollment, description: 'The enrolment to show.' },
    operationId: 'meEnrollTotp',
    summary: 'Add an authenticator app',
    description:
      'Answers `enrollment` (as in the flow API); the same secret again until it is confirmed, also after a wrong code, so the user does not scan again. It expires with the settings grant. The apps set up already keep working; `/me/totp/verify` adds the new one beside them.',
    errors: { 409: 'FlowConflict' },
  },
  verify: {
    path: mePaths.totpVerify,
    kind: 'change',
    body: meTotpVerifyRequest,
    operationId: 'meVerifyTotp',
    summary: 'Confirm the new authenticator app',
    description:
      'Checks a code from the app being set up; a right one adds it, under `name`, beside the others (10 at most). `totp.maxAttempts` wrong codes per sign-in; a wrong one keeps the secret, so the user types the next code from the same app.',
    errors: {
      401: [STEP_UP_REFUSED, 'unauthorized', 'invalid_code'],
      409: [
        'Not possible in this state: `enrollment_required`. No enrolment was started. `method_not_allowed`: the user has the most authenticators allowed. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
        'enrollment_required',
        'method_not_allowed',
        'flow_conflict',
      ],
      429: ['Too many attempts or requests: `too_many_attempts`. With `reauthenticate: true`: a new sign-in allows new tries.', 'too_many_attempts'],
    },
  },
  remove: {
    path: mePaths.totpRemove,
    kind: 'change',
    body: meTotpRemoveRequest,
    operationId: 'meRemoveTotp',
    summary: 'Remove an authenticator app',
    description:
      'Its codes stop working at once. The last one cannot be removed here (an administrator can): it would leave no app to confirm a change with.',
    errors: { 404: noSuchApp, 409: ['Not possible in this state: `method_not_allowed`. It is the last authenticator app.', 'method_not_allowed'] },
  },
  rename: {
    path: mePaths.totpRename,
    kind: 'change',
    body: meTotpRenameRequest,
    operationId: 'meRenameTotp',
    summary: 'Rename an authenticator app',
    errors: { 404: noSuchApp },
  },
} satisfies Record<string, SettingsAction>;
