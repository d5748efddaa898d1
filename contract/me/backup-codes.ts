import { emptyBody } from '../fields.js';
import { mePaths } from '../paths.js';
import { meWithBackupCodes } from '../settings.js';
import type { SettingsAction } from './action.js';

export const backupCodeSettings = {
  renew: {
    path: mePaths.backupCodes,
    kind: 'change',
    body: emptyBody,
    answer: { schema: meWithBackupCodes, description: 'The factors and the new codes.' },
    operationId: 'meRegenerateBackupCodes',
    summary: 'New backup codes',
    description: 'Replaces every backup code, used or not, with new ones, shown once in `backupCodes`.',
  },
} satisfies Record<string, SettingsAction>;
