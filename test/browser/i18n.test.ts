import { equal, match, notOk, ok } from './assert.js';
import { errorReply, FakeServer } from './fake-server.js';
import { $, alertText, cleanUp, fill, mount, settle, submit, title, until } from './fixture.js';
import { passwordStep, pending } from './states.js';

/** Mounts and waits until the language module (if any) has arrived and rendered. */
async function mountIn(attributes: Record<string, string>, heading: string) {
  const el = await mount({ 'client-id': 'demo', ...attributes });
  await until(() => el.shadowRoot!.querySelector('.title')?.textContent?.trim() === heading, `the title “${heading}”`, 4000);
  return el;
}

describe('languages', () => {
  let server: FakeServer;
  beforeEach(() => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
  });
  afterEach(() => {
    cleanUp(server);
    document.documentElement.removeAttribute('lang');
  });

  it('speaks the element’s own lang, loaded on demand', async () => {
    const el = await mountIn({ lang: 'de' }, 'Anmelden');
    ok(el.shadowRoot!.querySelector('label[for="username"]')!.textContent!.includes('Benutzername'));
    equal($(el, '.card').getAttribute('lang'), 'de');
  });

  it('shows the page’s language from the first render, never English for a moment', async () => {
    const el = document.createElement('mfa-login');
    el.setAttribute('client-id', 'demo');
    el.lang = 'sv';
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(el.shadowRoot?.querySelector('.card')?.textContent ?? ''));
    document.body.append(el);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    await until(() => el.shadowRoot!.querySelector('.title')?.textContent?.trim() === 'Logga in', 'the Swedish title', 4000);
    observer.disconnect();
    el.remove();
    ok(seen.length > 0);
    notOk(
      seen.some((text) => /Loading|Sign in/.test(text)),
      seen.join(' | '),
    );
  });

  it('falls back from a region to its language (de-AT → de)', async () => {
    await mountIn({ lang: 'de-AT' }, 'Anmelden');
  });

  it('falls back to the one region there is (pt-PT → pt-BR)', async () => {
    await mountIn({ lang: 'pt-PT' }, 'Entrar');
  });

  it('takes the nearest lang up the page', async () => {
    document.documentElement.setAttribute('lang', 'fr');
    await mountIn({}, 'Se connecter');
  });

  it('stays in English for a language it does not have', async () => {
    const el = await mount({ 'client-id': 'demo', lang: 'xx-YY' });
    equal(title(el), 'Sign in');
    equal($(el, '.card').getAttribute('lang'), 'en');
  });

  it('follows a change of lang', async () => {
    const el = await mountIn({ lang: 'es' }, 'Iniciar sesión');
    el.setAttribute('lang', 'it');
    await until(() => title(el) === 'Accedi', 'the Italian title');
  });

  it('says errors in the language, from the code and its fields, never the server’s English', async () => {
    server.on('/api/v1/flows/password', errorReply(401, 'invalid_credentials', { attemptsRemaining: 2, message: 'Wrong password, 2 left' }));
    const el = await mountIn({ lang: 'pl' }, 'Zaloguj się');
    fill(el, 'Nazwa użytkownika', 'alice');
    fill(el, 'Hasło', 'nope');
    await submit(el);
    equal(alertText(el), 'Nieprawidłowa nazwa użytkownika lub hasło. Zostały 2 próby.');
  });

  it('lets the page replace any string per language through the i18n property', async () => {
    const el = await mount({ 'client-id': 'demo', lang: 'de' });
    el.i18n = { de: { password: { title: 'Willkommen zurück' } }, en: { password: { submit: 'Go' } } };
    await until(() => title(el) === 'Willkommen zurück', 'the replaced title');
    equal(el.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim(), 'Weiter');
    el.setAttribute('lang', 'en');
    await until(() => title(el) === 'Sign in', 'English');
    equal(el.shadowRoot!.querySelector('button[type="submit"]')!.textContent!.trim(), 'Go');
  });
});

describe('right to left', () => {
  let server: FakeServer;
  afterEach(() => cleanUp(server));

  it('lays Arabic out right to left, with codes, the phone number and the key left to right', async () => {
    server = new FakeServer()
      .on('/api/v1/flows', { body: pending([{ method: 'sms', enrolled: true, phone: '+1 ••• ••• 4567', sent: true }]) })
      .install();
    const el = await mountIn({ lang: 'ar' }, 'التحقق برسالة نصية');
    equal($(el, '.card').getAttribute('dir'), 'rtl');
    equal(getComputedStyle(el).direction, 'rtl');
    ok(el.matches(':state(rtl)'));
    const code = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="code"]')!;
    equal(getComputedStyle(code).direction, 'ltr');
    const hint = $(el, '.hint').textContent!;
    ok(hint.includes('\u2066+1\u00a0•••\u00a0•••\u00a04567\u2069'), `the number isolated left to right in: ${hint}`);
  });

  it('keeps English and the others left to right', async () => {
    server = new FakeServer().on('/api/v1/flows', { body: passwordStep() }).install();
    const el = await mountIn({ lang: 'he' }, 'התחברות');
    equal(getComputedStyle(el).direction, 'rtl');
    el.setAttribute('lang', 'en');
    await until(() => title(el) === 'Sign in', 'English');
    await settle(el);
    equal($(el, '.card').getAttribute('dir'), 'ltr');
    notOk(el.matches(':state(rtl)'));
    match(getComputedStyle(el).direction, /^ltr$/);
  });
});
