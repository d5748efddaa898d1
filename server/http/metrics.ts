import { Router } from 'express';
import type { Services } from '../services.js';
import { listenForMetrics, metricsRoute, type MetricsListener } from '../metrics/serve.js';

export interface MetricsServing {
  /** Mounted first: times every request, and answers the metrics path when it is on the main port. */
  router: Router;
  /** Opens the metrics' own port when one is configured; answers its URL. */
  start(): Promise<string | null>;
  close(): Promise<void>;
}

/** Where the metrics are served, from `metrics` in the config; `token` from serve.ts metricsToken. */
export function serveMetrics(services: Services, token: string | null): MetricsServing {
  const { config, metrics } = services;
  const router = Router();
  const settings = config.metrics;
  if (!settings.enabled) return { router, start: async () => null, close: async () => {} };

  router.use(metrics.requests);
  if (settings.port === undefined) router.get(settings.path, metricsRoute(metrics, token));
  let listener: MetricsListener | null = null;
  return {
    router,
    async start() {
      if (settings.port === undefined) return null;
      listener = await listenForMetrics(metrics, { ...settings, port: settings.port }, settings.host ?? config.host, token);
      return listener.url;
    },
    async close() {
      await listener?.close();
      listener = null;
    },
  };
}
