import type { ReactiveControllerHost } from 'lit';
import { RETRYABLE } from './errors.js';
import type { FlowError } from './types.js';

/**
 * One server call at a time for an element: a double click sends once, only a call of the
 * current generation may change `busy` or what is shown, and a call that got no contract answer
 * can be made again.
 */
export class CallGate {
  busy = false;
  private generation = 0;
  private again?: () => Promise<void>;

  constructor(private readonly host: ReactiveControllerHost) {}

  get canRetry(): boolean {
    return this.again !== undefined;
  }

  retry(): Promise<void> {
    return this.again?.() ?? Promise.resolve();
  }

  forgetRetry(): void {
    this.again = undefined;
  }

  /** Drops the answers of calls under way (a new flow, a new token) and lets a new call start. */
  abandon(): void {
    this.generation++;
    this.busy = false;
    this.again = undefined;
  }

  /**
   * Runs `request` unless a call is under way; `undefined` then, and also when the answer
   * belongs to an abandoned generation. `again` is kept for a retry when no contract answer came.
   */
  async run<A extends { error?: FlowError }>(request: () => Promise<A>, again: () => Promise<void>): Promise<A | undefined> {
    if (this.busy) return undefined;
    const generation = this.generation;
    this.busy = true;
    this.again = undefined;
    const answering = request();
    this.host.requestUpdate();
    const answer = await answering;
    if (generation !== this.generation) return undefined;
    this.busy = false;
    if (answer.error && RETRYABLE.has(answer.error.error)) this.again = again;
    return answer;
  }
}
