import { mePaths } from '../paths.js';
import type { SettingsAction } from './action.js';

/** Reading the factors, with either credential. */
export const factorsSettings = {
  factors: {
    path: mePaths.factors,
    kind: 'read',
    operationId: 'getMe',
    summary: "The signed-in user's factors",
    description:
      'What is set up, never a secret: phone and address masked as in a login. Any valid id_token this server issued for the user is enough to read; `freshUntil` says until when it also allows changes.',
    errors: {
      401: [
        'Not authenticated: `unauthorized`. No, invalid or expired id_token (always with `reauthenticate: true`); for a change, also a sign-in older than `selfService.freshSeconds` or without a second factor.',
        'unauthorized',
      ],
    },
  },
} satisfies Record<string, SettingsAction>;
