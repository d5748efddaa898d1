import { backupCodeSettings } from './me/backup-codes.js';
import { deviceSettings } from './me/devices.js';
import { factorsSettings } from './me/factors.js';
import { phoneSettings } from './me/phone.js';
import { totpSettings } from './me/totp.js';
import { passkeySettings } from './passkey.js';
import type { SettingsAction } from './me/action.js';

/**
 * The settings API, one table per factor (`contract/me/<factor>.ts`, or the factor's own contract
 * file): server/routes/me.ts mounts a route for each action and the OpenAPI document has an
 * operation for each, in this order.
 */
export const settingsActions = {
  factors: factorsSettings,
  totp: totpSettings,
  sms: phoneSettings,
  backup_code: backupCodeSettings,
  passkey: passkeySettings,
  device: deviceSettings,
} satisfies Record<string, Record<string, SettingsAction>>;

export type SettingsGroup = keyof typeof settingsActions;

/** Every action as a list, for mounting and documenting them. */
export const settingsActionList = (): SettingsAction[] => Object.values(settingsActions).flatMap((actions) => Object.values(actions));
