/**
 * The settings' trusted devices section's English, in its chunk (settings/devices.ts) rather than the
 * settings entry (whose size budget is spent); the other languages' are in `langs/<lang>.passkey.ts`,
 * and a page words them its own way through the element's `i18n` (`{ de: { settings: { devicesTitle: … } } }`).
 */
export const enDevices = {
  devicesTitle: 'Trusted devices',
  devicesIntro: 'On these browsers you sign in without your second factor.',
  deviceUsed: (trusted: string, used: string) => `Trusted ${trusted}, last used ${used}`,
  deviceNotUsed: (trusted: string) => `Trusted ${trusted}, not used yet`,
  revokeDevice: 'Stop trusting',
  revokeAllDevices: 'Stop trusting all devices',
  devicesChanged: 'That device will ask for your second factor again.',
  devicesDropped: 'The devices you trusted will ask for your second factor again.',
};

export type DevicesStrings = typeof enDevices;
