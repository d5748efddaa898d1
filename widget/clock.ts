import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Re-renders its host once a second while a countdown is on screen, and not otherwise. */
export class ClockController implements ReactiveController {
  private timer?: ReturnType<typeof setInterval>;
  private deadline = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly now: () => number = Date.now,
  ) {
    host.addController(this);
  }

  /** Keeps ticking until `deadline` (ms since the epoch) has passed; `undefined` stops. */
  runUntil(deadline: number | undefined): void {
    this.deadline = deadline ?? 0;
    if (this.deadline > this.now() && !this.timer) {
      this.timer = setInterval(() => this.tick(), 1000);
    } else if (this.deadline <= this.now()) {
      this.stop();
    }
  }

  hostDisconnected(): void {
    this.stop();
  }

  private tick(): void {
    this.host.requestUpdate();
    // One render after the deadline swaps the countdown for its button.
    if (this.now() >= this.deadline) this.stop();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
