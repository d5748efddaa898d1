import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../server/config.js';
import { seedContext } from '../../../server/methods/totp.js';
import { driftOf, newTotpSecret } from '../../../server/methods/totp-core.js';
import type { TotpCredential } from '../../../server/store/types.js';
import { passwordStep, totpAt } from '../../support/login.js';
import { testSchema, type TestSchema } from '../../support/postgres.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const clients: ConfigInput['clients'] = [{ clientId: 'app', name: 'App', sequence: [['password'], ['totp']] }];

const backends: { name: string; store(): Promise<{ config: ConfigInput; drop(): Promise<void> }> }[] = [
  { name: 'SQLite file', store: async () => ({ config: {}, drop: async () => undefined }) },
  {
    name: 'Postgres',
    async store() {
      const db: TestSchema = await testSchema();
      return { config: { store: { type: 'postgres', url: db.url, schema: db.schema } }, drop: db.drop };
    },
  },
];

describe('driftOf', () => {
  it('is the median of the recent offsets, truncated toward zero', () => {
    expect(driftOf([])).toBe(0);
    expect(driftOf([1])).toBe(1);
    expect(driftOf([0, 1])).toBe(0);
    expect(driftOf([1, 2])).toBe(1);
    expect(driftOf([-1, -2])).toBe(-1);
    expect(driftOf([2, -1, 2])).toBe(2);
    expect(driftOf([0, 0, 1])).toBe(0);
  });

  it('never moves the window more than two steps', () => {
    expect(driftOf([5, 5, 5])).toBe(2);
    expect(driftOf([-9, -7, -8])).toBe(-2);
  });
});

