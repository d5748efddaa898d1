import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import http, { type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { mfaLogin, type MfaLoginRouter } from '../../server/app.js';
import { parseConfig, type ConfigInput } from '../../server/config.js';

export interface HostApp {
  /** The host app's base URL; the router answers under `${url}${mountPath}`. */
  url: string;
  router: MfaLoginRouter;
  stop(): Promise<void>;
}

/** An integrator's Express app with the mfaLogin() router mounted at `mountPath`, and a page of its own at /shop. */
export async function startHostApp(
  mountPath: string,
  logger: Logger,
  config: ConfigInput = {},
  serve: (app: express.Express) => Server = (app) => http.createServer(app),
): Promise<HostApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-host-'));
  const parsed = parseConfig({
    issuer: `http://127.0.0.1${mountPath}`,
    store: { type: 'sqlite', path: path.join(dir, 'host.db') },
    keyFile: path.join(dir, 'host.key'),
    ...config,
  });
  const router = await mfaLogin(parsed, { env: {}, logger });
  const app = express();
  app.use(mountPath, router);
  app.get('/shop', (_req, res) => void res.send('<p>the host page</p>'));
  const server = await new Promise<Server>((resolve) => {
    const s = serve(app).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    router,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await router.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
