import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTotp, passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

describe('backup codes in a login', () => {
  let server: TestServer;
  let codes: string[];
  beforeEach(async () => {
    server = await startCountingServer({ clients: [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp', 'backup_code']] }] });
    codes = (await enrolTotp(server)).done.body.backupCodes;
  });
  afterEach(() => server.stop());

  it('offers backup codes with the number remaining', async () => {
    const { state } = await passwordStep(server, 'app');
    expect(state.step.options[1]).toEqual({ method: 'backup_code', remaining: 10 });
  });

  it('accepts each code once, in any case and with or without the dash', async () => {
    const first = await passwordStep(server, 'app');
    const ok = await server.post('/api/v1/flows/backup-code/verify', { flow: first.flow, code: codes[0]!.toUpperCase().replace('-', ' ') });
    expect(ok.body.status).toBe('complete');
    expect(ok.body.backupCodesRemaining).toBe(9);
    const claims = JSON.parse(Buffer.from(ok.body.result.idToken.split('.')[1], 'base64url').toString());
    expect(claims.methods).toEqual(['password', 'backup_code']);

    const second = await passwordStep(server, 'app');
    const again = await server.post('/api/v1/flows/backup-code/verify', { flow: second.flow, code: codes[0] });
    expect(again.body).toMatchObject({ error: 'invalid_code', attemptsRemaining: 4 });
  });

  it('lets only one of two parallel uses of a code through', async () => {
    const a = await passwordStep(server, 'app');
    const b = await passwordStep(server, 'app');
    const results = await Promise.all([a, b].map((x) => server.post('/api/v1/flows/backup-code/verify', { flow: x.flow, code: codes[3] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('warns when two or fewer codes remain and stops offering them when none do', async () => {
    for (const code of codes.slice(0, 8)) {
      const { flow } = await passwordStep(server, 'app');
      expect((await server.post('/api/v1/flows/backup-code/verify', { flow, code })).status).toBe(200);
    }
    expect((await passwordStep(server, 'app')).state.step.options[1]).toEqual({ method: 'backup_code', remaining: 2, low: true });
    for (const code of codes.slice(8)) {
      const { flow } = await passwordStep(server, 'app');
      await server.post('/api/v1/flows/backup-code/verify', { flow, code });
    }
    expect((await passwordStep(server, 'app')).state.step.options.map((o: { method: string }) => o.method)).toEqual(['totp']);
  });

  it('limits wrong codes per account across flows, a right code included, and says when to retry', async () => {
    for (let i = 0; i < 4; i++) {
      const { flow } = await passwordStep(server, 'app');
      for (let j = 0; j < 5; j++) await server.post('/api/v1/flows/backup-code/verify', { flow, code: 'aaaaa-aaaaa' });
    }
    const { flow } = await passwordStep(server, 'app');
    const limited = await server.post('/api/v1/flows/backup-code/verify', { flow, code: codes[2] });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    server.advance(901);
    const { flow: later } = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/backup-code/verify', { flow: later, code: codes[2] })).body.status).toBe('complete');
  });

  it('gives the code back when the sign-in it was for loses its flow to another instance', async () => {
    const { flow } = await passwordStep(server, 'app');
    const store = server.services.store;
    const save = store.saveFlow.bind(store);
    store.saveFlow = async (f) => {
      store.saveFlow = save;
      expect(await save({ ...(await store.getFlow(f.id))!, status: 'cancelled' })).toBe(true);
      return save(f);
    };
    expect((await server.post('/api/v1/flows/backup-code/verify', { flow, code: codes[5] })).body.error).toBe('flow_conflict');
    const again = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/backup-code/verify', { flow: again.flow, code: codes[5] })).body.status).toBe('complete');
  });

  it('ends the step after five wrong codes', async () => {
    const { flow } = await passwordStep(server, 'app');
    const errors = [];
    for (let i = 0; i < 5; i++) errors.push((await server.post('/api/v1/flows/backup-code/verify', { flow, code: 'aaaaa-aaaaa' })).body.error);
    expect(errors).toEqual(['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'too_many_attempts']);
    expect((await server.post('/api/v1/flows/backup-code/verify', { flow, code: codes[1] })).body.error).toBe('too_many_attempts');
  });
});
