import type { Logger } from 'pino';
import { MfaError } from '../../errors.js';
import { ConfigError } from '../../errors.js';
import { renderTemplate } from '../template.js';
import type { SmsMessage, SmsSender } from '../types.js';
import type { HttpSmsConfig, SuccessCheck } from './config.js';
import { readAnswer } from './answer.js';
import { isGsmBasic } from './gsm.js';
import { noLiterals, type Literals } from './literals.js';
import { maskForLog } from './phone.js';

export interface HttpSmsDeps {
  logger: Logger;
  fetch?: typeof fetch;
}

/**
 * Any HTTP SMS gateway, configured WSO2- or Ubisecure-style. Failures are logged with the
 * provider, a masked number and a status or reason: never the message, the full number,
 * the URL (it may carry both, or a key) or the provider's answer (it may echo them).
 */
export function createHttpSmsSender(config: HttpSmsConfig, deps: HttpSmsDeps, literals: Literals = noLiterals): SmsSender {
  const doFetch = deps.fetch ?? fetch;
  const name = config.name;
  // A malformed URL is a configuration mistake: say so at start-up, not on the first login.
  buildRequest(config, literals, { to: '+10000000000', body: 'start-up check' });

  const fail = (log: Logger, to: string, detail: Record<string, unknown>): never => {
    log.warn({ provider: name, to: maskForLog(to), ...detail }, 'SMS delivery failed');
    throw new MfaError('delivery_failed');
  };

  return {
    name,
    async send(message: SmsMessage, log = deps.logger): Promise<void> {
      const request = buildRequest(config, literals, message);
      const deadline = AbortSignal.timeout(config.timeoutMs);
      let response: Response;
      let body: string | undefined;
      try {
        response = await doFetch(request.url, { ...request.init, signal: deadline });
        // Read the answer under the same deadline, and always, so the connection is released.
        body = await readAnswer(response, deadline);
      } catch (error) {
        return fail(log, message.to, networkFailure(error));
      }
      if (!config.successCodes.includes(response.status)) {
        return fail(log, message.to, { status: response.status });
      }
      if (config.successCheck) {
        const verdict = body === undefined ? { oversized: true } : checkAnswer(body, config.successCheck);
        if (verdict !== true) return fail(log, message.to, { status: response.status, reason: 'rejected', ...verdict });
      }
      log.debug({ provider: name, to: maskForLog(message.to) }, 'SMS accepted');
    },
  };
}

interface BuiltRequest {
  url: string;
  init: RequestInit;
}

function buildRequest(config: HttpSmsConfig, literals: Literals, message: SmsMessage): BuiltRequest {
  const vars = {
    ...literals.values,
    num: message.to,
    mobile: message.to,
    digits: message.to.replace(/^\+/, ''),
    msg: message.body,
    challenge: message.body,
  };
  const url = parseUrl(literals.base + renderTemplate(config.url, vars, 'url'));
  for (const [key, value] of Object.entries(config.query)) {
    url.searchParams.append(key, renderTemplate(value, vars, 'none'));
  }
  const unicode = config.unicode && !isGsmBasic(message.body) ? { [config.unicode.field]: config.unicode.value } : {};
  if (config.method === 'GET') for (const [key, value] of Object.entries(unicode)) url.searchParams.append(key, value);

  const headers = new Headers(config.headers);
  if (config.basicAuth) {
    const { username, password } = config.basicAuth;
    headers.set('authorization', `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`);
  }
  const init: RequestInit = { method: config.method, headers, redirect: 'error' };
  if (config.method === 'POST') {
    const json = config.contentType === 'json';
    if (!headers.has('content-type')) {
      headers.set('content-type', json ? 'application/json' : 'application/x-www-form-urlencoded');
    }
    init.body = renderBody(config.payload, vars, json, unicode);
  }
  return { url: url.toString(), init };
}

function parseUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol === 'http:' || parsed?.protocol === 'https:') return parsed;
  throw new ConfigError('The SMS provider URL is not a valid http(s) URL.');
}

/** `extra` fields are literal values, added after the payload's own. */
function renderBody(payload: HttpSmsConfig['payload'], vars: Record<string, string>, json: boolean, extra: Record<string, string>): string {
  if (payload === undefined) return '';
  if (typeof payload === 'string') return renderTemplate(payload, vars, json ? 'json' : 'url');

  const render = (value: string) => renderTemplate(value, vars, 'none');
  const fields = Object.entries(payload).map(([key, value]): [string, string | string[]] => [
    key,
    Array.isArray(value) ? value.map(render) : render(value),
  ]);
  fields.push(...Object.entries(extra));
  if (json) return JSON.stringify(Object.fromEntries(fields));
  const form = new URLSearchParams();
  for (const [key, value] of fields) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  }
  return form.toString();
}

function networkFailure(error: unknown): Record<string, unknown> {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { reason: 'timeout' };
  }
  const errno = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  // Not under `code`: the logger redacts that name everywhere (it is what one-time codes are called).
  return { reason: 'network', ...(typeof errno === 'string' ? { errno } : {}) };
}

/** true when the answer passes the check; otherwise what was found instead, when safe to log. */
function checkAnswer(body: string, check: SuccessCheck): true | { found?: unknown } {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return {};
  }
  const values = valuesAt(answer, check.path.split('.'));
  // What stands where nothing should is never echoed: it is likely the refused number itself.
  if ('absent' in check) return values.every(isEmpty) ? true : {};
  if (values.length > 0 && values.every((value) => value === check.equals)) return true;
  const wrong = values.find((value) => value !== check.equals);
  // Only scalars are echoed to the log: a provider status code, never an object that may hold data.
  return isScalar(wrong) ? { found: wrong } : {};
}

function valuesAt(value: unknown, path: string[]): unknown[] {
  const [head, ...rest] = path;
  if (head === undefined) return [value];
  if (head === '*') return Array.isArray(value) ? value.flatMap((item) => valuesAt(item, rest)) : [];
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, head)) return [undefined];
  return valuesAt((value as Record<string, unknown>)[head], rest);
}

const isEmpty = (value: unknown) => value === undefined || value === null || (Array.isArray(value) && value.length === 0);

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' ? value.length <= 32 : typeof value === 'number' || typeof value === 'boolean';
}
