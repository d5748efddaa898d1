import type { SettingsAction } from '../../contract/me/action.js';
import { settingsActions, type SettingsGroup } from '../../contract/settings-actions.js';
import { backupCodeRuns } from './backup-codes.js';
import type { SettingsCall, SettingsRuns } from './call.js';
import { deviceRuns } from './devices.js';
import { passkeyRuns } from './passkeys.js';
import { phoneRuns } from './phone.js';
import { totpRuns } from './totp.js';

/** A run for every action of the contract's settings table: the compiler finds one missing. */
const runs: { [G in SettingsGroup]: SettingsRuns<(typeof settingsActions)[G]> } = {
  // It declares no answer, so the route answers the factors: nothing more to do.
  factors: { factors: async () => {} },
  totp: totpRuns,
  sms: phoneRuns,
  backup_code: backupCodeRuns,
  passkey: passkeyRuns,
  device: deviceRuns,
};

/** Each settings action with what it does, for mounting them. */
export function settingsRoutes(): { action: SettingsAction; run: (call: SettingsCall) => Promise<unknown> }[] {
  return Object.entries(settingsActions).flatMap(([group, actions]) =>
    Object.entries(actions).map(([name, action]: [string, SettingsAction]) => ({
      action,
      run: (runs as Record<string, Record<string, (call: SettingsCall) => Promise<unknown>>>)[group]![name]!,
    })),
  );
}
