import type { deviceSettings } from '../../contract/me/devices.js';
import type { MeDevices } from '../../contract/settings.js';
import { deviceView, revokeTrustedDevices } from '../auth/trusted-devices.js';
import { MfaError } from '../errors.js';
import type { Services } from '../services.js';
import type { SettingsRuns } from './call.js';
import type { Identity } from './identity.js';

/** The user's live trusted devices, newest first. */
async function devicesView(services: Pick<Services, 'store' | 'now'>, identity: Identity): Promise<MeDevices> {
  const devices = await services.store.listTrustedDevices(identity.user.id, services.now());
  return { devices: devices.map(deviceView) };
}

export const deviceRuns: SettingsRuns<typeof deviceSettings> = {
  list: ({ services, identity }) => devicesView(services, identity),
  /** Another user's device id is `not_found`, as an unknown one. */
  revoke: async ({ services, identity, body: { id } }) => {
    if (!(await services.store.deleteTrustedDevice(identity.user.id, id))) throw new MfaError('not_found', 'No such trusted device.');
    services.logger.info({ userId: identity.user.id, deviceId: id }, 'trusted device revoked');
    return devicesView(services, identity);
  },
  revokeAll: async ({ services, identity }) => {
    const revoked = await revokeTrustedDevices(services.store, identity.user.id);
    services.logger.info({ userId: identity.user.id, revoked }, 'trusted devices revoked');
    return devicesView(services, identity);
  },
};
