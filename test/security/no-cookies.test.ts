import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

describe('session state', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('lives in no cookie: no answer of a whole login, its errors or discovery sets one', async () => {
    server = await startTestServer();
    const origin = new URL(server.url).origin;
    const answers: Headers[] = [];
    const post = async (path: string, body: unknown) => {
      const res = await server.post(path, body, { origin });
      answers.push(res.headers);
      return res.body;
    };
    const { flow } = await post('/api/v1/flows', { clientId: 'demo' });
    await post('/api/v1/flows/password', { flow, username: 'alice', password: 'wrong password' });
    await post('/api/v1/flows/password', { flow, username: 'alice', password: server.demo!.password });
    const { secret } = (await post('/api/v1/flows/totp/enroll', { flow })).enrollment;
    await post('/api/v1/flows/totp/verify', { flow, code: '000000' === (await generate({ secret })) ? '111111' : '000000' });
    const done = await post('/api/v1/flows/totp/verify', { flow, code: await generate({ secret }) });
    expect(done.status).toBe('complete');
    await post('/api/v1/flows/introspect', { flow });
    for (const path of ['/.well-known/openid-configuration', '/.well-known/jwks.json', '/api/v1/me', '/no-such-path'])
      answers.push((await server.get(path, { origin })).headers);

    expect(answers.length).toBe(11);
    for (const headers of answers) expect(headers.getSetCookie()).toEqual([]);
  });
});
