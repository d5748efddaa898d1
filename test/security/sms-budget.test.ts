import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../server/config.js';
import { MfaError } from '../../server/errors.js';
import { phoneRuns } from '../../server/self-service/phone.js';
import type { Identity } from '../../server/self-service/identity.js';
import { passwordStep } from '../support/login.js';
import { startCountingServer, type TestServer } from '../support/server.js';

const ALICE = '+12015550123';
const SECRET = 'grant-client-secret-0123456789';
const GRANT = 'urn:mfa-login:grant-type:sms-otp';
const backends = [1, 2].map((n) => ({ clientId: `backend${n}`, name: `Backend ${n}`, clientSecret: SECRET }));

interface Answer {
  status: number;
}

describe('the SMS budget: texts others ask for to a number never hold back its owner', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  async function start(config: ConfigInput = {}) {
    server = await startCountingServer({ clients: backends, ...config });
    // The hourly caps count in fixed windows: begin just after one opens, so that a run near the
    // top of the hour does not see its count start again halfway through.
    const intoHour = server.services.now().getTime() % 3_600_000;
    server.advance(Math.ceil((3_600_000 - intoHour) / 1000) + 1);
  }

  /** A user with no second factor yet, so a login may register a phone (first use). */
  async function newUser(username: string) {
    const { store, passwords } = server.services;
    return store.createUser({ username, displayName: username, passwordHash: await passwords.hash('a-long-enough-password') }, server.services.now());
  }

  /** `username` logs in with the password and asks to register `phone` in the flow. */
  async function enrolInLogin(username: string, phone: string): Promise<Answer> {
    const { flow } = (await server.post('/api/v1/flows', { clientId: 'demo' })).body;
    const signedIn = await server.post('/api/v1/flows/password', { flow, username, password: 'a-long-enough-password' });
    expect(signedIn.status).toBe(200);
    return server.post('/api/v1/flows/sms/enroll', { flow, phone });
  }

  /** `username` asks settings to make `phone` theirs, with a settings grant the route has already checked. */
  async function changePhone(username: string, phone: string, sid = 'sid', ip = '192.0.2.10'): Promise<Answer> {
    const { store } = server.services;
    const user = (await store.findUserByUsername(username))!;
    const identity: Identity = {
      user,
      client: (await store.getClient('demo'))!,
      amr: ['pwd', 'otp', 'mfa'],
      authTime: server.services.now(),
      sid,
      jti: `jti-${sid}-${Date.now()}-${Math.random()}`,
      changesUntil: new Date(server.services.now().getTime() + 300_000),
    };
    try {
      await phoneRuns.send({ services: server.services, identity, ip, body: { phone } });
      return { status: 200 };
    } catch (e) {
      if (e instanceof MfaError) return { status: e.status };
      throw e;
    }
  }

  async function grant(clientId: string, phone: string): Promise<Answer> {
    const res = await fetch(`${server.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: GRANT, username: phone }).toString(),
    });
    return { status: res.status };
  }

  /** Asks again after each resend wait until refused; answers how many texts went out. */
  async function sendUntilRefused(ask: () => Promise<Answer>): Promise<number> {
    for (let sent = 0; sent < 30; sent++) {
      const answer = await ask();
      if (answer.status === 429) return sent;
      expect(answer.status).toBe(200);
      server.advance(31);
    }
    throw new Error('never refused');
  }

  async function aliceSignInText() {
    const { flow } = await passwordStep(server);
    return server.post('/api/v1/flows/sms/send', { flow });
  }

  it('registering her number in two other logins: alice still gets her sign-in text', async () => {
    await start();
    await newUser('bob');
    await newUser('carol');
    const bobSent = await sendUntilRefused(() => enrolInLogin('bob', ALICE));
    const carolSent = await sendUntilRefused(() => enrolInLogin('carol', ALICE));
    expect(bobSent + carolSent).toBe(3);
    const own = await aliceSignInText();
    expect(own.status).toBe(200);
    expect(own.body.step.options.find((o: { method: string }) => o.method === 'sms')).toMatchObject({ sent: true });
  });

  it('changing two other accounts’ phone to her number: alice still gets her sign-in text', async () => {
    await start();
    await newUser('bob');
    await newUser('carol');
    const sent =
      (await sendUntilRefused(() => changePhone('bob', ALICE, 'bob'))) + (await sendUntilRefused(() => changePhone('carol', ALICE, 'carol')));
    expect(sent).toBe(3);
    expect((await aliceSignInText()).status).toBe(200);
  });

  it('two token-grant clients texting her number: alice still gets her sign-in text', async () => {
    await start();
    const sent = (await sendUntilRefused(() => grant('backend1', ALICE))) + (await sendUntilRefused(() => grant('backend2', ALICE)));
    expect(sent).toBe(3);
    expect((await aliceSignInText()).status).toBe(200);
  });

  it('a stranger’s text to her number a moment before hers does not make her wait', async () => {
    await start();
    await newUser('bob');
    expect((await enrolInLogin('bob', ALICE)).status).toBe(200);
    expect((await aliceSignInText()).status).toBe(200);
    server.advance(31);
    expect((await grant('backend1', ALICE)).status).toBe(200);
    server.advance(31);
    expect((await aliceSignInText()).status).toBe(200);
  });

  it('keeps her own sign-in texts to their own cap per number', async () => {
    await start({ sms: { resendAfterSeconds: 0, caps: { perPhonePerHour: 2 } } });
    expect((await aliceSignInText()).status).toBe(200);
    expect((await aliceSignInText()).status).toBe(200);
    expect((await aliceSignInText()).status).toBe(429);
  });

  it('holds verification texts per asking account across numbers', async () => {
    await start({ sms: { caps: { verifyPerAccountPerHour: 2 } } });
    await newUser('bob');
    expect((await enrolInLogin('bob', '+12015550141')).status).toBe(200);
    expect((await changePhone('bob', '+12015550142', 'b1')).status).toBe(200);
    expect((await enrolInLogin('bob', '+12015550143')).status).toBe(429);
    expect((await changePhone('bob', '+12015550144', 'b2')).status).toBe(429);
    // Another account from the same address is not held by bob's budget.
    await newUser('carol');
    expect((await enrolInLogin('carol', '+12015550145')).status).toBe(200);
  });

  it('holds verification texts per number across accounts and clients', async () => {
    await start({ sms: { resendAfterSeconds: 0, caps: { verifyPerPhonePerHour: 2 } } });
    const target = '+12015550150';
    await newUser('bob');
    await newUser('carol');
    expect((await enrolInLogin('bob', target)).status).toBe(200);
    expect((await grant('backend1', target)).status).toBe(200);
    expect((await enrolInLogin('carol', target)).status).toBe(429);
    expect((await grant('backend2', target)).status).toBe(429);
    expect((await changePhone('carol', target)).status).toBe(429);
    expect((await grant('backend2', '+12015550151')).status).toBe(200);
  });

  it('holds verification texts per address, whatever the account', async () => {
    await start({ sms: { resendAfterSeconds: 0, caps: { verifyPerIpPerHour: 2 } } });
    for (const name of ['bob', 'carol', 'dave']) await newUser(name);
    expect((await changePhone('bob', '+12015550161', 'b', '192.0.2.20')).status).toBe(200);
    expect((await changePhone('carol', '+12015550162', 'c', '192.0.2.20')).status).toBe(200);
    expect((await changePhone('dave', '+12015550163', 'd', '192.0.2.20')).status).toBe(429);
    expect((await changePhone('dave', '+12015550163', 'd2', '192.0.2.21')).status).toBe(200);
  });

  it('waits between verification texts to one number, whoever asks', async () => {
    await start();
    await newUser('bob');
    expect((await enrolInLogin('bob', '+12015550170')).status).toBe(200);
    expect((await grant('backend1', '+12015550170')).status).toBe(429);
    server.advance(31);
    expect((await grant('backend1', '+12015550170')).status).toBe(200);
  });
});
