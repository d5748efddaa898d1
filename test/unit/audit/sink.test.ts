import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditSinkConfig } from '../../../server/audit/config.js';
import { backoffMs, createHttpSink, type AuditSink } from '../../../server/audit/sink.js';
import { verifySignature } from '../../../server/audit/signature.js';
import type { AuditEventRecord } from '../../../server/store/types.js';
import { sinkListener, type SinkListener } from '../../support/audit-sink.js';
import { enrolTotp, passwordStep, totpAt } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const SECRET = 'sink-secret-0123456789-abcdefghijklmnop';

const event = (n: number): AuditEventRecord => ({
  id: `e${n}`,
  at: new Date(Date.UTC(2026, 10, 22, 10, 0, n)).toISOString(),
  type: 'step.passed',
  userId: 'u1',
  clientId: 'app',
  requestId: null,
  address: null,
  actor: null,
  details: { method: 'totp' },
});

const ids = (listener: SinkListener) =>
  listener.received.map((r) =>
    r.body
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditEventRecord).id),
  );

describe('the audit HTTP sink', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function setUp(answer: (n: number) => number | null, config: Partial<AuditSinkConfig> = {}) {
    const listener = await sinkListener(answer);
    cleanup.push(() => listener.close());
    const waits: number[] = [];
    const lines: string[] = [];
    const sink: AuditSink = createHttpSink(
      {
        url: listener.url,
        secret: SECRET,
        batchSize: 2,
        intervalMs: 10_000,
        maxQueue: 100,
        timeoutMs: 5000,
        backoffMs: 100,
        maxBackoffMs: 400,
        ...config,
      },
      {
        logger: pino({ level: 'warn' }, { write: (l: string) => lines.push(l) }),
        now: () => new Date(),
        env: {},
        wait: async (ms) => {
          waits.push(ms);
        },
      },
    );
    cleanup.push(() => sink.close());
    return { listener, sink, waits, lines };
  }

  it('doubles the wait before each retry up to its cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, 100, 400))).toEqual([100, 200, 400, 400, 400]);
  });

  it('retries a failed batch with growing back-off until it is taken, then sends the rest, in order', async () => {
    const { listener, sink, waits } = await setUp((n) => (n < 3 ? 503 : 200));
    sink.push([event(1), event(2), event(3)]);
    await sink.flush();
    expect(waits).toEqual([100, 200, 400]);
    expect(ids(listener)).toEqual([['e1', 'e2'], ['e1', 'e2'], ['e1', 'e2'], ['e1', 'e2'], ['e3']]);
    // Every try is signed afresh over its own body.
    for (const r of listener.received) expect(verifySignature(SECRET, r.signature, r.body, new Date())).toBe(true);
    expect(sink.stats()).toMatchObject({ sent: 3, failures: 3, queued: 0, dropped: 0 });
  });

  it('drops a batch the receiver refuses for good (a 4xx) with a warning, and goes on', async () => {
    const { listener, sink, waits, lines } = await setUp((n) => (n === 0 ? 400 : 200));
    sink.push([event(1), event(2), event(3)]);
    await sink.flush();
    expect(waits).toEqual([]);
    expect(ids(listener)).toEqual([['e1', 'e2'], ['e3']]);
    expect(lines.join('')).toContain('the sink refused them');
  });

  it('holds at most maxQueue events while the receiver is down, dropping the oldest with a counted warning', async () => {
    const { sink, lines } = await setUp(() => null, { maxQueue: 5, batchSize: 100, timeoutMs: 60_000 });
    sink.push(Array.from({ length: 17 }, (_, i) => event(i)));
    expect(sink.stats()).toMatchObject({ queued: 5, dropped: 12 });
    const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.msg.includes('queue full'));
    expect(warnings.map((w) => w.dropped)).toEqual([1, 10]);
  });

  it('refuses a secret too short to be a key', () => {
    expect(() =>
      createHttpSink(
        { url: 'http://127.0.0.1:9/', secret: 'short', batchSize: 1, intervalMs: 10, maxQueue: 1, timeoutMs: 100, backoffMs: 1, maxBackoffMs: 1 },
        { logger: pino({ level: 'silent' }), now: () => new Date(), env: {} },
      ),
    ).toThrow(/at least 32 characters/);
  });

  describe('a receiver that never answers', () => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.stop();
      server = undefined;
    });

    it('holds one request open at a time while logins go on and complete', async () => {
      const listener = await sinkListener(() => null);
      cleanup.push(() => listener.close());
      server = await startTestServer({ audit: { sink: { url: listener.url, secret: SECRET, batchSize: 1, intervalMs: 10, timeoutMs: 60_000 } } });
      const { secret } = await enrolTotp(server);
      const completed: string[] = [];
      for (let i = 0; i < 8; i++) {
        // A code is accepted once per time step.
        server.advance(30);
        const { flow } = await passwordStep(server);
        const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
        expect(done.body.status).toBe('complete');
        completed.push(flow);
      }
      await server.services.audit.flush();
      expect(completed).toHaveLength(8);
      // Every login's events were queued for the sink, yet it only ever got the first one.
      expect(listener.received).toHaveLength(1);
      expect(listener.maxOpen()).toBe(1);
      const stored = await server.services.store.listAuditEvents({ order: 'asc', limit: 1000 });
      // The store has them all (flow started, two steps passed, token issued per login): the sink holds up nothing else.
      expect(stored.filter((e) => e.type === 'token.issued')).toHaveLength(9);
      expect(server.services.audit.sink!.stats().queued).toBe(stored.length - 1);
    });
  });
});
