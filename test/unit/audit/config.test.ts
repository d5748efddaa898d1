import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createHttpSink } from '../../../server/audit/sink.js';
import { parseConfig } from '../../../server/config.js';

describe('audit settings', () => {
  it('default to 90 days of retention, hashed addresses and no sink', () => {
    expect(parseConfig({}).audit).toEqual({ retentionDays: 90, address: 'hash' });
  });

  it('accept the README example and refuse a misspelt field', () => {
    const audit = {
      retentionDays: 30,
      address: 'full',
      sink: {
        url: 'https://siem.example.com/ingest/mfa-login',
        secret: '${AUDIT_SINK_SECRET}',
        batchSize: 100,
        intervalMs: 1000,
        maxQueue: 10000,
        timeoutMs: 5000,
        backoffMs: 500,
        maxBackoffMs: 60000,
      },
    };
    expect(parseConfig({ audit }).audit).toEqual(audit);
    expect(() => parseConfig({ audit: { retentionDay: 30 } })).toThrow(/audit.*retentionDay/s);
    expect(() => parseConfig({ audit: { address: 'partial' } })).toThrow(/audit\.address/);
  });

  it("reads the sink's secret from the environment, and stops a start-up whose variable is unset", () => {
    const sink = parseConfig({ audit: { sink: { url: 'http://127.0.0.1:9/', secret: '${AUDIT_SINK_SECRET}' } } }).audit.sink!;
    const deps = { logger: pino({ level: 'silent' }), now: () => new Date() };
    expect(() => createHttpSink(sink, { ...deps, env: {} })).toThrow(/AUDIT_SINK_SECRET/);
    const made = createHttpSink(sink, { ...deps, env: { AUDIT_SINK_SECRET: 'x'.repeat(32) } });
    expect(made.stats()).toEqual({ queued: 0, dropped: 0, sent: 0, failures: 0 });
    return made.close();
  });
});
