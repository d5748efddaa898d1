import { generate } from 'otplib';
import type { TestServer } from './server.js';

/** Demo user alice through the password step; answers the flow handle and state. */
export async function passwordStep(server: TestServer, clientId = 'demo') {
  const started = await server.post('/api/v1/flows', { clientId, nonce: 'test-nonce' });
  const flow: string = started.body.flow;
  const res = await server.post('/api/v1/flows/password', { flow, username: server.demo!.username, password: server.demo!.password });
  if (res.status !== 200) throw new Error(`password step failed: ${JSON.stringify(res.body)}`);
  return { flow, state: res.body };
}

/** The TOTP code for `secret` at the server's current time plus `offsetSeconds`. */
export function totpAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** Logs alice in with password and a first TOTP enrolment; answers the secret and final state. */
export async function enrolTotp(server: TestServer) {
  const { flow } = await passwordStep(server);
  const enrolled = await server.post('/api/v1/flows/totp/enroll', { flow });
  const secret: string = enrolled.body.enrollment.secret;
  const done = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
  return { flow, secret, done };
}
