import { trustDeviceRequest } from '../../contract/flows.js';
import { deviceName, deviceView, mayTrustDevice } from '../auth/trusted-devices.js';
import { randomHandle, sha256 } from '../crypto/codes.js';
import { MfaError } from '../errors.js';
import type { Caller } from '../flow/caller.js';
import { assertReadable } from '../flow/engine.js';
import { flowConflict } from '../flow/runner.js';
import type { Services } from '../services.js';
import { parseBody } from '../validate.js';

const conflict = flowConflict();

/**
 * `device/trust`: after a login that offered it (`trustDevice` in the state that completed it),
 * the element registers the public key of the browser's new key pair. The flow handle is the
 * credential, as for the rest of the flow; it trusts one device per flow, until the flow expires.
 */
export async function trustDevice(services: Services, input: unknown, caller: Caller, userAgent: string | undefined) {
  const { flow: handle, publicKey } = parseBody(trustDeviceRequest, input);
  const { store } = services;
  const now = services.now();
  const found = await store.getFlow(sha256(handle));
  const flow = assertReadable(found?.kind === 'login' ? found : null, now);
  const client = await store.getClient(flow.clientId);
  if (!client) throw new MfaError('unknown_client');
  if (caller.origin && !client.allowedOrigins.includes(caller.origin)) throw new MfaError('origin_not_allowed');
  if (!mayTrustDevice(flow, client)) throw new MfaError('method_not_allowed', 'This sign-in cannot trust a device.');

  const id = randomHandle();
  const expiresAt = new Date(now.getTime() + client.trustDeviceDays * 86_400_000).toISOString();
  const device = await store.addTrustedDevice(
    { id, userId: flow.userId!, clientId: client.clientId, publicJwk: publicKey, name: deviceName(userAgent), expiresAt },
    now,
  );
  // One device per flow: of two calls at once, the one whose save loses takes its device back.
  if (!(await store.saveFlow({ ...flow, data: { ...flow.data, trustedDevice: id } }))) {
    await store.deleteTrustedDevice(device.userId, id);
    throw conflict();
  }
  services.logger.info({ clientId: client.clientId, userId: device.userId, deviceId: id }, 'device trusted');
  return { device: deviceView(device) };
}
