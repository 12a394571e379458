/**
 * Watching a list of appointments by asking again: for backends that cannot push. Polls at a
 * steady pace, backs off after failures, and pauses while the page is hidden, since nobody is
 * looking and a phone's battery is.
 */
import type { Appointment } from '../model/schemas.js';
import type { AppointmentWatchEvents, Unsubscribe, WatchOptions } from './booking-adapter.js';
import { AppointmentList } from './live-watch.js';

export interface PollingOptions {
  /** Milliseconds between polls while all is well. */
  intervalMs: number;
  /** The longest wait after repeated failures. */
  maxIntervalMs: number;
}

/** How a polling adapter's options say how often to poll. */
export interface PollingAdapterOptions {
  /** Milliseconds between polls. */
  pollIntervalMs?: number;
  /** The longest wait between polls after failures. Default 5 minutes. */
  maxPollIntervalMs?: number;
}

/** PollingOptions from an adapter's options, with its own default interval. */
export function pollingOptions(options: PollingAdapterOptions, defaultIntervalMs: number): PollingOptions {
  return { intervalMs: options.pollIntervalMs ?? defaultIntervalMs, maxIntervalMs: options.maxPollIntervalMs ?? 300_000 };
}

/**
 * The adapter's pace with one watch's own interval (WatchOptions.pollIntervalMs), when that is a
 * usable number; the longest back-off is never shorter than it.
 */
export function pollingFor(adapterPace: PollingOptions, options?: WatchOptions): PollingOptions {
  const intervalMs = options?.pollIntervalMs;
  if (intervalMs === undefined || !Number.isFinite(intervalMs) || intervalMs <= 0) return adapterPace;
  return { intervalMs, maxIntervalMs: Math.max(adapterPace.maxIntervalMs, intervalMs) };
}

/** How a poller reports: each answer, and each failure (after which it waits longer). */
export interface PollEvents<T> {
  onValue(value: T): void;
  onError?(error: unknown): void;
}

/**
 * Calls `load` now and then every `intervalMs` (up to `maxIntervalMs` after failures, doubling),
 * one call at a time, resting while the page is hidden and asking at once when it is shown
 * again. Every answer goes to `onValue`. Returns the function that stops it (aborting a call on
 * its way).
 */
export function poll<T>(load: (signal: AbortSignal) => Promise<T>, events: PollEvents<T>, options: PollingOptions): Unsubscribe {
  let delay = options.intervalMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let stopped = false;
  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !hidden()) timer = setTimeout(() => void once(), delay);
  };

  async function once() {
    if (stopped || inFlight) return;
    inFlight = new AbortController();
    try {
      const value = await load(inFlight.signal);
      if (stopped) return;
      events.onValue(value);
      delay = options.intervalMs;
    } catch (error) {
      if (stopped) return;
      events.onError?.(error);
      delay = Math.min(options.maxIntervalMs, delay * 2);
    } finally {
      inFlight = undefined;
    }
    schedule();
  }

  const onVisibility = () => {
    if (hidden()) clearTimeout(timer);
    else void once(); // coming back: show what changed while away, at once
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  void once();

  return () => {
    stopped = true;
    clearTimeout(timer);
    inFlight?.abort();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Polls a list of appointments, telling `events` only when one was added, changed or removed. */
export function pollAppointments(
  load: (signal: AbortSignal) => Promise<Appointment[]>,
  events: AppointmentWatchEvents,
  options: PollingOptions,
): Unsubscribe {
  const list = new AppointmentList();
  return poll(
    load,
    {
      onValue(appointments) {
        const report = list.replace(appointments);
        if (report) events.onChange(report.appointments, report.changed);
      },
      onError: (error) => events.onError?.(error),
    },
    options,
  );
}
