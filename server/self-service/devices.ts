import type { MeDevices } from '../../contract/settings.js';
import { deviceView, revokeTrustedDevices } from '../auth/trusted-devices.js';
import { MfaError } from '../errors.js';
import type { Services } from '../services.js';
import type { Identity } from './identity.js';

/** The user's live trusted devices, newest first. */
export async function devicesView(services: Pick<Services, 'store' | 'now'>, identity: Identity): Promise<MeDevices> {
  const devices = await services.store.listTrustedDevices(identity.user.id, services.now());
  return { devices: devices.map(deviceView) };
}

/** Revokes one of the user's devices; another user's device id is `not_found`, as an unknown one. */
export async function revokeDevice(services: Pick<Services, 'store' | 'now' | 'logger'>, identity: Identity, id: string): Promise<MeDevices> {
  if (!(await services.store.deleteTrustedDevice(identity.user.id, id))) throw new MfaError('not_found', 'No such trusted device.');
  services.logger.info({ userId: identity.user.id, deviceId: id }, 'trusted device revoked');
  return devicesView(services, identity);
}

/** Revokes every device of the user. */
export async function revokeAllDevices(services: Pick<Services, 'store' | 'now' | 'logger'>, identity: Identity): Promise<MeDevices> {
  const revoked = await revokeTrustedDevices(services.store, identity.user.id);
  services.logger.info({ userId: identity.user.id, revoked }, 'trusted devices revoked');
  return devicesView(services, identity);
}
