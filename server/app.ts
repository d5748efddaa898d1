import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import { fixedHeaders } from './http/fixed-headers.js';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sweepAuditEvents } from './audit/retention.js';
import { buildServices, closeWriters, type ServiceOptions } from './build-services.js';
import { syncConfigClients } from './clients.js';
import { ConfigError, type Config } from './config.js';
import { SealedValueError } from './crypto/keyring.js';
import { seedDemo, type DemoCredentials } from './demo.js';
import { accessLog } from './http/access-log.js';
import { clientCors } from './http/cors.js';
import { errorHandler, notFound } from './http/errors.js';
import { requestId } from './http/request-id.js';
import { withSameShapes } from './http/same-shapes.js';
import { widgetRoutes } from './http/widget.js';
import { createFlowService } from './login/service.js';
import { sweepExpired } from './login/sweep.js';
import { serveMetrics } from './http/metrics.js';
import { metricsToken } from './metrics/serve.js';
import { packageRoot } from './paths.js';
import { devRoutes } from './routes/dev.js';
import { flowRoutes } from './routes/flows.js';
import { healthRoutes } from './routes/health.js';
import { meRoutes } from './routes/me.js';
import { oidcRoutes } from './routes/oidc.js';
import { openapiRoutes } from './routes/openapi.js';
import { tokenRoutes } from './routes/token.js';
import { adminRoutesOf } from './routes/admin.js';
import { wellKnownRoutes } from './routes/well-known.js';
import type { Services } from './services.js';
import { drainOnClose, type Drain } from './shutdown.js';

const SWEEP_MS = 5 * 60_000;

/**
 * Helmet's headers, with two changes. Styles come from files only (its default allows inline
 * ones): the demo page links its stylesheet and the elements adopt theirs. And only an https
 * issuer asks for HTTPS: HSTS and upgrade-insecure-requests from a plain-http server (the demo on
 * a LAN address, a server behind a test proxy) would pin browsers to an https that is not there.
 */
const securityHeaders = (issuer: string) => {
  const https = new URL(issuer).protocol === 'https:';
  return fixedHeaders(
    helmet({
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: https,
      contentSecurityPolicy: { directives: { styleSrc: ["'self'"], upgradeInsecureRequests: https ? [] : null } },
    }),
  );
};

/**
 * The first start makes the signing key here, not in the first sign-in's request; later starts
 * open it, so a master key other than the one the store was sealed with stops the start-up
 * instead of failing every sign-in at its last step.
 */
async function openSigningKeyOrExplain(services: Services): Promise<void> {
  try {
    await services.tokens.openSigningKey(services.now());
  } catch (e) {
    if (!(e instanceof SealedValueError)) throw e;
    throw new ConfigError(
      'The master key does not open the signing keys in this store: MFA_LOGIN_KEY or the key file ' +
        `(${path.resolve(services.config.keyFile)}) is not the one this database was created with. Restore that key; ` +
        'a new key cannot read the stored TOTP seeds either.',
    );
  }
}

export interface MfaLoginRouter extends Router {
  services: Services;
  demo: DemoCredentials | null;
  /** The metrics' own address when `metrics.port` is set. */
  metricsUrl: string | null;
  /** From now on `/readyz` answers 503: call it first when shutting down, before closing the listener. */
  drain(): void;
  /** Drains, then stops the timers and closes the store. */
  close(): Promise<void>;
}

/** The router's own paths: a host app's other paths get no id and no headers from it. */
const OWN_PATHS = ['/api/v1', '/admin', '/.well-known', '/oauth2', '/healthz', '/readyz', '/widget', '/authorize', '/userinfo', '/logout'];

