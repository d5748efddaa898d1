import type { MfaLogin } from '../../widget/mfa-login.js';
import { equal, ok } from './assert.js';
import { FakeServer } from './fake-server.js';
import { cleanUp, control, fill, mount, submit, title, until } from './fixture.js';
import { passwordStep, trustOffer } from './states.js';

/** "Trust this device for 30 days?" after a login whose client allows it. */

/** Its number and unit kept on one line (a no-break space): a phone's card broke the title before "days?". */
const OFFER = 'Trust this device for 30\u00a0days?';
const TRUST = '/api/v1/flows/device/trust';

/** Signs in with a password alone, to the offer; `trust` answers its request. */
async function toOffer(trust: ((resolve: (value: unknown) => void) => void) | null) {
  const server = new FakeServer()
    .on('/api/v1/flows', { body: passwordStep() })
    .on('/api/v1/flows/password', { body: trustOffer() })
    .on(TRUST, async () => {
      if (trust) await new Promise(trust);
      return { body: { device: { id: 'dev-1' } } };
    })
    .install();
  const el: MfaLogin = await mount({ 'client-id': 'demo' });
  await until(() => title(el) === 'Sign in', 'the password screen', 4000);
  fill(el, 'Username', 'alice');
  fill(el, 'Password', 'secret');
  await submit(el);
  await until(() => title(el) === OFFER, `the offer (now “${title(el)}”)`, 4000);
  return { el, server };
}

const background = (b: Element) => getComputedStyle(b).backgroundColor;

describe('the trust-device offer', () => {
  let server: FakeServer | undefined;
  afterEach(() => cleanUp(server));

  it('shows "Trust this device" as the primary action, like every other step’s button', async () => {
    let el: MfaLogin;
    // Its look is compared with the password screen's own button, in the same element.
    const first = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const signIn = await mount({ 'client-id': 'demo' });
    await until(() => title(signIn) === 'Sign in', 'the password screen', 4000);
    const continueButton = control(signIn, 'Continue');
    const [accent, fullWidth] = [background(continueButton), continueButton.getBoundingClientRect().width];
    cleanUp(first);

    ({ el, server } = await toOffer(null));
    const yes = control(el, 'Trust this device');
    ok(yes.classList.contains('primary'), yes.outerHTML);
    equal(background(yes), accent);
    equal(yes.getBoundingClientRect().width, fullWidth);
    // The way out is a link under it, not a second button beside it.
    const no = control(el, 'Not now');
    ok(no.classList.contains('link'));
    ok(no.getBoundingClientRect().top >= yes.getBoundingClientRect().bottom, 'Not now sits under the button');
  });

  it('sends one request however often it is clicked, disabled until the answer', async () => {
    let answer!: (value: unknown) => void;
    let el: MfaLogin;
    ({ el, server } = await toOffer((resolve) => (answer = resolve)));
    const yes = control(el, 'Trust this device');
    yes.click();
    await until(() => server!.calls(TRUST).length === 1, 'the trust request', 4000);
    await el.updateComplete;
    ok(yes.disabled, 'disabled while the server answers');
    ok(control(el, 'Not now').disabled, 'Not now waits for it too');
    yes.click();
    yes.click();
    answer(undefined);
    await until(() => title(el) !== OFFER, 'the offer to end', 4000);
    equal(server.calls(TRUST).length, 1);
    equal(title(el), 'You are signed in');
  });
});
