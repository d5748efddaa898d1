import { mePaths } from '../paths.js';
import { meCodeRequest, mePhoneChallenge, mePhoneRequest } from '../settings.js';
import { STEP_UP_REFUSED, type SettingsAction } from './action.js';

/** The phone for text codes: a code goes to the new number, which is stored once it comes back. */
export const phoneSettings = {
  send: {
    path: mePaths.phone,
    kind: 'change',
    body: mePhoneRequest,
    answer: { schema: mePhoneChallenge, description: 'The code sent to the new number.' },
    operationId: 'meSetPhone',
    summary: 'Register or change the phone',
    description:
      "Normalises `phone` to E.164 and texts a code to it, under the verification budget (`sms.caps.verifyPerPhonePerHour`, `verifyPerAccountPerHour`, `verifyPerIpPerHour`, and its resend wait), apart from the sign-in codes to anyone's own number. The stored number changes only when `/me/phone/verify` accepts the code.",
    errors: {
      400: ['Bad request: `invalid_request`. Also a phone number that is not valid.', 'invalid_request'],
      409: [
        'Not possible in this state: `method_not_allowed`. Text messages are turned off for this account or cannot be sent to that country. `flow_conflict`: the flow changed in a concurrent request (read it again and retry).',
        'method_not_allowed',
        'flow_conflict',
      ],
      429: 'RateLimited',
      502: 'DeliveryFailed',
    },
  },
  verify: {
    path: mePaths.phoneVerify,
    kind: 'change',
    body: meCodeRequest,
    operationId: 'meVerifyPhone',
    summary: 'Confirm the new phone',
    description: 'Checks the code texted to the new number (single use, `sms.maxAttempts` wrong codes) and saves the number.',
    errors: {
      400: ['Bad request: `invalid_request`. Also: no code was sent yet.', 'invalid_request'],
      401: [STEP_UP_REFUSED, 'unauthorized', 'invalid_code'],
      409: 'FlowConflict',
      410: ['Gone: `code_expired`.', 'code_expired'],
      429: 'TooManyAttempts',
    },
  },
} satisfies Record<string, SettingsAction>;
