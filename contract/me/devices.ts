import { emptyBody } from '../fields.js';
import { mePaths } from '../paths.js';
import { meDeviceRevokeRequest, meDevices } from '../settings.js';
import type { SettingsAction } from './action.js';

/** Trusted devices: listed, and revoked one or all at once; each answers the devices left. */
export const deviceSettings = {
  list: {
    path: mePaths.devices,
    kind: 'read',
    answer: { schema: meDevices, description: 'The devices.' },
    operationId: 'meDevices',
    summary: 'Trusted devices',
    description: "The user's live trusted devices (any client): name, when trusted, last used and expiry. An id_token is enough to read.",
    errors: { 401: ['Not authenticated: `unauthorized`.', 'unauthorized'] },
  },
  revoke: {
    path: mePaths.deviceRevoke,
    kind: 'change',
    body: meDeviceRevokeRequest,
    answer: { schema: meDevices, description: 'The devices left.' },
    operationId: 'meRevokeDevice',
    summary: 'Stop trusting one device',
    description: 'The device asks for the second step again at its next login. Answers the devices left.',
    errors: { 404: ['Not found: `not_found`: the user has no such device.', 'not_found'] },
  },
  revokeAll: {
    path: mePaths.devicesRevokeAll,
    kind: 'change',
    body: emptyBody,
    answer: { schema: meDevices, description: 'The devices left: none.' },
    operationId: 'meRevokeAllDevices',
    summary: 'Stop trusting every device',
    description: 'Every trusted device of the user asks for the second step again. Answers the (empty) list.',
  },
} satisfies Record<string, SettingsAction>;
