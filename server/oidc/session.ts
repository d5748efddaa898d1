import type { Request, Response } from 'express';
import type { MethodName, Sequence } from '../config.js';
import { randomHandle, sha256 } from '../crypto/codes.js';
import type { Services } from '../services.js';
import type { LoginSessionRecord, UserRecord } from '../store/types.js';

/**
 * The single sign-on session of the hosted login page: a cookie on the server's own origin
 * holding a random handle (HttpOnly, Secure over https, SameSite=Lax), and a row keyed by its
 * hash with the user, the methods they proved and when.
 */
export const SESSION_COOKIE = 'mfa_login_sso';

const cookiePath = (issuer: string) => new URL(issuer).pathname.replace(/\/+$/, '') || '/';

function attributes(services: Pick<Services, 'config'>, maxAge: number): string {
  const { issuer } = services.config;
  const secure = new URL(issuer).protocol === 'https:' ? '; Secure' : '';
  return `; Path=${cookiePath(issuer)}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/** The handle the request's cookie holds, if any. */
export function sessionHandleOf(req: Request): string | null {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

export interface LiveSession {
  record: LoginSessionRecord;
  user: UserRecord;
}

/** The request's session when it is live and its user still exists. */
export async function currentSession(services: Pick<Services, 'store' | 'now'>, req: Request): Promise<LiveSession | null> {
  const handle = sessionHandleOf(req);
  if (!handle) return null;
  const record = await services.store.getLoginSession(sha256(handle));
  if (!record || services.now().getTime() >= new Date(record.expiresAt).getTime()) return null;
  const user = await services.store.getUser(record.userId);
  return user ? { record, user } : null;
}

/** A new session for a completed sign-in; the one the browser held before (if any) is ended. */
export async function startSession(
  services: Pick<Services, 'store' | 'now' | 'config'>,
  req: Request,
  res: Response,
  session: { userId: string; methods: MethodName[]; authTime: string },
): Promise<string> {
  const before = sessionHandleOf(req);
  if (before) await services.store.deleteLoginSession(sha256(before));
  const handle = randomHandle();
  const now = services.now();
  const seconds = services.config.oidc.sessionSeconds;
  const idHash = sha256(handle);
  await services.store.createLoginSession({
    idHash,
    ...session,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + seconds * 1000).toISOString(),
  });
  res.append('Set-Cookie', `${SESSION_COOKIE}=${handle}${attributes(services, seconds)}`);
  return idHash;
}

/** Ends the browser's session: the row and the cookie. */
export async function endSession(services: Pick<Services, 'store' | 'config'>, req: Request, res: Response): Promise<LoginSessionRecord | null> {
  const handle = sessionHandleOf(req);
  if (!handle) return null;
  const record = await services.store.getLoginSession(sha256(handle));
  await services.store.deleteLoginSession(sha256(handle));
  res.append('Set-Cookie', `${SESSION_COOKIE}=${attributes(services, 0)}`);
  return record;
}

/** The id_token's `sid` for tokens made from a session: stable for it, no way back to the cookie. */
export const sidOfSession = (idHash: string) => sha256(`sid:${idHash}`).slice(0, 22);

/**
 * How far a session carries a sequence: its leading steps that a method the session proved
 * satisfies, with that method for each. A `pwd` session satisfies the password step of an `mfa`
 * sequence and nothing after it, so only the missing steps are asked.
 */
export function satisfiedSteps(sequence: Sequence, proven: readonly MethodName[]): MethodName[] {
  const used: MethodName[] = [];
  for (const step of sequence) {
    const method = step.find((m) => proven.includes(m));
    if (!method) break;
    used.push(method);
  }
  return used;
}
