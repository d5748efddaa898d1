import type { Request } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

/**
 * Follows a request to its route pattern (`/api/v1/flows/password`), never its URL: URLs are
 * unbounded and may carry data. The pattern is read when the router picks the route, while
 * `baseUrl` still holds that router's mount point (an error on the way out resets it).
 */
function routeTracker(req: Request): (status: number) => string {
  let pattern: string | undefined;
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      const path = String(value?.path ?? '');
      pattern = path === '/' ? req.baseUrl || '/' : `${req.baseUrl}${path}`;
    },
  });
  // A mounted static folder (the widget) is named by its mount point; anything else is one bucket.
  return (status) => pattern ?? (status < 400 && req.baseUrl ? req.baseUrl : 'unmatched');
}

/**
 * Metrics in a registry of this server's own, not prom-client's global one: two servers in one
 * process (tests, a host app mounting two) each count their own.
 */
export function createPrometheusMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const counter = <L extends string>(name: string, help: string, labelNames: L[]) => new Counter<L>({ name, help, labelNames, registers });
  const flowsStarted = counter('mfa_login_flows_started_total', 'Login flows started.', ['client', 'acr']);
  const flowsCompleted = counter('mfa_login_flows_completed_total', 'Login flows completed (an id_token issued).', ['client', 'acr']);
  const flowsAbandoned = counter(
    'mfa_login_flows_abandoned_total',
    'Login flows ended unfinished: cancelled, or expired (counted when the sweep removes them).',
    ['client', 'acr', 'reason'],
  );
  const steps = counter('mfa_login_step_outcomes_total', "Step actions by method, action and outcome: ok, or the contract's error code.", [
    'method',
    'action',
    'outcome',
  ]);
  const messages = counter(
    'mfa_login_messages_total',
    'Texts and e-mails handed to a provider, by channel, provider type and result (sent, failed, error).',
    ['channel', 'provider', 'result'],
  );
  const refusals = counter('mfa_login_limit_refusals_total', 'Requests refused by a rate limit, by the counter kind.', ['kind']);
  const requestSeconds = new Histogram({
    name: 'mfa_login_http_request_duration_seconds',
    help: 'Request latency by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const hashesInFlight = new Gauge({ name: 'mfa_login_password_hashes_in_flight', help: 'argon2 hashes and verifications running now.', registers });
  const hashSeconds = new Histogram({
    name: 'mfa_login_password_hash_duration_seconds',
    help: 'Time of one argon2 hash or verification, queueing on the thread pool included.',
    labelNames: ['operation'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });

  return {
    enabled: true,
    flowStarted: (client, acr) => flowsStarted.inc({ client, acr }),
    flowCompleted: (client, acr) => flowsCompleted.inc({ client, acr }),
    flowAbandoned: (client, acr, reason) => flowsAbandoned.inc({ client, acr, reason }),
    stepOutcome: (method, action, outcome) => steps.inc({ method, action, outcome }),
    message: (channel, provider, result) => messages.inc({ channel, provider, result }),
    limitRefused: (kind) => refusals.inc({ kind }),
    async passwordHash(operation, work) {
      hashesInFlight.inc();
      const end = hashSeconds.startTimer({ operation });
      try {
        return await work();
      } finally {
        end();
        hashesInFlight.dec();
      }
    },
    requests(req, res, next) {
      const end = requestSeconds.startTimer();
      const routeOf = routeTracker(req);
      res.once('finish', () => end({ method: req.method, route: routeOf(res.statusCode), status: String(res.statusCode) }));
      next();
    },
    refusals(err, _req, _res, next) {
      const kind = (err as { limit?: unknown } | null)?.limit;
      if (typeof kind === 'string') refusals.inc({ kind });
      next(err);
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
