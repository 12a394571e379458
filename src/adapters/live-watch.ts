/**
 * "Pushed where the backend can, polled otherwise", written once for every watch of a list (the
 * client's appointments, the practice's): follow the backend's live events, load the whole list
 * after each `ready` (so history the server no longer has is never missed, only slower), take
 * each event in, and poll instead when the backend offers no stream. The stream stays open while
 * the page is hidden (it costs nothing); a fallback poller rests then, as polling always has.
 *
 * A stream that is offered but not live (no `ready` yet a moment after connecting, refused, cut
 * off and not yet back) is polled around meanwhile: a proxy that holds the whole answer back, or
 * a stream refused while plain calls get through, must not leave a page with no list at all.
 * Polling stops again at the next `ready`.
 */
import type { Appointment } from '../model/schemas.js';
import type { Unsubscribe } from './booking-adapter.js';
import type { PollingOptions } from './polling.js';
import type { EventStreamHandlers } from './rest/event-stream.js';

export interface LiveWatchPlan<T> {
  /** Follows the live events (followEventStream over the adapter's transport, say). */
  follow(handlers: EventStreamHandlers): Unsubscribe;
  /** Loads the whole list: after each `ready`, and after events when there is no `onAppointment`. */
  load(signal: AbortSignal): Promise<T>;
  /** Each list loaded. */
  onList(list: T): void;
  /**
   * An `appointment` event's data, for a watcher that takes events in one by one; it may throw
   * (a malformed event), which goes to `onError` and the watch goes on. Without it, each event
   * is answered by loading the list again, a burst of events by one or two loads.
   */
  onAppointment?(data: string): void;
  /** A failure: a connection refused, a load failed, an event not understood. Watching goes on. */
  onError(error: unknown): void;
  /** Watches by polling instead: while the stream is not live, and for good when the backend offers none. */
  poll(): Unsubscribe;
  /** After a failed load: the first wait before loading again, and the longest after repeated failures. */
  retry: PollingOptions;
  /** How long the stream may be connecting (or reconnecting) without a `ready` before polling fills in. Default 2000 ms. */
  pollAfterMs?: number;
  /**
   * Polls all along, live or not, the stream only making changes show sooner: for a list that
   * changes with the clock too (the practice's conflicts: a request whose time has passed).
   */
  keepPolling?: boolean;
}

/** Watches as `plan` says until the returned function is called. */
export function watchLive<T>(plan: LiveWatchPlan<T>): Unsubscribe {
  let stopped = false;
  let stopPolling: Unsubscribe | undefined;
  let loading: AbortController | undefined;
  let loadAgain = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = plan.retry.intervalMs;

  const report = (error: unknown) => {
    if (!stopped) plan.onError(error);
  };

  /** Loads the list, one load at a time: asked during one, it loads once more after it. */
  async function reload(): Promise<void> {
    if (stopped) return;
    if (loading) {
      loadAgain = true;
      return;
    }
    clearTimeout(retryTimer);
    loadAgain = false;
    loading = new AbortController();
    try {
      const list = await plan.load(loading.signal);
      if (stopped) return;
      retryDelay = plan.retry.intervalMs;
      plan.onList(list);
    } catch (error) {
      if (stopped) return;
      report(error);
      // Until the next event or `ready`, nothing else would bring the list up to date.
      retryTimer = setTimeout(() => void reload(), retryDelay);
      retryDelay = Math.min(plan.retry.maxIntervalMs, retryDelay * 2);
    } finally {
      loading = undefined;
    }
    if (loadAgain) void reload();
  }

  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const startPolling = () => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
    if (!stopped && !stopPolling) stopPolling = plan.poll();
  };
  /** The stream is not live: poll unless it is within a moment of being so. */
  const notLive = () => {
    if (stopped || stopPolling || graceTimer !== undefined) return;
    graceTimer = setTimeout(startPolling, plan.pollAfterMs ?? 2000);
  };
  const live = () => {
    clearTimeout(graceTimer);
    graceTimer = undefined;
    if (plan.keepPolling) return;
    stopPolling?.();
    stopPolling = undefined;
  };

  if (plan.keepPolling) startPolling();
  else notLive();
  const stopFollowing = plan.follow({
    onEvent(event) {
      if (stopped) return;
      if (event.type === 'ready') {
        live();
        void reload();
      }
      else if (event.type === 'appointment') {
        if (!plan.onAppointment) return void reload();
        try {
          plan.onAppointment(event.data);
        } catch (error) {
          report(error);
        }
      }
      // Other event types are not the contract's (yet): ignored, as EventSource would.
    },
    onNotOffered: startPolling,
    onError(error) {
      report(error);
      notLive();
    },
    onClosed: notLive,
  });

  return () => {
    if (stopped) return;
    stopped = true;
    stopFollowing();
    stopPolling?.();
    loading?.abort();
    clearTimeout(retryTimer);
    clearTimeout(graceTimer);
  };
}

