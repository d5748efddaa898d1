import type { Services } from '../services.js';
import type { CounterStore } from '../store/ports/counters.js';
import type { DeviceTokenStore, TotpStore } from '../store/ports/credentials.js';
import type { FlowStore } from '../store/ports/flows.js';
import type { OidcStore } from '../store/ports/oidc.js';
import type { TrustedDeviceStore } from '../store/ports/trusted-devices.js';

/** How long after expiry a flow is kept (a late answer still reads "expired", not "unknown"). */
const KEEP_MS = 3600_000;

type SweepDeps = Pick<Services, 'now' | 'metrics'> & {
  store: Pick<FlowStore, 'sweepFlows'> &
    Pick<DeviceTokenStore, 'sweepDeviceTokens'> &
    Pick<TotpStore, 'sweepTotpSteps'> &
    Pick<CounterStore, 'sweepCounters'> &
    Pick<OidcStore, 'sweepOidc'> &
    Pick<TrustedDeviceStore, 'sweepTrustedDevices'>;
};

/** Removes expired flows, device tokens, trusted devices, codes, sign-on sessions and revocations, old counters and used TOTP steps no window reaches; counts the login flows that expired unfinished. */
export async function sweepExpired(services: SweepDeps): Promise<void> {
  const { store } = services;
  const before = new Date(services.now().getTime() - KEEP_MS);
  const abandoned = await store.sweepFlows(before);
  await store.sweepDeviceTokens(before);
  await store.sweepTrustedDevices(before);
  await store.sweepCounters(before);
  await store.sweepTotpSteps(before);
  await store.sweepOidc(before);
  for (const flow of abandoned) services.metrics.flowAbandoned(flow.clientId, flow.acr, 'expired');
}