describe.each(backends)('several authenticators ($name)', ({ store: backend }) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  let userId: string;

  beforeEach(async () => {
    const db = await backend();
    drop = db.drop;
    server = await startTestServer({ ...db.config, clients, totp: { window: 1 } });
    userId = (await server.services.store.findUserByUsername(server.demo!.username))!.id;
    // Each test starts early in a 30 s step, so a code made now is still right when it arrives.
    server.advance(30 - ((server.services.now().getTime() / 1000) % 30) + 1);
  });
  afterEach(async () => {
    await server.stop();
    await drop();
  });

  async function addApp(name: string, recentOffsets: number[] = []): Promise<{ credential: TotpCredential; secret: string }> {
    const { store, keyring } = server.services;
    const secret = newTotpSecret();
    const sealedSecret = keyring.seal(secret, seedContext(userId));
    const credential = await store.addTotp(
      { userId, name, sealedSecret, algorithm: 'sha1', digits: 6, period: 30, recentOffsets },
      server.services.now(),
      10,
    );
    return { credential: credential!, secret };
  }

  /** A code from `secret` whose clock is `steps` steps ahead of the server's. */
  const codeOf = (secret: string, steps = 0) => totpAt(secret, new Date(server.services.now().getTime() + steps * 30_000));

  async function signIn(code: string) {
    const { flow } = await passwordStep(server, 'app');
    return server.post('/api/v1/flows/totp/verify', { flow, code });
  }

  const credentialNamed = async (name: string) => (await server.services.store.listTotp(userId)).find((c) => c.name === name)!;

  it('accepts a code from each authenticator and records which one was used', async () => {
    const phone = await addApp('Phone');
    const token = await addApp('YubiKey');
    expect((await signIn(await codeOf(phone.secret))).body.status).toBe('complete');
    expect(await credentialNamed('Phone')).toMatchObject({ lastUsedAt: expect.stringMatching(/^20\d\d-/) });
    expect((await credentialNamed('YubiKey')).lastUsedAt).toBeNull();
    expect(server.logs()).toContain(`"totpCredentialId":"${phone.credential.id}"`);

    server.advance(30);
    expect((await signIn(await codeOf(token.secret))).body.status).toBe('complete');
    expect(await credentialNamed('YubiKey')).toMatchObject({ lastUsedAt: expect.stringMatching(/^20\d\d-/) });
    expect(server.logs()).toContain(`"totpCredentialId":"${token.credential.id}"`);
  });

  it('never accepts a time step twice across the authenticators of one user', async () => {
    const phone = await addApp('Phone');
    const token = await addApp('YubiKey');
    expect((await signIn(await codeOf(phone.secret))).body.status).toBe('complete');
    // The other app's code of the same time step is right, yet the step is spent.
    const other = await signIn(await codeOf(token.secret));
    expect(other.status).toBe(401);
    expect(other.body.error).toBe('invalid_code');
    expect(server.logs()).toMatch(/"msg":"TOTP code replayed"/);
    expect((await credentialNamed('YubiKey')).lastTimeStep).toBeNull();
    // The next step is open to it.
    server.advance(30);
    expect((await signIn(await codeOf(token.secret))).body.status).toBe('complete');
  });

  it('lets only one of two logins racing with codes of one time step from two apps through', async () => {
    const phone = await addApp('Phone');
    const token = await addApp('YubiKey');
    const [a, b] = await Promise.all([passwordStep(server, 'app'), passwordStep(server, 'app')]);
    const results = await Promise.all([
      server.post('/api/v1/flows/totp/verify', { flow: a.flow, code: await codeOf(phone.secret) }),
      server.post('/api/v1/flows/totp/verify', { flow: b.flow, code: await codeOf(token.secret) }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('learns the drift of a token whose clock runs ahead, within two steps beyond the window', async () => {
    const token = await addApp('Token');
    // Two steps ahead is outside a window of one: not yet.
    expect((await signIn(await codeOf(token.secret, 2))).body.error).toBe('invalid_code');
    server.advance(30);
    expect((await signIn(await codeOf(token.secret, 1))).body.status).toBe('complete');
    expect((await credentialNamed('Token')).recentOffsets).toEqual([1]);
    server.advance(30);
    // Its window now centres one step ahead.
    expect((await signIn(await codeOf(token.secret, 2))).body.status).toBe('complete');
    server.advance(30);
    expect((await signIn(await codeOf(token.secret, 2))).body.status).toBe('complete');
    expect((await credentialNamed('Token')).recentOffsets).toEqual([1, 2, 2]);
    server.advance(30);
    // Centred two ahead: three ahead (the window's edge) works.
    expect((await signIn(await codeOf(token.secret, 3))).body.status).toBe('complete');
    server.advance(30);
    expect((await signIn(await codeOf(token.secret, 3))).body.status).toBe('complete');
    expect(driftOf((await credentialNamed('Token')).recentOffsets)).toBe(2);
    server.advance(30);
    // Four ahead is more than two beyond the window: never, however the token drifted.
    expect((await signIn(await codeOf(token.secret, 4))).body.error).toBe('invalid_code');
  });

  it('bounds a learned drift, even one the store says is larger', async () => {
    const token = await addApp('Token', [5, 5, 5]);
    expect((await signIn(await codeOf(token.secret, 5))).body.error).toBe('invalid_code');
    expect((await signIn(await codeOf(token.secret, 4))).body.error).toBe('invalid_code');
    expect((await signIn(await codeOf(token.secret, 3))).body.status).toBe('complete');
  });

  it('moves the window of the drifting token only, not of the other app', async () => {
    const phone = await addApp('Phone');
    await addApp('Token', [2, 2, 2]);
    expect((await signIn(await codeOf(phone.secret, 2))).body.error).toBe('invalid_code');
    expect((await signIn(await codeOf(phone.secret, -1))).body.status).toBe('complete');
  });

  it('keeps the other authenticator working when one is removed', async () => {
    const phone = await addApp('Phone');
    const token = await addApp('YubiKey');
    expect(await server.services.store.removeTotp(userId, phone.credential.id)).toBe(true);
    expect((await signIn(await codeOf(phone.secret))).body.error).toBe('invalid_code');
    expect((await signIn(await codeOf(token.secret))).body.status).toBe('complete');
  });
});

describe('enrolment in a login', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ clients, flow: { ttlSeconds: 120 } });
  });
  afterEach(() => server.stop());

  it('keeps the pending secret after a wrong code: the state shows the same QR code, the next code enrols', async () => {
    const { flow } = await passwordStep(server, 'app');
    const { enrollment } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body;
    const right = await totpAt(enrollment.secret, server.services.now());
    const wrong = await server.post('/api/v1/flows/totp/verify', { flow, code: right === '000000' ? '111111' : '000000' });
    expect(wrong.body).toMatchObject({ error: 'invalid_code', attemptsRemaining: 4 });
    const state = await server.post('/api/v1/flows/introspect', { flow });
    expect(state.body.enrollment).toEqual(enrollment);
    expect((await server.post('/api/v1/flows/totp/verify', { flow, code: right })).body.status).toBe('complete');
  });

  it('lets the QR code expire with the flow: its code no longer enrols, a new flow shows a new one', async () => {
    const { flow } = await passwordStep(server, 'app');
    const { secret } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body.enrollment;
    server.advance(121);
    const late = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(late.status).toBe(410);
    expect(late.body.error).toBe('flow_expired');
    const again = await passwordStep(server, 'app');
    expect((await server.post('/api/v1/flows/totp/enroll', { flow: again.flow })).body.enrollment.secret).not.toBe(secret);
    expect(await server.services.store.listTotp((await server.services.store.findUserByUsername('alice'))!.id)).toEqual([]);
  });
});
