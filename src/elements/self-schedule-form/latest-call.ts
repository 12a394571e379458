/**
 * One load at a time for one purpose, as `@lit/task` gives an element, for the form's plain
 * classes: starting a load aborts the one before it (its AbortSignal goes to the adapter), and
 * only the latest load's answer, or failure, is taken. An answer that arrives after the choice
 * behind it has changed, or after the adapter has been swapped, is dropped by construction
 * rather than by a hand-written check of whatever the load happened to depend on.
 */
export type Outcome<T> = { current: true; value: T } | { current: false };

const superseded = { current: false } as const;

export class LatestCall {
  private controller?: AbortController;

  /** Runs `load`; a failure is thrown only while this is still the latest load. */
  async run<T>(load: (signal: AbortSignal) => Promise<T>): Promise<Outcome<T>> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const value = await load(controller.signal);
      return this.controller === controller ? { current: true, value } : superseded;
    } catch (error) {
      if (this.controller !== controller) return superseded;
      throw error;
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  /** Whether a load is on its way. */
  get running(): boolean {
    return this.controller !== undefined;
  }

  /** Drops the load on its way, if any: its answer will not be taken. */
  abort(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
