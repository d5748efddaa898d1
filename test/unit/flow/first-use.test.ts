import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolTotp, passwordStep, totpAt } from '../../support/login.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const PHONE = '+12015550123';
/** Every factor, both enrolments allowed: what a password alone may set up is up to first-use.ts. */
const open = {
  clientId: 'demo',
  name: 'Demo',
  sequence: [['password'], ['totp', 'sms', 'backup_code']] as ('password' | 'totp' | 'sms' | 'backup_code')[][],
  allowPhoneEnrollment: true,
};

describe('enrolment inside a login happens on first use only', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ clients: [open] });
  });
  afterEach(() => server.stop());

  const alice = async () => (await server.services.store.findUserByUsername('alice'))!;
  const methodsOf = (state: { step: { options: { method: string; canEnroll?: boolean }[] } }) =>
    state.step.options.map((o) => (o.canEnroll ? `${o.method}+enrol` : o.method));
  const lastText = async () => {
    const { body } = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent(PHONE)}`);
    return /(\d{6})/.exec(body.messages[0].body)![1]!;
  };

  it('offers to set up an authenticator to a user who never used a second factor', async () => {
    const { state } = await passwordStep(server);
    expect(methodsOf(state)).toEqual(['totp+enrol', 'sms']);
  });

  it('offers no enrolment once every backup code from the first enrolment is used', async () => {
    await server.services.store.updateUser((await alice()).id, { phone: null }, server.services.now());
    const { done } = await enrolTotp(server);
    const codes: string[] = done.body.backupCodes;
    for (const code of codes) {
      const { flow } = await passwordStep(server);
      expect((await server.post('/api/v1/flows/backup-code/verify', { flow, code })).body.status).toBe('complete');
    }
    expect(await server.services.store.countBackupCodes((await alice()).id)).toBe(0);

    const { flow, state } = await passwordStep(server);
    expect(methodsOf(state)).toEqual(['totp']);
    expect((await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+12015550199' })).body.error).toBe('method_not_allowed');
  });

  it('hands out backup codes at the first sign-in with a phone an admin registered, and no authenticator set-up after it', async () => {
    const first = await passwordStep(server);
    await server.post('/api/v1/flows/sms/send', { flow: first.flow });
    const done = await server.post('/api/v1/flows/sms/verify', { flow: first.flow, code: await lastText() });
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
    expect((await alice()).mfaSince).not.toBeNull();

    const { flow, state } = await passwordStep(server);
    expect(methodsOf(state)).toEqual(['sms', 'backup_code']);
    expect((await server.post('/api/v1/flows/totp/enroll', { flow })).body.error).toBe('method_not_allowed');
    await server.post('/api/v1/flows/sms/send', { flow });
    const second = await server.post('/api/v1/flows/sms/verify', { flow, code: await lastText() });
    expect(second.body.status).toBe('complete');
    expect(second.body.backupCodes).toBeUndefined();
  });

  it('hands out backup codes at the first sign-in with an e-mailed code', async () => {
    await server.stop();
    server = await startTestServer({ clients: [{ ...open, sequence: [['password'], ['email']] }] });
    const { flow } = await passwordStep(server);
    await server.post('/api/v1/flows/email/send', { flow });
    const { body } = await server.get('/api/v1/dev/outbox?to=alice%40example.com');
    const done = await server.post('/api/v1/flows/email/verify', { flow, code: /(\d{6})/.exec(body.messages[0].body)![1] });
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
  });

  it('refuses an enrolment begun on first use when another sign-in set up a factor meanwhile', async () => {
    const { flow } = await passwordStep(server);
    const { enrollment } = (await server.post('/api/v1/flows/totp/enroll', { flow })).body;
    await server.services.store.markSecondFactor((await alice()).id, server.services.now());

    const late = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(enrollment.secret, server.services.now()) });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('method_not_allowed');
    expect(await server.services.store.getTotp((await alice()).id)).toBeNull();
  });

  it('does not let a phone registration overwrite a phone registered by another sign-in meanwhile', async () => {
    const id = (await alice()).id;
    await server.services.store.updateUser(id, { phone: null }, server.services.now());
    const { flow } = await passwordStep(server);
    await server.post('/api/v1/flows/sms/enroll', { flow, phone: '+12015550199' });
    const { body } = await server.get(`/api/v1/dev/outbox?to=${encodeURIComponent('+12015550199')}`);
    const code = /(\d{6})/.exec(body.messages[0].body)![1]!;
    expect(await server.services.store.enrollPhone(id, PHONE, server.services.now())).toBe(true);

    const late = await server.post('/api/v1/flows/sms/verify', { flow, code });
    expect(late.body.error).toBe('method_not_allowed');
    expect((await server.services.store.getUser(id))!.phone).toBe(PHONE);
  });

  it('enrols again after an admin reset the second factors, even after earlier sign-ins', async () => {
    await enrolTotp(server);
    expect(methodsOf((await passwordStep(server)).state)).toEqual(['totp', 'sms', 'backup_code']);
    await server.services.store.resetSecondFactors((await alice()).id, server.services.now());
    expect(methodsOf((await passwordStep(server)).state)).toEqual(['totp+enrol', 'sms']);
  });
});

describe('an enrolment whose flow cannot be saved', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ clients: [open] });
  });
  afterEach(() => server.stop());

  it('leaves no authenticator behind when another instance changed the flow meanwhile, so the next login enrols again', async () => {
    const { flow } = await passwordStep(server);
    const secret: string = (await server.post('/api/v1/flows/totp/enroll', { flow })).body.enrollment.secret;
    const store = server.services.store;
    const save = store.saveFlow.bind(store);
    // Another instance cancels this flow between this request's read and its save.
    store.saveFlow = async (f) => {
      store.saveFlow = save;
      const other = (await store.getFlow(f.id))!;
      expect(await save({ ...other, status: 'cancelled' })).toBe(true);
      return save(f);
    };
    const lost = await server.post('/api/v1/flows/totp/verify', { flow, code: await totpAt(secret, server.services.now()) });
    expect(lost.status).toBe(409);
    expect(lost.body.error).toBe('flow_conflict');
    const alice = (await store.findUserByUsername('alice'))!;
    expect(await store.getTotp(alice.id)).toBeNull();
    expect(await store.countBackupCodes(alice.id)).toBe(0);

    const { done } = await enrolTotp(server);
    expect(done.body.status).toBe('complete');
    expect(done.body.backupCodes).toHaveLength(10);
  });
});
