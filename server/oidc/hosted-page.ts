import { oidcPaths } from '../../contract/oidc.js';
import type { ClientRecord } from '../store/types.js';

/**
 * The hosted login page: the same `<mfa-login>` an integrator embeds, on the server's origin,
 * under a strict CSP: scripts and styles from files only (no inline script or style), the
 * client's stylesheet and logo from their own origins, nothing framing it, no form posting out.
 */

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const originOf = (url: string | null) => (url ? new URL(url).origin : null);

/** The page's Content-Security-Policy: `'self'`, plus the client's CSS and logo origins. */
export function hostedPageCsp(client: ClientRecord | null): string {
  const css = originOf(client?.cssUri ?? null);
  const logo = originOf(client?.logoUri ?? null);
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${css ? ` ${css}` : ''}`,
    `img-src 'self' data:${logo ? ` ${logo}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

interface PageParts {
  issuer: string;
  title: string;
  lang: string;
  client: ClientRecord | null;
  body: string;
  script?: boolean;
}

function page({ issuer, title, lang, client, body, script }: PageParts): string {
  const base = new URL(issuer).pathname.replace(/\/+$/, '');
  const css = client?.cssUri ? `\n<link rel="stylesheet" href="${escapeHtml(client.cssUri)}">` : '';
  const js = script ? `\n<script type="module" src="${base}${oidcPaths.hostedScript}"></script>` : '';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${base}${oidcPaths.hostedStyles}">${css}${js}
</head>
<body>
<main class="hosted">
${body}
</main>
</body>
</html>
`;
}

function heading(client: ClientRecord, text: string): string {
  const logo = client.logoUri ? `<img class="logo" src="${escapeHtml(client.logoUri)}" alt="">\n` : '';
  return `<header class="client">\n${logo}<h1>${escapeHtml(text)}</h1>\n</header>`;
}

/**
 * The sign-in page. The flow `/authorize` started travels in the page's body (a data attribute),
 * never in a URL; the page's script hands it to the element as a flow to resume.
 */
export function signInPage(input: { issuer: string; client: ClientRecord; flow: string; lang: string | null }): string {
  const { issuer, client, flow, lang } = input;
  const attrs = [
    `server="${escapeHtml(issuer)}"`,
    `client-id="${escapeHtml(client.clientId)}"`,
    `data-flow="${escapeHtml(flow)}"`,
    `data-complete="${escapeHtml(new URL(issuer).pathname.replace(/\/+$/, '') + oidcPaths.authorizeComplete)}"`,
    ...(lang ? [`lang="${escapeHtml(lang)}"`] : []),
    'autofocus',
  ].join(' ');
  return page({
    issuer,
    title: `Sign in to ${client.name}`,
    lang: lang ?? 'en',
    client,
    script: true,
    body: `${heading(client, `Sign in to ${client.name}`)}\n<mfa-login ${attrs}></mfa-login>\n<p class="status" role="status" hidden></p>`,
  });
}

/** A mistake that must not be redirected (unknown client, unregistered redirect URI), or a plain notice. */
export function noticePage(input: { issuer: string; client: ClientRecord | null; title: string; message: string }): string {
  const { issuer, client, title, message } = input;
  const head = client ? heading(client, title) : `<h1>${escapeHtml(title)}</h1>`;
  return page({ issuer, title, lang: 'en', client, body: `${head}\n<p>${escapeHtml(message)}</p>` });
}

/**
 * The page's script, a file of its own (CSP `script-src 'self'`). It puts the flow where the
 * element looks for one to resume, loads the element, and once the sign-in is complete asks the
 * server where to go (a JSON call, so the SSO cookie is set on this origin) and goes there.
 */
export const HOSTED_SCRIPT = `const el = document.querySelector('mfa-login');
const status = document.querySelector('.status');
const flow = el.dataset.flow;
const complete = el.dataset.complete;
el.removeAttribute('data-flow');
try {
  sessionStorage.setItem('mfa-login:flow:' + el.getAttribute('server') + ':' + el.getAttribute('client-id'), flow);
} catch {}
// A flow that ended (expired, cancelled by "Start again") cannot be replaced from this page: the
// same /authorize request, loaded again, starts a fresh one bound to it. Once per 10 s at most.
el.addEventListener('mfa-login-error', (e) => {
  if (!['flow_expired', 'flow_not_found', 'origin_not_allowed'].includes(e.detail.error)) return;
  let last = 0;
  try { last = Number(sessionStorage.getItem('mfa-login:hosted-reload')) || 0; } catch {}
  if (Date.now() - last < 10000) return;
  try { sessionStorage.setItem('mfa-login:hosted-reload', String(Date.now())); } catch {}
  location.reload();
});
el.addEventListener('mfa-login-complete', async () => {
  const res = await fetch(complete, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify({ flow }),
  });
  const answer = await res.json().catch(() => ({}));
  if (res.ok && answer.redirectTo) {
    location.assign(answer.redirectTo);
    return;
  }
  status.textContent = answer.message || 'The sign-in could not be completed. Go back to the application and try again.';
  status.hidden = false;
});
await import(new URL('../widget/mfa-login.js', import.meta.url).href);
`;

export const HOSTED_STYLES = `:root { color-scheme: light dark; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: start center; background: light-dark(#f4f5f7, #15171c); color: light-dark(#111827, #e5e7eb); }
.hosted { width: min(100%, 28em); padding: 2em 1em; box-sizing: border-box; }
.client { display: flex; flex-direction: column; align-items: center; gap: 0.75em; margin-bottom: 1.25em; text-align: center; }
.client .logo { max-height: 56px; max-width: 200px; }
.client h1 { font-size: 1.25em; margin: 0; }
mfa-login { display: block; }
.status { margin-top: 1em; text-align: center; }
`;
