import type { AuditInput } from '../audit/events.js';
import type { MethodName } from '../config.js';
import type { MfaError } from '../errors.js';
import { amrOf } from '../flow/engine.js';
import { methods } from '../methods/index.js';
import type { MethodContext } from '../methods/types.js';
import type { Services } from '../services.js';

/** Records an audit event of this flow: its client, its user once known, the caller's address. */
export const noteFor =
  (services: Pick<Services, 'audit'>, ctx: MethodContext) =>
  (event: Omit<AuditInput, 'clientId'>): void =>
    services.audit.record({ clientId: ctx.flow.clientId, userId: ctx.user?.id ?? null, address: ctx.ip, ...event });

/** The events of a request whose save won: the step passed, what its action set up, the token made. */
export function noteOutcome(
  services: Pick<Services, 'audit'>,
  ctx: MethodContext,
  name: MethodName,
  actionName: string,
  outcome: { satisfied: boolean; audit?: Pick<AuditInput, 'type' | 'details'>[] },
): void {
  const note = noteFor(services, ctx);
  if (outcome.satisfied) note({ type: 'step.passed', details: { method: name, action: actionName, kind: ctx.flow.kind } });
  for (const event of outcome.audit ?? []) note(event);
  const result = ctx.flow.status === 'complete' ? ctx.flow.result : null;
  if (result)
    note({
      type: 'token.issued',
      details: {
        tokenType: 'idToken' in result ? 'id_token' : 'settings_grant',
        grant: ctx.flow.kind,
        acr: ctx.flow.acr,
        amr: amrOf(ctx.flow.methods, (m) => methods[m].amr),
      },
    });
}

/** A refused step: the reason code, and a lockout when an attempt limit or a rate limit refused it. */
export function noteRefusal(services: Pick<Services, 'audit'>, ctx: MethodContext, name: MethodName, actionName: string, e: MfaError): void {
  const note = noteFor(services, ctx);
  const details = { method: name, action: actionName, kind: ctx.flow.kind, reason: e.code, ...(e.limit ? { limit: e.limit } : {}) };
  note({ type: 'step.failed', details });
  if (e.code === 'too_many_attempts' || e.code === 'rate_limited')
    note({
      type: 'lockout',
      details: { ...details, ...(typeof e.extras.retryAfter === 'number' ? { retryAfterSeconds: e.extras.retryAfter } : {}) },
    });
}
