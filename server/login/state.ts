import { currentStepMethods } from '../flow/engine.js';
import { methods } from '../methods/index.js';
import type { MethodContext, Option } from '../methods/types.js';

/** What a completed flow's id_token is sealed to in the store. */
export const resultContext = (flowId: string) => `flow-result:${flowId}`;

/** The current step's methods this user can use now, in the client's order. */
export async function stepOptions(ctx: MethodContext): Promise<Option[]> {
  const options: Option[] = [];
  for (const name of currentStepMethods(ctx.flow)) {
    const method = methods[name];
    if (method.needsUser && !ctx.user) continue;
    const option = await method.option(ctx);
    if (option) options.push(option);
  }
  return options;
}

/** The contract's flow state, built from the flow and what each method offers this user. */
export async function flowState(handle: string, ctx: MethodContext): Promise<Record<string, unknown>> {
  const { flow, user } = ctx;
  const state: Record<string, unknown> = { flow: handle, status: flow.status, expiresAt: flow.expiresAt };
  if (user) state.user = { username: user.username, displayName: user.displayName };
  else if (flow.loginHint) state.loginHint = flow.loginHint;

  if (flow.status === 'pending') {
    state.step = { number: flow.stepIndex + 1, total: flow.sequence.length, options: await stepOptions(ctx) };
    for (const name of currentStepMethods(flow)) Object.assign(state, await methods[name].stateFields?.(ctx));
  }
  if (flow.status === 'complete' && flow.result) {
    state.result = { ...flow.result, idToken: ctx.services.keyring.open(flow.result.idToken, resultContext(flow.id)) };
  }
  return state;
}
