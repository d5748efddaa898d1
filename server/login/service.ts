import { startFlowRequest } from '../../contract/flows.js';
import { randomHandle, sha256 } from '../crypto/codes.js';
import { backupCodesOnFirstFactor } from '../auth/backup-codes.js';
import { mayTrustDevice } from '../auth/trusted-devices.js';
import { spend, spendToStart } from '../auth/regulator.js';
import type { MethodName, Sequence } from '../config.js';
import { isMfaError, MfaError } from '../errors.js';
import { amrOf, assertCanAct, assertReadable, attemptsOf, counted, newFlow, satisfyStep } from '../flow/engine.js';
import { parseBody } from '../validate.js';
import { withoutOwnRedaction } from '../logger.js';
import { isFirstUse } from '../methods/first-use.js';
import { forgetReads } from '../methods/reads.js';
import { methods } from '../methods/index.js';
import type { ActionOutcome, MethodContext } from '../methods/types.js';
import { forRequest } from '../request-services.js';
import type { Services } from '../services.js';
import type { ClientRecord, FlowRecord } from '../store/types.js';
import type { Caller } from '../flow/caller.js';
import { flowConflict, runOnFlow } from '../flow/runner.js';
import { noteFor, noteOutcome, noteRefusal } from './audit.js';
import { keyedSerial } from './serial.js';
import { issueFlowResult } from '../tokens/flow-result.js';
import { flowState, offersOf, optionOf, stepOptions } from './state.js';
import { planStepUp, type StepUpPlan } from './step-up.js';
import { trustDevice } from './trust-device.js';

/**
 * Refuses a browser origin the client did not list; calls without Origin are not browsers. A flow
 * `/authorize` started runs on this server's own hosted page, so its origin is allowed for it too.
 */
function assertOrigin(client: ClientRecord, caller: Caller, hostedOrigin?: string) {
  if (caller.origin && caller.origin !== hostedOrigin && !client.allowedOrigins.includes(caller.origin)) throw new MfaError('origin_not_allowed');
}

function sequenceFor(client: ClientRecord, acr: string | undefined) {
  if (!acr || acr === client.defaultAcr) return { acr: client.defaultAcr, sequence: client.sequence };
  // Own keys only: `acr: "constructor"` must not find Object.prototype's.
  const sequence = Object.hasOwn(client.acrSequences, acr) ? client.acrSequences[acr] : undefined;
  if (!sequence) throw new MfaError('invalid_request', `acr "${acr}" is not offered by this client.`);
  return { acr, sequence };
}

/**
 * A client that trusts devices: a trusted device may stand in for the second step of its logins
 * (methods/device.ts), in its default sequence only: a flow that asks for a named `acr` wants
 * that sequence's factors proven now.
 */
function withTrustedDevice(client: ClientRecord, acr: string, sequence: Sequence): Sequence {
  if (client.trustDeviceDays === 0 || acr !== client.defaultAcr || sequence.length < 2) return sequence;
  return sequence.map((step, i) => (i === 1 && !step.includes('device') ? [...step, 'device'] : step));
}

const conflict = flowConflict();

