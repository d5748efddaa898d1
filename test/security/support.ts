import { errorStatus, type ErrorCode } from '../../server/errors.js';
import { enrolTotp } from '../support/login.js';
import type { TestServer } from '../support/server.js';

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** Any request, raw: the body is sent byte for byte with exactly the headers given. */
export async function send(
  server: TestServer,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(server.url + path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the text is the body
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Why `answer` is not a 4xx in the contract's error shape with a known code and its status; null when it is. */
export function contractErrorProblem(answer: Answer): string | null {
  const { status, body } = answer;
  if (status < 400 || status >= 500) return `status ${status}`;
  if (!(answer.headers.get('content-type') ?? '').includes('application/json')) return 'not JSON';
  if (typeof body?.error !== 'string' || typeof body?.message !== 'string') return `shape ${JSON.stringify(body).slice(0, 120)}`;
  if (!(body.error in errorStatus)) return `unknown code ${body.error}`;
  if (errorStatus[body.error as ErrorCode] !== status) return `${body.error} with status ${status}`;
  if (body.error === 'invalid_request' && !(Array.isArray(body.issues) && body.issues.length > 0)) return 'invalid_request without issues';
  return null;
}

/** Alice signed in moments ago with password and a new authenticator app: a fresh id_token. */
export async function freshSignIn(server: TestServer) {
  const { secret, done } = await enrolTotp(server);
  if (done.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(done.body)}`);
  return { secret, idToken: done.body.result.idToken as string, backupCodes: done.body.backupCodes as string[] };
}
