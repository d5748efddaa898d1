import { enrolTotp, passwordStep, totpAt } from '../../support/login.js';
import type { TestServer } from '../../support/server.js';
import { stepUp, type SettingsSession } from '../../support/step-up.js';

/** Alice signs in with password and a first authenticator app; answers her id_token and secret. */
export async function signIn(server: TestServer) {
  const { secret, done } = await enrolTotp(server);
  if (done.body.status !== 'complete') throw new Error(`sign-in failed: ${JSON.stringify(done.body)}`);
  return { secret, idToken: done.body.result.idToken as string, backupCodes: done.body.backupCodes as string[] };
}

/** Alice signs in, then confirms with her authenticator for settings: `me` makes changes. */
export async function signInForSettings(server: TestServer): Promise<Awaited<ReturnType<typeof signIn>> & { me: SettingsSession }> {
  const signedIn = await signIn(server);
  return { ...signedIn, me: await stepUp(server, signedIn.idToken, signedIn.secret) };
}

/** A token from the demo client's `pwd` sequence: the password alone, no second factor. */
export async function signInWithPasswordOnly(server: TestServer): Promise<string> {
  const { flow } = (await server.post('/api/v1/flows', { clientId: 'demo', acr: 'pwd' })).body;
  const done = await server.post('/api/v1/flows/password', { flow, username: server.demo!.username, password: server.demo!.password });
  if (done.body.status !== 'complete') throw new Error(`sign-in failed: ${JSON.stringify(done.body)}`);
  return done.body.result.idToken;
}

/** A later sign-in with the password and a TOTP code from `secret`; answers the last response. */
export async function signInWithTotp(server: TestServer, secret: string) {
  // A code is accepted once per time step: the sign-in before may have used this one.
  server.advance(30);
  const { flow } = await passwordStep(server);
  return server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
}

export const bearer = (idToken: string) => ({ authorization: `Bearer ${idToken}` });

/** The newest code texted to `phone`, read from the development outbox. */
export async function textedCode(server: TestServer, phone: string): Promise<string> {
  const { messages } = (await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`)).body;
  const code = /(\d{6}) is your/.exec(messages[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no code texted to ${phone}`);
  return code;
}