/** Runs flows: start, read, act on a method, cancel. The HTTP layer only translates. */
export function createFlowService(services: Services) {
  const { store, config, tokens, metrics } = services;
  const serial = keyedSerial();
  // A decision's fields are fixed below (a method's `log` adds ids and numbers only).
  const decisions = withoutOwnRedaction(services.logger);

  const issuerOrigin = new URL(config.issuer).origin;

  async function clientOf(clientId: string, caller: Caller, flow?: FlowRecord): Promise<ClientRecord> {
    const client = await services.loginClient(clientId);
    // A machine client (admin scopes) runs no sign-in: to the flow API it is unknown.
    if (!client || client.scopes.length > 0) throw new MfaError('unknown_client');
    assertOrigin(client, caller, flow?.data.authorization ? issuerOrigin : undefined);
    return client;
  }

  async function context(flow: FlowRecord, caller: Caller): Promise<MethodContext> {
    const client = await clientOf(flow.clientId, caller, flow);
    const user = flow.userId ? await store.getUser(flow.userId) : null;
    // Disabled by an admin while signing in: the flow ends as if the user were gone.
    if (flow.userId && (!user || user.disabled)) throw new MfaError('flow_not_found');
    return { services: forRequest(services, caller.requestId), flow, client, user, now: services.now(), ip: caller.ip, origin: caller.origin };
  }

  /** Logins and step-ups only: the rows of token-grant challenges and settings changes never answer here. */
  async function load(handle: string): Promise<FlowRecord | null> {
    const flow = await store.getFlow(sha256(handle));
    return flow?.kind === 'login' || flow?.kind === 'step-up' ? flow : null;
  }

  async function save(flow: FlowRecord): Promise<void> {
    if (!(await store.saveFlow(flow))) throw conflict();
  }

  async function complete(ctx: MethodContext): Promise<void> {
    if (!ctx.user) throw new Error('a flow completed without identifying its user');
    const amr = amrOf(ctx.flow.methods, (m) => ctx.flow.data.amrUsed?.[m] ?? methods[m].amr);
    ctx.flow.result = await issueFlowResult(
      { tokens, keyring: services.keyring, grantSeconds: config.selfService.grantSeconds },
      ctx.flow,
      ctx.user,
      amr,
      ctx.now,
    );
  }

  /**
   * After this flow's save won. From the first second factor on, a password alone can no longer
   * enrol one (first-use.ts), so that is when a user without backup codes gets them, shown once,
   * whichever factor it was: an admin-registered phone must not leave its owner without recovery.
   */
  async function firstSecondFactor(ctx: MethodContext): Promise<{ backupCodes?: string[] }> {
    const user = ctx.user!;
    // The user's row, read in this request, already says so for a returning user: no write per login.
    if (!isFirstUse(user)) return {};
    await store.markSecondFactor(user.id, ctx.now);
    const made = await backupCodesOnFirstFactor(ctx.services, user.id, ctx.now);
    if (made.backupCodes) noteFor(ctx.services, ctx)({ type: 'factor.enrolled', details: { factor: 'backup_code', count: made.backupCodes.length } });
    return made;
  }

  /**
   * On the answer that completes a login (one that yields an id_token) and only there: the
   * device now holds a token that keeps the per-username slow-down off its next logins, unless
   * it sent one with its password that it may keep.
   */
  function deviceTokenOf(ctx: MethodContext): { deviceToken?: string } {
    const { flow, user } = ctx;
    if (flow.kind !== 'login' || flow.status !== 'complete' || !flow.result || !('idToken' in flow.result) || !user) return {};
    if (flow.data.deviceTokenHeld) return {};
    return { deviceToken: ctx.services.deviceTokens.issue(user.id, ctx.now) };
  }

  /** Counts the step's outcome: `ok`, or the contract's error code (`server_error` for the unexpected). */
  async function observed<T>(method: MethodName, action: string, work: Promise<T>): Promise<T> {
    try {
      const result = await work;
      metrics.stepOutcome(method, action, 'ok');
      return result;
    } catch (e) {
      // An action name not in the contract is a typo or a probe: one bucket, not one label each.
      metrics.stepOutcome(method, Object.hasOwn(methods[method].actions, action) ? action : 'unknown', isMfaError(e) ? e.code : 'server_error');
      throw e;
    }
  }

  async function cancel(handle: string, caller: Caller) {
    const flow = assertReadable(await load(handle), services.now());
    await context(flow, caller);
    // A completed flow is ended too: its id_token can no longer be read back through the handle.
    const unfinished = flow.status === 'pending';
    flow.status = 'cancelled';
    flow.result = null;
    await save(flow);
    if (unfinished) metrics.flowAbandoned(flow.clientId, flow.acr, 'cancelled');
    return { flow: handle, status: 'cancelled', expiresAt: flow.expiresAt };
  }

  /** One step action, e.g. ('totp', 'verify'). Wrong answers are saved before the error leaves. */
  async function act(handle: string, name: MethodName, actionName: string, input: unknown, caller: Caller) {
    const method = methods[name];
    const action = method.actions[actionName];
    if (!action) throw new MfaError('not_found');
    const inStep = action.on !== 'complete';
    const flow = inStep ? assertCanAct(await load(handle), method.name, services.now()) : assertReadable(await load(handle), services.now());
    const ctx = await context(flow, caller);
    if (!inStep) {
      // Setting a method up with the sign-in just made: only what the completed state offers.
      if (!(await offersOf(ctx)).includes(name)) throw new MfaError('method_not_allowed');
    } else if (method.needsUser && !ctx.user) throw new MfaError('method_not_allowed', 'Identify yourself first.');
    // A method used up by wrong answers is no longer offered; say why rather than "not allowed".
    else if (!(await optionOf(ctx, method))) throw new MfaError(attemptsOf(flow, method.name) > 0 ? 'too_many_attempts' : 'method_not_allowed');
    const body = parseBody(action.body, input);

    // Every decision on a step, for whoever reads the log after an incident: who, which client, what came of it.
    const decided = (result: string, fields?: ActionOutcome['log']) =>
      decisions.info(
        {
          requestId: caller.requestId ?? undefined,
          clientId: ctx.flow.clientId,
          userId: ctx.user?.id ?? null,
          kind: ctx.flow.kind,
          method: name,
          action: actionName,
          result,
          ...fields,
        },
        'step decided',
      );
    const outcome = await runOnFlow(store, ctx, {
      run: async () => {
        try {
          return await counted(ctx, name, inStep ? method.attempts : undefined, () => action.run(ctx, body));
        } catch (e) {
          if (isMfaError(e)) {
            decided(e.code);
            noteRefusal(ctx.services, ctx, name, actionName, e);
          }
          throw e;
        } finally {
          // The action shared the option check's reads; what it may have written is read afresh.
          forgetReads(ctx);
        }
      },
      refused: async () => {
        // Nothing left to try in this step (say, every attempt used up): the flow ends here.
        if (inStep && (await stepOptions(ctx)).length === 0) ctx.flow.status = 'cancelled';
      },
      settle: async (done) => {
        if (done.user) {
          ctx.flow.userId = done.user.id;
          ctx.user = done.user;
        }
        decided(done.satisfied ? 'passed' : 'ok', done.log);
        if (!done.satisfied) return;
        if (done.amr) ctx.flow.data.amrUsed = { ...ctx.flow.data.amrUsed, [method.name]: done.amr };
        ctx.flow = satisfyStep(ctx.flow, method.name, ctx.now, done.satisfiesAll);
        if (ctx.flow.status === 'complete') await complete(ctx);
      },
      undo: async (done) => done.undo?.(),
      conflict,
    }).catch((e: unknown) => {
      // Counted once the row saying so is saved: a lost save (a conflict) ended nothing.
      if (isMfaError(e) && e.code !== 'flow_conflict' && ctx.flow.status === 'cancelled')
        metrics.flowAbandoned(ctx.flow.clientId, ctx.flow.acr, 'cancelled');
      throw e;
    });
    if (inStep && ctx.flow.status === 'complete') metrics.flowCompleted(ctx.flow.clientId, ctx.flow.acr);
    noteOutcome(ctx.services, ctx, name, actionName, outcome);
    // Only the request whose save won gets here: a double submit cannot make codes twice.
    const firstCodes = outcome.satisfied && method.needsUser && ctx.flow.kind === 'login' ? await firstSecondFactor(ctx) : {};
    forgetReads(ctx);
    // Only the answer that completes the login says for how long this device may be trusted (the `device` offer).
    const trust =
      inStep && ctx.flow.status === 'complete' && mayTrustDevice(ctx.flow, ctx.client) ? { trustDevice: { days: ctx.client.trustDeviceDays } } : {};
    return { ...(await flowState(handle, ctx)), ...outcome.extra, ...firstCodes, ...(inStep ? deviceTokenOf(ctx) : {}), ...trust };
  }

  return {
    async start(input: unknown, caller: Caller) {
      const body = parseBody(startFlowRequest, input);
      const requestServices = forRequest(services, caller.requestId);
      const client = await clientOf(body.clientId, caller);
      const limit = caller.ip ? { key: `flows:ip:${caller.ip}`, windowSeconds: 60, max: config.flow.startsPerMinutePerIp } : null;
      const settings = body.purpose === 'settings';
      // A step-up's checks (its id_token, its proof) cost more than the count: they come after it.
      if (limit && settings) await spend(store, limit, services.now());
      const stepUp: StepUpPlan | null = settings ? await planStepUp(requestServices, client, body, caller) : null;
      const { acr, sequence } = stepUp ? { acr: 'settings', sequence: stepUp.sequence } : sequenceFor(client, body.acr);
      const handle = randomHandle();
      const now = services.now();
      const flow = newFlow({
        id: sha256(handle),
        kind: stepUp ? 'step-up' : 'login',
        clientId: client.clientId,
        // Never in a step-up: settings changes want a factor proven now.
        sequence: stepUp ? sequence : withTrustedDevice(client, acr, sequence),
        acr,
        nonce: body.nonce ?? null,
        loginHint: body.loginHint ?? null,
        ip: caller.ip,
        now,
        ttlSeconds: config.flow.ttlSeconds,
      });
      const user = stepUp?.user ?? null;
      if (stepUp) {
        flow.userId = user?.id ?? null;
        flow.data.stepUp = stepUp.stepUp;
      }
      // A login's start is counted in the transaction that makes its flow: one commit, not two.
      if (limit && !settings) await spendToStart(store, limit, flow, now);
      else await store.createFlow(flow);
      metrics.flowStarted(client.clientId, acr);
      requestServices.audit.record({
        type: 'flow.started',
        clientId: client.clientId,
        userId: user?.id ?? null,
        address: caller.ip,
        details: { kind: flow.kind, acr },
      });
      return flowState(handle, { services: requestServices, flow, client, user, now, ip: caller.ip, origin: caller.origin });
    },

    async introspect(handle: string, caller: Caller) {
      const flow = assertReadable(await load(handle), services.now());
      return flowState(handle, await context(flow, caller));
    },

    cancel: (handle: string, caller: Caller) => serial(handle, () => cancel(handle, caller)),

    /** `device/trust` after a completed login; `userAgent` names the device. */
    trustDevice: (input: unknown, caller: Caller, userAgent: string | undefined) =>
      trustDevice(forRequest(services, caller.requestId), input, caller, userAgent),

    act: (handle: string, name: MethodName, actionName: string, input: unknown, caller: Caller) =>
      observed(
        name,
        actionName,
        serial(handle, () => act(handle, name, actionName, input, caller)),
      ),
  };
}

export type FlowService = ReturnType<typeof createFlowService>;
