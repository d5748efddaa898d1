/**
 * "Trust this device", loaded only when the server offers it (a completed login with
 * `trustDevice`) or asks for it (a `device` option in the second step). It imports nothing of the
 * script at run time (only its words, passkey-book.ts, loaded with it): the element hands in what
 * it needs (Lit's `html`, the flow call), so the chunk is the same file in both drop-in builds and
 * the base entry stays within its budget.
 *
 * The key is an ECDSA P-256 pair made by WebCrypto with the private half not extractable: it is
 * kept as a `CryptoKey` in IndexedDB on this page's origin (no cookie, so the server may live on
 * another origin), under the server, the client and the user, so people sharing a browser do not
 * use each other's. Not the device token of device-store.ts, which only eases password limits.
 */
import type { html as Html, TemplateResult } from 'lit';
import type { ScreenContext } from './screens/context.js';
import type { FlowConfig, FlowState } from './types.js';
import { enTrust as EN, type TrustStrings } from './i18n/en-trust.js';
import { passkeyBook } from './i18n/passkey-book.js';

/** "30 days" on one line, in any digits: text.ts's keepUnits, which this chunk may not import from the script. */
const keepUnits = (text: string) => text.replace(/(\p{Nd}) (?=\S)/gu, '$1\u00a0');

/** The signed text's prefix (server/auth/trusted-devices.ts): the key signs nothing else. */
const PREFIX = 'mfa-login device v1\n';
const PATHS = { challenge: '/api/v1/flows/device/challenge', verify: '/api/v1/flows/device/verify', trust: '/api/v1/flows/device/trust' };

type Answer = { ok: boolean; body: Record<string, unknown> & { error?: string } };
/** A screen in place of the step's own; undefined shows the step's own (say, new backup codes first). */
export type Screen = (ctx: ScreenContext, html: typeof Html) => TemplateResult | undefined;

interface Saved {
  id: string;
  key: CryptoKey;
}

/** The element's side of it: what the controller exposes to this chunk. */
interface Host {
  backupCodes?: string[];
  /** A screen this chunk shows in place of the flow's own; undefined gives it back. */
  device?: Screen;
  /** Ends the offer: the next one, or the completed sign-in, which the page hears of now. */
  leaveOffer(): void;
}

/** The controller's own parts this chunk uses besides {@link Host}. */
const update = (host: Host) => (host as unknown as { host: { requestUpdate(): void } }).host.requestUpdate();

const release = (host: Host) => host.leaveOffer();

const supported = () => typeof indexedDB !== 'undefined' && !!globalThis.crypto?.subtle;

/** Which key: the server, the client and the user as the server compares names. */
const slot = (config: FlowConfig, username: string) =>
  `${config.server || location.origin}|${config.clientId}|${username.trim().normalize('NFKC').toLowerCase()}`;

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('mfa-login', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('devices');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function stored<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const base = await db();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = run(base.transaction('devices', mode).objectStore('devices'));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  } finally {
    base.close();
  }
}

export const readDevice = (slotKey: string) => stored<Saved | undefined>('readonly', (s) => s.get(slotKey)).catch(() => undefined);
const writeDevice = (slotKey: string, saved: Saved) => stored('readwrite', (s) => s.put(saved, slotKey));
const forgetDevice = (slotKey: string) => stored('readwrite', (s) => s.delete(slotKey)).catch(() => undefined);

const base64url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A flow call as the element makes them: JSON in the body, no cookies. */
async function post(config: FlowConfig, path: string, body: Record<string, unknown>): Promise<Answer> {
  try {
    const response = await fetch(`${(config.server || location.origin).replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    return { ok: response.ok, body: await response.json() };
  } catch {
    return { ok: false, body: {} };
  }
}

/** English, the language's module, then the page's `i18n`; undefined while the module loads (the element renders again then). */
function stringsOf(ctx: ScreenContext, host: Host): TrustStrings | undefined {
  const book = passkeyBook(ctx.lang, () => update(host));
  return book && { ...EN, ...book.trustDevice, ...(ctx.t as { trustDevice?: Partial<TrustStrings> }).trustDevice };
}

/** Flows (and steps) this browser already tried its key in: a refusal is not tried again. */
const tried = new Set<string>();

/**
 * Called with every flow state: offers to trust the device after a login that allows it, and
 * signs the server's challenge when the second step offers the device and this browser holds a key.
 */
export async function onState(host: Host, state: FlowState, offerDays: number | undefined, config: FlowConfig): Promise<void> {
  const usable = supported() && state.user && !config.stepUp;
  if (offerDays)
    return usable && state.status === 'complete' ? showOffer(host, state, offerDays, slot(config, state.user!.username), config) : release(host);
  if (!usable) return;
  const key = slot(config, state.user!.username);
  const step = `${state.flow}:${state.step?.number}`;
  if (!state.step?.options.some((o) => o.method === 'device') || tried.has(step)) return;
  tried.add(step);
  const saved = await readDevice(key);
  if (!saved) return;
  host.device = (ctx, html) => html`<p class="hint" role="status">${stringsOf(ctx, host)?.checking}</p>`;
  update(host);
  const answer = await signIn(state.flow, saved, config);
  host.device = undefined;
  // Refused: this key is no longer trusted (revoked, expired, another account's); the step's other methods stay.
  if (answer.body.error === 'invalid_credentials') await forgetDevice(key);
  // A state is taken as any other answer; a refusal only gives the step's own screen back.
  if (answer.ok) (host as unknown as { settle(state: unknown): void }).settle(answer.body);
  else update(host);
}

async function signIn(flow: string, saved: Saved, config: FlowConfig): Promise<Answer> {
  const asked = await post(config, PATHS.challenge, { flow });
  const challenge = (asked.body.deviceChallenge as { challenge?: string } | undefined)?.challenge;
  if (!challenge) return asked;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, saved.key, new TextEncoder().encode(PREFIX + challenge));
  return post(config, PATHS.verify, { flow, deviceId: saved.id, signature: base64url(signature) });
}

function showOffer(host: Host, state: FlowState, days: number, key: string, config: FlowConfig): void {
  let busy = false;
  const done = () => release(host);
  const trust = async () => {
    if (busy) return;
    busy = true;
    // The button shows it is working: making the key and the server's answer take a moment.
    update(host);
    try {
      const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
      const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
      const answer = await post(config, PATHS.trust, { flow: state.flow, publicKey: { kty, crv, x, y } });
      const id = (answer.body.device as { id?: string } | undefined)?.id;
      if (id) await writeDevice(key, { id, key: pair.privateKey });
    } catch {
      // No IndexedDB (a private window may refuse it) or no answer: the next login asks for the second step.
    }
    done();
  };
  host.device = (ctx, html) => {
    if (host.backupCodes) return undefined;
    const t = stringsOf(ctx, host);
    if (!t) return html``;
    return html`<form part="form" @submit=${(e: Event) => {
      e.preventDefault();
      void trust();
    }}>
      <h2 part="title" class="title" tabindex="-1">${keepUnits(t.title(days))}</h2>
      <p class="hint">${t.hint}</p>
      <button part="button" class="primary" type="submit" ?disabled=${busy}>${t.yes}</button>
      <p><button part="link-button" class="link" type="button" ?disabled=${busy} @click=${done}>${t.no}</button></p>
    </form>`;
  };
  update(host);
}
