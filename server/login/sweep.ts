import type { Services } from '../services.js';

/** How long after expiry a flow is kept (a late answer still reads "expired", not "unknown"). */
const KEEP_MS = 3600_000;

/** Removes expired flows and old counters; counts the login flows that expired unfinished. */
export async function sweepExpired(services: Services): Promise<void> {
  const abandoned = await services.store.sweep(new Date(services.now().getTime() - KEEP_MS));
  for (const flow of abandoned) services.metrics.flowAbandoned(flow.clientId, flow.acr, 'expired');
}
