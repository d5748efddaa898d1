import { isMfaError, MfaError } from '../errors.js';
import type { FlowStore } from '../store/ports/flows.js';
import type { FlowRecord } from '../store/types.js';

/** What the runner needs of the store: saving a flow row by compare-and-set on its version. */
export type FlowSaver = Pick<FlowStore, 'saveFlow'>;

export interface FlowRun<T> {
  /** Works on `holder.flow` (it may replace it); answers what the caller gets once the row is saved. */
  run(): Promise<T>;
  /** The refusal changed the row: last changes before it is saved (a step with nothing left ends the flow). */
  refused?(): Promise<void> | void;
  /** After a run that went through, before the save: what it leads to (a satisfied step, a completed flow). */
  settle?(result: T): Promise<void> | void;
  /** What a refused or done run wrote beside the row, taken back when the row cannot be saved. */
  undo?(result: T): Promise<void>;
  /** The row as it is stored (the token grant seals its number). */
  stored?(flow: FlowRecord): FlowRecord;
  /** What a lost save answers. */
  conflict(): Error;
}

/**
 * The one loop every flow row goes through: logins and step-ups, settings changes and the SMS
 * OTP grant. Run, then save: also after a refusal that changed the row, so a wrong answer counts;
 * a refusal that changed nothing saves nothing, so it cannot win a race against a success. A
 * lost save (another request saved the row first) is a conflict, and what the run did beside the
 * row is taken back: only the request whose save won goes on.
 */
export async function runOnFlow<T>(store: FlowSaver, holder: { flow: FlowRecord }, flowRun: FlowRun<T>): Promise<T> {
  const save = async () => {
    if (!(await store.saveFlow(flowRun.stored ? flowRun.stored(holder.flow) : holder.flow))) throw flowRun.conflict();
  };
  const before = JSON.stringify(holder.flow.data);
  let result: T;
  try {
    result = await flowRun.run();
  } catch (e) {
    if (!isMfaError(e) || JSON.stringify(holder.flow.data) === before) throw e;
    await flowRun.refused?.();
    await save();
    throw e;
  }
  try {
    await flowRun.settle?.(result);
    await save();
  } catch (e) {
    await flowRun.undo?.(result);
    throw e;
  }
  return result;
}

/** The flow API's conflict: the flow changed in another request at the same moment. */
export const flowConflict = (message?: string) => () => new MfaError('flow_conflict', message, { conflict: true });
