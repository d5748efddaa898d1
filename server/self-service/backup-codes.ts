import { regenerateBackupCodes } from '../auth/backup-codes.js';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';
import { notifyChange } from './notify.js';

/** New codes replace every old one, used or not; the plain codes leave the server only now. */
export async function renewBackupCodes(services: Services, identity: Identity): Promise<string[]> {
  const codes = await regenerateBackupCodes(services, identity.user.id, services.now());
  await notifyChange(services, identity, 'backup-codes-renewed');
  return codes;
}
