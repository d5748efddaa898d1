import { deepEqual, equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { cleanUp, fill, mount, submit } from './fixture.js';
import { complete, HANDLE, passwordStep, secondStep } from './states.js';

/** A server of its own, so tokens these tests keep never meet another suite's logins. */
const SERVER = 'https://login.device-token.test';
const TOKEN = 'device-token-of-alice-0123456789abcdefghijklmn';
const storageKeys = () => Object.keys(localStorage).filter((k) => k.startsWith('mfa-login:device:'));

describe('device token', () => {
  let server: FakeServer;
  const seen: { type: string; detail: unknown }[] = [];
  const record = (e: Event) => seen.push({ type: e.type, detail: (e as CustomEvent).detail });

  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    for (const type of ['mfa-login-step', 'mfa-login-complete']) document.addEventListener(type, record);
  });
  afterEach(() => {
    for (const type of ['mfa-login-step', 'mfa-login-complete']) document.removeEventListener(type, record);
    seen.length = 0;
    for (const key of storageKeys().filter((k) => k.includes(SERVER))) localStorage.removeItem(key);
    cleanUp(server);
  });

  async function signIn(username: string, password: string) {
    const el = await mount({ 'client-id': 'demo', server: SERVER });
    fill(el, 'Username', username);
    fill(el, 'Password', password);
    await submit(el);
    return el;
  }

  it('keeps the token of a completed login for its server and user, and hands it to no event', async () => {
    server.on('/api/v1/flows/password', { body: complete({ deviceToken: TOKEN }) });
    await signIn('alice', 'correct horse');
    equal(localStorage.getItem(`mfa-login:device:${SERVER}:alice`), TOKEN);
    ok(
      seen.some((e) => e.type === 'mfa-login-complete'),
      'the login completed',
    );
    for (const event of seen) ok(!JSON.stringify(event.detail).includes(TOKEN), `${event.type} must not carry the device token`);
  });

  it('sends it with the next password step for the same user, however the name is typed', async () => {
    server.on('/api/v1/flows/password', { body: complete({ deviceToken: TOKEN }) });
    (await signIn('alice', 'correct horse')).remove();

    server.on('/api/v1/flows/password', { body: secondStep() });
    await signIn('  Alice ', 'correct horse');
    deepEqual(server.last('/api/v1/flows/password').body, { flow: HANDLE, username: 'Alice', password: 'correct horse', deviceToken: TOKEN });
  });

  it("never sends one user's token with another user's name", async () => {
    server.on('/api/v1/flows/password', { body: complete({ deviceToken: TOKEN }) });
    (await signIn('alice', 'correct horse')).remove();

    server.on('/api/v1/flows/password', { body: secondStep() });
    await signIn('bob', 'another password');
    deepEqual(server.last('/api/v1/flows/password').body, { flow: HANDLE, username: 'bob', password: 'another password' });
  });

  it('replaces the token when a later login hands out a new one', async () => {
    server.on('/api/v1/flows/password', { body: complete({ deviceToken: TOKEN }) });
    (await signIn('alice', 'correct horse')).remove();
    server.on('/api/v1/flows/password', { body: complete({ deviceToken: 'a-newer-token' }) });
    await signIn('alice', 'correct horse');
    equal(server.last('/api/v1/flows/password').body.deviceToken, TOKEN);
    equal(localStorage.getItem(`mfa-login:device:${SERVER}:alice`), 'a-newer-token');
  });
});