/** Everything the contract serves, as a router to mount where the issuer URL points. */
export async function mfaLogin(config: Config, options: ServiceOptions = {}): Promise<MfaLoginRouter> {
  // Checked before the store opens: a bad token must not leave a connection behind.
  const scrapeToken = metricsToken(config.metrics, options.env ?? process.env);
  const services = await buildServices(config, options);
  let demo: DemoCredentials | null;
  try {
    await syncConfigClients(services);
    demo = config.demo ? await seedDemo(services) : null;
    await openSigningKeyOrExplain(services);
  } catch (e) {
    // A failed start closes what it opened, so the process can exit.
    await closeWriters(services);
    if (!options.store) await services.store.close().catch(() => undefined);
    throw e;
  }
  const flows = createFlowService(services);
  if (config.password.perUsernameLimit !== undefined) {
    services.logger.warn(
      'password.perUsernameLimit is read as password.perUsernameAndIpLimit (a limit per username and client address): rename it in the config',
    );
  }

  const metrics = serveMetrics(services, scrapeToken);
  const router = Router() as MfaLoginRouter;
  router.use(metrics.router);
  let draining = false;
  router.use(OWN_PATHS, requestId(config.trustProxy));
  const api = Router();
  const cors = clientCors(services.store, services.now);
  api.use(cors);
  api.use(express.json({ limit: '16kb', type: ['application/json', 'application/*+json', 'text/plain'] }));
  api.use('/flows', flowRoutes(flows));
  api.use(openapiRoutes(config.issuer));
  if (services.outbox)
    api.use(
      '/dev',
      devRoutes(services.outbox, () => demo),
    );
  api.use('/me', meRoutes(services));
  api.use(notFound);
  // On the router's own paths only: mounted in a host app, it must not set a CSP on the host's pages.
  const headers = securityHeaders(config.issuer);
  router.use('/api/v1', headers, api);
  router.use('/.well-known', headers, cors, wellKnownRoutes(services));
  // CORS for origins a client lists: a single-page app (a public client) exchanges its code itself.
  router.use('/oauth2', headers, cors, tokenRoutes(services));
  // No CORS on /admin: a back office calls from its server, never from a browser page.
  router.use('/admin/v1', headers, adminRoutesOf(services, options.env ?? process.env));
  router.use('/widget', headers, widgetRoutes());
  // The OpenID Provider's pages set a stricter CSP of their own over these headers.
  router.use(['/authorize', '/userinfo', '/logout'], headers);
  router.use('/userinfo', cors);
  router.use(oidcRoutes(services));
  router.use(healthRoutes(services, () => draining, headers));
  router.use(services.metrics.refusals);
  router.use(errorHandler(services.logger));

  const sweep = setInterval(() => {
    sweepExpired(services).catch((err: unknown) => services.logger.warn({ err }, 'sweep failed'));
    sweepAuditEvents(services).catch((err: unknown) => services.logger.warn({ err }, 'audit retention sweep failed'));
  }, SWEEP_MS);
  sweep.unref();

  router.services = services;
  router.demo = demo;
  router.metricsUrl = await metrics.start();
  router.drain = () => {
    draining = true;
  };
  router.close = async () => {
    draining = true;
    clearInterval(sweep);
    await metrics.close();
    await services.passwords.close();
    await closeWriters(services);
    await services.store.close();
  };
  return router;
}

function demoPage(app: Express) {
  const demoDir = path.join(packageRoot(), 'dist', 'demo');
  if (existsSync(demoDir)) app.use(express.static(demoDir, { maxAge: 0 }));
}

export interface RunningServer {
  app: Express;
  services: Services;
  demo: DemoCredentials | null;
  /** The metrics' own address when `metrics.port` is set. */
  metricsUrl: string | null;
  /** Starts listening; answers the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Graceful: `/readyz` turns 503, no new connections, requests in flight answered within
   * `shutdown.graceSeconds` (then cut), idle keep-alive connections closed, then the store.
   */
  close(): Promise<void>;
}

/** A complete server: security headers, the mfa-login routes (the widget among them) and the demo page. */
export async function createServer(config: Config, options: ServiceOptions = {}): Promise<RunningServer> {
  const router = await mfaLogin(config, options);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  // First, so the access log line and the widget's and demo page's answers carry the id too.
  app.use(requestId(config.trustProxy));
  app.use(accessLog(router.services.logger));
  app.use(router);
  // What the router did not answer (the demo page, unknown paths) gets the same headers.
  app.use(securityHeaders(config.issuer));
  if (config.demo) demoPage(app);
  app.use(notFound);
  app.use(errorHandler(router.services.logger));

  let listening: Drain | null = null;
  return {
    app,
    services: router.services,
    demo: router.demo,
    metricsUrl: router.metricsUrl,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        const s = http.createServer(withSameShapes(app));
        s.once('error', reject);
        s.listen(port, host, () => {
          const address = s.address() as AddressInfo;
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`);
        });
        listening = drainOnClose(s);
      });
    },
    async close() {
      router.drain();
      if (listening) {
        const drain = listening;
        listening = null;
        const graceSeconds = config.shutdown.graceSeconds;
        const { cut } = await drain.close(graceSeconds * 1000);
        if (cut > 0) router.services.logger.warn({ cut, graceSeconds }, 'requests still in flight after the grace period were cut');
      }
      await router.close();
    },
  };
}
