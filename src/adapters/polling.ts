/**
 * Watching a list of appointments by asking again: for backends that cannot push. Polls at a
 * steady pace, backs off after failures, and pauses while the page is hidden, since nobody is
 * looking and a phone's battery is.
 */
import type { Appointment } from '../model/schemas.js';
import type { AppointmentWatchEvents, Unsubscribe } from './booking-adapter.js';

export interface PollingOptions {
  /** Milliseconds between polls while all is well. */
  intervalMs: number;
  /** The longest wait after repeated failures. */
  maxIntervalMs: number;
}

const versionOf = (appointment: Appointment) => `${appointment.status}|${appointment.updatedAt}`;

export function pollAppointments(
  load: (signal: AbortSignal) => Promise<Appointment[]>,
  events: AppointmentWatchEvents,
  options: PollingOptions,
): Unsubscribe {
  const known = new Map<string, string>();
  let first = true;
  let delay = options.intervalMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;
  let stopped = false;
  const hidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped && !hidden()) timer = setTimeout(poll, delay);
  };

  async function poll() {
    if (stopped || inFlight) return;
    inFlight = new AbortController();
    try {
      const appointments = await load(inFlight.signal);
      if (stopped) return;
      const changed = appointments.filter((appointment) => known.get(appointment.id) !== versionOf(appointment));
      const present = new Set(appointments.map((appointment) => appointment.id));
      const removed = [...known.keys()].some((id) => !present.has(id));
      known.clear();
      for (const appointment of appointments) known.set(appointment.id, versionOf(appointment));
      if (first || changed.length || removed) events.onChange(appointments, changed);
      first = false;
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
    else void poll(); // coming back: show what changed while away, at once
  };
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  void poll();

  return () => {
    stopped = true;
    clearTimeout(timer);
    inFlight?.abort();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility);
  };
}