const versionOf = (appointment: Appointment) => `${appointment.status}|${appointment.updatedAt}`;
/**
 * Whether `incoming` predates `known`. An event wins a tie: events come in the order the changes
 * were made, and two changes in one millisecond (a backend whose `updatedAt` does not move on, or
 * a frozen test clock) carry the same `updatedAt`.
 */
const isEarlier = (incoming: Appointment, known: Appointment) => Date.parse(incoming.updatedAt) < Date.parse(known.updatedAt);
const isSame = (a: Appointment, b: Appointment) => JSON.stringify(a) === JSON.stringify(b);

/** What a watcher is told: the whole list and what changed in it. */
export interface AppointmentListReport {
  appointments: Appointment[];
  changed: Appointment[];
}

/**
 * A client's appointments as a watch knows them, from whole lists (a poll, a load after `ready`)
 * and single appointments (events), saying each time what changed, or nothing when nothing did.
 * An appointment known in two versions keeps the one updated later: an event that arrives while
 * a load is on its way is newer than that load's answer, and is not undone by it.
 */
export class AppointmentList {
  private appointments: Appointment[] | undefined;
  /** Events since the load under way began: its answer may predate them. */
  private readonly sinceLoad = new Map<string, Appointment>();

  /** A load of the whole list begins: events from now on may be newer than its answer. */
  loadStarted(): void {
    this.sinceLoad.clear();
  }

  /** A whole list, as the server answered: a report unless it is the same list as before (in any order). */
  replace(listed: Appointment[]): AppointmentListReport | undefined {
    const appointments = listed.map((appointment) => {
      const newer = this.sinceLoad.get(appointment.id);
      return newer && !isEarlier(newer, appointment) ? newer : appointment;
    });
    const present = new Set(appointments.map((appointment) => appointment.id));
    for (const [id, appointment] of this.sinceLoad) if (!present.has(id)) insertByStart(appointments, appointment);
    this.sinceLoad.clear();

    const before = this.appointments;
    this.appointments = appointments;
    if (!before) return { appointments, changed: appointments };
    const known = new Map(before.map((appointment) => [appointment.id, versionOf(appointment)]));
    const changed = appointments.filter((appointment) => known.get(appointment.id) !== versionOf(appointment));
    const removed = before.some((appointment) => !present.has(appointment.id));
    return changed.length || removed ? { appointments, changed } : undefined;
  }

  /**
   * One appointment, as an event brought it: a report when it is new, or differs from the version
   * known and was not updated before it. Before the first list there is nothing to report it in: it waits for that list.
   */
  merge(appointment: Appointment): AppointmentListReport | undefined {
    const pending = this.sinceLoad.get(appointment.id);
    if (!pending || !isEarlier(appointment, pending)) this.sinceLoad.set(appointment.id, appointment);
    if (!this.appointments) return undefined;
    const index = this.appointments.findIndex((known) => known.id === appointment.id);
    const known = index === -1 ? undefined : this.appointments[index];
    if (known && (isEarlier(appointment, known) || isSame(appointment, known))) return undefined;
    const appointments = [...this.appointments];
    if (index === -1) insertByStart(appointments, appointment);
    else appointments[index] = appointment;
    this.appointments = appointments;
    return { appointments, changed: [appointment] };
  }
}

/** Adds an appointment the list did not have where GET /appointments would list it: before the first that starts later. */
function insertByStart(appointments: Appointment[], appointment: Appointment): void {
  const later = appointments.findIndex((known) => Date.parse(known.start) > Date.parse(appointment.start));
  appointments.splice(later === -1 ? appointments.length : later, 0, appointment);
}
