import { deepEqual, equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { cleanUp, click, field, fill, mount, submit, text, until } from './fixture.js';
import { complete, HANDLE, pending, secondStep } from './states.js';

/** A password step that also takes a passkey, before the user is known (a discoverable one). */
const withPasskey = (discoverable = true) => pending([{ method: 'password' }, { method: 'passkey', discoverable, attemptsRemaining: 5 } as never]);

const passkeyOptions = { challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', allowCredentials: [], userVerification: 'preferred' };

/** What the page asked `navigator.credentials.get()` for; answered by `answer`, else left waiting. */
interface Asked {
  mediation?: string;
  allowCredentials?: number;
  signal?: AbortSignal;
  answer(credential: unknown): void;
}

const bytes = (text: string) => new TextEncoder().encode(text).buffer;

/** An assertion as the browser hands it to @simplewebauthn/browser. */
const assertion = {
  id: 'Y3JlZA',
  rawId: bytes('cred'),
  type: 'public-key',
  authenticatorAttachment: 'platform',
  response: { authenticatorData: bytes('data'), clientDataJSON: bytes('{}'), signature: bytes('sig'), userHandle: bytes('u-1') },
  getClientExtensionResults: () => ({}),
};

describe('passkeys in the username field (conditional UI)', () => {
  let server: FakeServer;
  let asked: Asked[];
  const realGet = navigator.credentials.get;

  beforeEach(() => {
    asked = [];
    navigator.credentials.get = (options?: CredentialRequestOptions) =>
      new Promise((resolve, reject) => {
        const signal = options?.signal ?? undefined;
        signal?.addEventListener('abort', () => reject(signal.reason));
        asked.push({
          mediation: options?.mediation,
          allowCredentials: options?.publicKey?.allowCredentials?.length,
          signal,
          answer: (credential) => resolve(credential as Credential),
        });
      });
    server = new FakeServer()
      .on('/api/v1/flows', { body: withPasskey() })
      .on('/api/v1/flows/passkey/options', { body: { ...withPasskey(), passkeyOptions } })
      .install();
  });
  afterEach(() => {
    cleanUp(server);
    navigator.credentials.get = realGet;
  });

  const conditional = () => until(() => asked.some((a) => a.mediation === 'conditional'), 'a conditional request', 3000);

  it('says `username webauthn` and asks the browser with mediation conditional and no allowed credentials', async () => {
    const el = await mount();
    equal(field(el, 'Username').autocomplete, 'username webauthn');
    await conditional();
    deepEqual(server.last('/api/v1/flows/passkey/options').body, { flow: HANDLE });
    equal(asked.length, 1);
    equal(asked[0]!.allowCredentials, 0);
    ok(!el.flow.busy, 'the request waits outside the call gate: the password can be submitted meanwhile');
  });

  it('sends a picked passkey to passkey/verify and goes on as the passkey screen would', async () => {
    server.on('/api/v1/flows/passkey/verify', { body: complete() });
    const el = await mount();
    await conditional();
    asked[0]!.answer(assertion);
    await until(() => server.calls('/api/v1/flows/passkey/verify').length === 1, 'the verify call');
    const { body } = server.last('/api/v1/flows/passkey/verify');
    equal(body.flow, HANDLE);
    equal((body.response as { id: string }).id, 'Y3JlZA');
    await until(() => text(el).includes('You are signed in'), 'the done screen');
  });

  it('ends the request when the password is submitted', async () => {
    server.on('/api/v1/flows/password', { body: secondStep() });
    const el = await mount();
    await conditional();
    fill(el, 'Username', 'alice');
    fill(el, 'Password', 'correct horse');
    await submit(el);
    ok(asked[0]!.signal?.aborted, 'aborted');
    equal(server.calls('/api/v1/flows/passkey/options').length, 1);
  });

  it('ends the request when another method is chosen', async () => {
    const el = await mount();
    await conditional();
    await click(el, 'Passkey');
    ok(asked[0]!.signal?.aborted, 'aborted');
  });

  it('neither says webauthn nor asks where the step takes no passkey, or only a known user’s', async () => {
    server.on('/api/v1/flows', { body: pending([{ method: 'password' }]) });
    const plain = await mount();
    equal(field(plain, 'Username').autocomplete, 'username');
    cleanUp();
    server.on('/api/v1/flows', { body: withPasskey(false) });
    const known = await mount();
    equal(field(known, 'Username').autocomplete, 'username webauthn');
    await new Promise((resolve) => setTimeout(resolve, 300));
    deepEqual(asked, []);
    equal(server.calls('/api/v1/flows/passkey/options').length, 0);
  });
});
