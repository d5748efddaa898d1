import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { passwordStep } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { bearer, signInForSettings } from './signed-in.js';

describe('self-service: new backup codes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  const loginWithBackupCode = async (code: string) => {
    const { flow } = await passwordStep(server);
    return server.post('/api/v1/flows/backup-code/verify', { flow, code });
  };

  it('makes backupCodes.count new codes and shows them once, with the factors', async () => {
    const { idToken, me } = await signInForSettings(server);
    const res = await me.post('/api/v1/me/backup-codes', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.backupCodes).toHaveLength(10);
    for (const code of res.body.backupCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(res.body.factors.backupCodes).toEqual({ remaining: 10 });
    expect((await server.get('/api/v1/me', bearer(idToken))).body.backupCodes).toBeUndefined();
  });

  it('kills every old code: an old one is refused in a login, a new one works', async () => {
    const { backupCodes: old, me } = await signInForSettings(server);
    const { backupCodes } = (await me.post('/api/v1/me/backup-codes', {})).body;
    const refused = await loginWithBackupCode(old[0]!);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_code');
    const accepted = await loginWithBackupCode(backupCodes[0]);
    expect(accepted.body.status).toBe('complete');
    expect(accepted.body.backupCodesRemaining).toBe(9);
  });

  it('follows backupCodes.count', async () => {
    await server.stop();
    server = await startTestServer({ backupCodes: { count: 6 } });
    const { me } = await signInForSettings(server);
    expect((await me.post('/api/v1/me/backup-codes', {})).body.backupCodes).toHaveLength(6);
  });
});
