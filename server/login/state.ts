import type { FlowState } from '../../contract/flows.js';
import type { MethodName } from '../config.js';
import { attemptsLeft, currentStepMethods } from '../flow/engine.js';
import { methods } from '../methods/index.js';
import type { Method, MethodContext, Option } from '../methods/types.js';
import { openFlowResult } from '../tokens/flow-result.js';

/**
 * How long after completion the flow state still carries its result (an id_token, a settings
 * grant): long enough for the answer that completed it, or for a page reloaded at that moment, to
 * pick it up; after that the handle (kept in a tab's sessionStorage) is no way to mint a bearer
 * token for the flow's whole life.
 */
export const RESULT_SECONDS = 30;

/**
 * How long after completion a login may still set up a method with the sign-in just made (a
 * passkey: "Sign in faster next time?"); the handle is no key to the account after that.
 */
export const OFFER_SECONDS = 300;

const resultStillHandedOut = (completedAt: string | null, now: Date) =>
  completedAt !== null && now.getTime() - Date.parse(completedAt) <= RESULT_SECONDS * 1000;

/**
 * In a step-up for settings a backup code counts only when nothing else is left: the codes are
 * the way back in, not a way around the factors a change replaces.
 */
const lastResortOnly = (ctx: MethodContext, name: MethodName) => ctx.flow.kind === 'step-up' && name === 'backup_code';

/** A method with no attempts left in this flow offers nothing. */
async function offered(ctx: MethodContext, method: Method): Promise<Option | null> {
  const left = method.attempts ? attemptsLeft(ctx, method.name, method.attempts) : Number.POSITIVE_INFINITY;
  return left > 0 ? method.option(ctx, left) : null;
}

async function optionsOf(ctx: MethodContext, except?: MethodName): Promise<Option[]> {
  const options: Option[] = [];
  for (const name of currentStepMethods(ctx.flow)) {
    const method = methods[name];
    if (name === except || (method.needsUser && !ctx.user)) continue;
    const option = await offered(ctx, method);
    if (option) options.push(option);
  }
  return options;
}

/** The current step's methods this user can use now, in the client's order. */
export async function stepOptions(ctx: MethodContext): Promise<Option[]> {
  const options = await optionsOf(ctx);
  const others = options.filter((o) => !lastResortOnly(ctx, o.method));
  return others.length > 0 ? others : options;
}

/** What `method` offers this user in the current step, or null when it is not offered. */
export async function optionOf(ctx: MethodContext, method: Method): Promise<Option | null> {
  const option = await offered(ctx, method);
  if (!option || !lastResortOnly(ctx, method.name)) return option;
  return (await optionsOf(ctx, method.name)).length === 0 ? option : null;
}

/** On a login completed moments ago: the methods that offer to be set up now, with that sign-in. */
export async function offersOf(ctx: MethodContext): Promise<MethodName[]> {
  const { flow } = ctx;
  const recent = flow.authTime !== null && ctx.now.getTime() - Date.parse(flow.authTime) <= OFFER_SECONDS * 1000;
  if (flow.kind !== 'login' || flow.status !== 'complete' || !recent) return [];
  const offers: MethodName[] = [];
  for (const method of Object.values(methods)) if (await method.offer?.(ctx)) offers.push(method.name);
  return offers;
}

/** The contract's flow state, built from the flow and what each method offers this user. */
export async function flowState(handle: string, ctx: MethodContext): Promise<FlowState> {
  const { flow, user } = ctx;
  const state: FlowState = { flow: handle, status: flow.status, expiresAt: flow.expiresAt };
  if (flow.kind === 'step-up') state.purpose = 'settings';
  if (user) state.user = { username: user.username, displayName: user.displayName };
  else if (flow.loginHint) state.loginHint = flow.loginHint;

  if (flow.status === 'pending') {
    state.step = { number: flow.stepIndex + 1, total: flow.sequence.length, options: await stepOptions(ctx) };
    for (const name of currentStepMethods(flow)) Object.assign(state, await methods[name].stateFields?.(ctx));
  }
  if (flow.status === 'complete' && flow.result && resultStillHandedOut(flow.authTime, ctx.now)) {
    state.result = openFlowResult(ctx.services.keyring, flow, flow.result);
  }
  const offers = await offersOf(ctx);
  if (offers.length > 0) state.offers = offers;
  return state;
}
