import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, MfaError } from '../errors.js';
import { expandEnv } from '../providers/template.js';
import type { MetricsConfig } from './config.js';
import type { Metrics } from './metrics.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** The configured token with `${ENV}` resolved; short ones are refused, they can be guessed. */
export function metricsToken(config: MetricsConfig, env: NodeJS.ProcessEnv): string | null {
  if (!config.enabled || config.token === undefined) return null;
  const token = expandEnv(config.token, env);
  if (token.length < 16) throw new ConfigError('metrics.token must be at least 16 characters: a scraper sends it on every request.');
  return token;
}

/** Whether the Authorization header carries the token; compared in constant time. */
function authorized(header: string | undefined, token: string | null): boolean {
  if (token === null) return true;
  const match = /^Bearer (.+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

async function answer(metrics: Metrics, token: string | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  const send = (error: MfaError, headers: Record<string, string> = {}) => {
    res.writeHead(error.status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(error.toJSON()));
  };
  if (!authorized(req.headers.authorization, token))
    return send(new MfaError('unauthorized', 'A valid metrics bearer token is required.'), {
      'WWW-Authenticate': 'Bearer realm="mfa-login metrics"',
    });
  const { contentType, body } = await metrics.scrape();
  res.writeHead(200, { 'Content-Type': contentType });
  res.end(body);
}

/** GET of the metrics path on the main app, behind the bearer token. */
export function metricsRoute(metrics: Metrics, token: string | null): RequestHandler {
  return (req, res) => answer(metrics, token, req, res);
}

export interface MetricsListener {
  /** `http://host:port/path` */
  url: string;
  close(): Promise<void>;
}

/** A listener of its own that answers only GET of the metrics path. */
export async function listenForMetrics(
  metrics: Metrics,
  config: MetricsConfig & { port: number },
  host: string,
  token: string | null,
): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== config.path || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(new MfaError('not_found').toJSON()));
      return;
    }
    answer(metrics, token, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new ConfigError(`metrics: cannot listen on ${host}:${config.port} (${e.code ?? e.message})`)),
    );
    server.listen(config.port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}${config.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
