import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepExpired } from '../../../server/login/sweep.js';
import { enrolTotp, passwordStep } from '../../support/login.js';
import { memoryCounters, memoryFlows } from '../../support/memory-ports.js';
import { startTestServer, type TestServer } from '../../support/server.js';

describe('flows and counters in a store of their own', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const start = async () => {
    const flows = memoryFlows();
    const counters = memoryCounters();
    server = await startTestServer({}, { flows, counters });
    const rows = (table: string) => {
      const db = new Database(path.join(server!.dir, 'test.db'), { readonly: true });
      try {
        return Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    return { server, flows, counters, rows };
  };

  it('runs a whole login with its flow and rate counters there and the user, authenticator and codes in SQL', async () => {
    const { server, flows, counters, rows } = await start();
    const started = await server.post('/api/v1/flows', { clientId: 'demo', nonce: 'n' });
    const wrong = await server.post('/api/v1/flows/password', { flow: started.body.flow, username: server.demo!.username, password: 'not-it' });
    expect(wrong.status).toBe(401);
    const { done } = await enrolTotp(server);
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);

    expect(flows.rows.size).toBe(2);
    expect([...flows.rows.values()].map((f) => f.status).sort()).toEqual(['complete', 'pending']);
    expect([...counters.windows.values()].some((w) => w.count > 0)).toBe(true);
    expect(rows('flows')).toBe(0);
    expect(rows('counters')).toBe(0);
    expect(rows('users')).toBe(1);
    expect(rows('totp_credentials')).toBe(1);
    expect(rows('backup_codes')).toBe(10);
  });

  it('counts flow starts where the counters are and makes each flow in its own store only within the budget', async () => {
    const flows = memoryFlows();
    const counters = memoryCounters();
    server = await startTestServer({ flow: { startsPerMinutePerIp: 2 } }, { flows, counters });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await server.post('/api/v1/flows', { clientId: 'demo' }));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 429]);
    expect(answers[2]!.body.error).toBe('rate_limited');
    expect(flows.rows.size).toBe(2);
    expect([...counters.windows.values()].map((w) => w.count)).toEqual([3]);
  });

  it('sweeps expired flows from their own store, answering the unfinished ones', async () => {
    const { server, flows } = await start();
    await passwordStep(server);
    expect(flows.rows.size).toBe(1);
    server.advance(600 + 3600 + 1);
    const later = new Date(server.services.now().getTime() - 3600_000);
    expect(await server.services.store.sweepFlows(later)).toEqual([{ clientId: 'demo', acr: 'mfa' }]);
    await passwordStep(server);
    expect(flows.rows.size).toBe(1);
    server.advance(600 + 3600 + 1);
    await sweepExpired(server.services);
    expect(flows.rows.size).toBe(0);
  });
});
