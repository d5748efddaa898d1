import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventRecord } from '../../../server/store/types.js';
import { startGateway, type Gateway } from '../../support/gateway.js';
import { passwordStep } from '../../support/login.js';
import { startCountingServer, type TestServer } from '../../support/server.js';

const smsOnly = { clientId: 'app', name: 'App', sequence: [['password'], ['sms']] as ['password' | 'sms'][], allowPhoneEnrollment: true };

describe('audit events of codes sent by a provider', () => {
  let gateway: Gateway;
  let server: TestServer;
  afterEach(async () => {
    await server?.stop();
    await gateway?.close();
  });

  async function setup(status: () => number) {
    gateway = await startGateway(() => ({ status: status(), json: { ok: true } }));
    server = await startCountingServer({
      sms: {
        provider: {
          type: 'http',
          name: 'gateway',
          url: `${gateway.url}/send`,
          contentType: 'json',
          payload: { to: '$ctx.num', text: '$ctx.msg' },
          timeoutMs: 300,
        },
      },
      clients: [smsOnly],
    });
  }

  const stored = async (): Promise<AuditEventRecord[]> => {
    await server.services.audit.flush();
    return server.services.store.listAuditEvents({ order: 'asc', limit: 500 });
  };

  it('records a phone registered in a login, the code sent to it, and a resend refused by the wait', async () => {
    await setup(() => 202);
    const alice = await server.services.store.findUserByUsername('alice');
    await server.services.store.updateUser(alice!.id, { phone: null }, new Date());
    const { flow } = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+44 7911 123456' })).status).toBe(200);
    expect((await server.post('/api/v1/flows/sms/send', { flow })).body.error).toBe('rate_limited');
    const code = /(\d{6}) is your/.exec(JSON.parse(gateway.requests[0]!.body).text)![1]!;
    expect((await server.post('/api/v1/flows/sms/verify', { flow, code })).body.status).toBe('complete');

    const events = await stored();
    expect(events.find((e) => e.type === 'code.sent')).toMatchObject({
      userId: alice!.id,
      clientId: 'app',
      details: { channel: 'sms', destination: '+44…3456', provider: 'gateway', status: 'accepted', purpose: 'verify' },
    });
    expect(events.find((e) => e.type === 'lockout')).toMatchObject({
      details: { method: 'sms', action: 'send', reason: 'rate_limited', limit: 'sms:resend' },
    });
    expect(events.find((e) => e.type === 'factor.enrolled' && e.details.factor === 'sms')).toMatchObject({
      userId: alice!.id,
      details: { destination: '+44…3456' },
    });
    expect(JSON.stringify(events)).not.toContain('7911123456');
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it('records the provider refusing a text as a code not sent', async () => {
    await setup(() => 500);
    const { flow } = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/sms/send', { flow })).status).toBe(502);
    const events = await stored();
    expect(events.find((e) => e.type === 'code.sent')).toMatchObject({
      details: { provider: 'gateway', status: 'delivery_failed', destination: '+1…0123' },
    });
    expect(events.find((e) => e.type === 'step.failed')).toMatchObject({ details: { method: 'sms', action: 'send', reason: 'delivery_failed' } });
  });
});
