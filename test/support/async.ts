/** Waiting helpers shared by the adapter and mock API tests: the package's own, and a plain sleep. */
export { rejection, until } from '../../src/testing/checks.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The waits (in ms) given to setTimeout from now until `stop()`, the timers still running as
 * asked. The poller's pace is checked by what it asks for, not by clock readings on a machine
 * that may be busy; how late timers really fire is BENCHMARKS.md's ("Adapters").
 */
export function recordWaits(): { waits: number[]; stop: () => void } {
  const waits: number[] = [];
  const real = window.setTimeout;
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    waits.push(timeout ?? 0);
    return real(handler, timeout, ...rest);
  }) as typeof window.setTimeout;
  return { waits, stop: () => (window.setTimeout = real) };
}
