import type { backupCodeSettings } from '../../contract/me/backup-codes.js';
import { regenerateBackupCodes } from '../auth/backup-codes.js';
import type { SettingsRuns } from './call.js';
import { factorsView } from './factors.js';
import { notifyChange } from './notify.js';

export const backupCodeRuns: SettingsRuns<typeof backupCodeSettings> = {
  /** New codes replace every old one, used or not; the plain codes leave the server only now, with the factors they leave. */
  renew: async ({ services, identity }) => {
    const backupCodes = await regenerateBackupCodes(services, identity.user.id, services.now());
    await notifyChange(services, identity, 'backup-codes-renewed');
    return { ...(await factorsView(services, identity)), backupCodes };
  },
};
