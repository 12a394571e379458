/**
 * Noticing that a wait has become long: started when something is asked for, stopped when it
 * arrives or fails, it tells its host to render once the wait passes the host's threshold, so the
 * element can say that it is still waiting (slow is not failed) instead of showing "Loading…"
 * forever or giving up.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LongWait implements ReactiveController {
  /** Whether the wait under way has passed the threshold. */
  long = false;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Milliseconds after which a wait is long. */
    private readonly afterMs: () => number,
  ) {
    host.addController(this);
  }

  /** A wait begins (or goes on: a wait already timed keeps its start). */
  start(): void {
    if (this.timer !== undefined || this.long) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.long = true;
      this.host.requestUpdate();
    }, this.afterMs());
  }

  /** The wait is over, whichever way. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.long) return;
    this.long = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
