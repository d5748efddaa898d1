import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { createServer, type RunningServer } from '../../server/app.js';
import { parseConfig, type ConfigInput } from '../../server/config.js';
import type { CounterStore, FlowStore, Store } from '../../server/store/types.js';
import { freePort } from './free-port.js';
import { localServerConfig } from './server-config.js';

export interface TestServer extends RunningServer {
  url: string;
  dir: string;
  /** Every log line written so far, as text. */
  logs(): string;
  /** Moves the server's clock. */
  advance(seconds: number): void;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * A real server on 127.0.0.1 and a free port, with a fresh SQLite file and key in a temporary
 * folder, its own clock and a captured log.
 */
export async function startTestServer(
  config: ConfigInput = {},
  options: {
    fetch?: typeof fetch;
    env?: NodeJS.ProcessEnv;
    sleep?: (ms: number) => Promise<void>;
    store?: Store;
    flows?: FlowStore;
    counters?: CounterStore;
    /** Instead of the captured one (`logs()` is then empty). */
    logger?: Logger;
    /**
     * Keeps the demo client's "Trust this device" (on in the demo as shipped). Off by default, so
     * suites of other features end their logins as before, without the offer after them.
     */
    trustDevices?: boolean;
    /** Where the clock starts: the real time, or where every counting window starts (see `startCountingServer`). */
    clockAt?: 'now' | 'window-start';
    /** Another instance whose clock this one reads and moves: peers of one database agree on the time. */
    sameClockAs?: TestServer;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mfa-login-test-'));
  let offsetMs = options.clockAt === 'window-start' ? HOUR_MS - (Date.now() % HOUR_MS) + 1000 : 0;
  const peer = options.sameClockAs;
  const now = peer ? () => peer.services.now() : () => new Date(Date.now() + offsetMs);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // A port known before start-up, so issuer and the demo client's origin are the real ones.
  const port = await freePort();
  const started = async () => {
    const parsed = parseConfig({ ...localServerConfig(dir, port), logLevel: 'debug', ...config }, {});
    const server = await createServer(parsed, {
      logger: options.logger ?? pino({ level: parsed.logLevel }, sink),
      now,
      env: options.env ?? {},
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.store ? { store: options.store } : {}),
      flows: options.flows,
      counters: options.counters,
    });
    return { parsed, server };
  };
  // A start-up a test expects to fail (a bad setting, a refused store) leaves no folder behind.
  const { parsed, server } = await started().catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  if (parsed.demo && !options.trustDevices) {
    const demoClient = await server.services.store.getClient('demo');
    if (demoClient) await server.services.store.upsertClient({ ...demoClient, trustDeviceDays: 0 }, now());
  }
  const url = await server.listen(port, '127.0.0.1');
  const call = async (method: string, p: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url + p, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsedBody: unknown = text;
    try {
      parsedBody = JSON.parse(text);
    } catch {
      // not JSON: the raw text is the body
    }
    return { status: res.status, body: parsedBody as any, headers: res.headers };
  };
  return Object.assign(server, {
    url,
    dir,
    logs: () => lines.join(''),
    advance(seconds: number) {
      if (peer) peer.advance(seconds);
      else offsetMs += seconds * 1000;
    },
    post: (p: string, body: unknown, headers?: Record<string, string>) => call('POST', p, body, headers),
    get: (p: string, headers?: Record<string, string>) => call('GET', p, undefined, headers),
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * A test server whose clock starts a second past the next whole hour, where every counting window
 * starts (a minute, a quarter of an hour, an hour). Limits count in windows of the wall clock: on
 * the real one, a test that counts up to a limit would now and then see its window start over
 * midway and the limit not reached.
 */
export function startCountingServer(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const [config, options] = args;
  return startTestServer(config, { ...options, clockAt: 'window-start' });
}
