/**
 * The client's appointments as every element on a page sees them: one store per adapter, so
 * elements given the same adapter (and elements with the same `api-base`, which share one
 * adapter: see shared-adapters.ts) keep one watch of the backend between them, and each hears at
 * once, in the same task, of what any of them learnt first-hand: a request, a change, a
 * cancellation. Without it two elements side by side disagreed until the next poll.
 */
import type { AppointmentWatchEvents, BookingAdapter, Unsubscribe } from '../../adapters/booking-adapter.js';
import type { Appointment } from '../../model/schemas.js';

export interface AppointmentStoreListener {
  /**
   * The whole list as it now stands. `fromWatch`: it came from the backend (a poll or a pushed
   * change), not from something learnt first-hand on this page.
   */
  onList(appointments: Appointment[], fromWatch: boolean): void;
  /** A refresh failed; the store keeps the list it had and watching goes on. */
  onError(error: unknown): void;
}

export interface AppointmentStoreSubscription {
  /** How often this subscriber wants the list asked again, where the backend cannot push. */
  pollIntervalMs?: number;
}

interface Subscriber extends AppointmentStoreSubscription {
  listener: AppointmentStoreListener;
}

const stores = new WeakMap<BookingAdapter, AppointmentStore>();

export class AppointmentStore {
  /** The store of `adapter`, made on first use: one per adapter object on the page. */
  static of(adapter: BookingAdapter): AppointmentStore {
    let store = stores.get(adapter);
    if (!store) {
      store = new AppointmentStore(adapter);
      stores.set(adapter, store);
    }
    return store;
  }

  /** The list as last delivered; undefined before the first. */
  appointments?: Appointment[];

  private readonly subscribers = new Set<Subscriber>();
  /** Versions learnt first-hand, newer than the watch's, kept until the watch catches up. */
  private readonly local = new Map<string, Appointment>();
  private watch?: { stop?: Unsubscribe; intervalMs?: number };
  /** What subscribers announce in the delivery under way: one voice per change, not one per element. */
  private claims = new Set<string>();
  private pacing = false;

  private constructor(private readonly adapter: BookingAdapter) {}

  /**
   * Hears the list from now on (at once, when one is known); the backend is watched while anyone
   * listens, at the shortest interval asked for. Returns the function that stops listening.
   */
  subscribe(listener: AppointmentStoreListener, options: AppointmentStoreSubscription = {}): Unsubscribe {
    const subscriber: Subscriber = { listener, ...options };
    this.subscribers.add(subscriber);
    if (this.appointments) listener.onList(this.appointments, false);
    this.paceSoon();
    return () => {
      if (!this.subscribers.delete(subscriber)) return;
      if (this.subscribers.size) return this.paceSoon();
      this.stopWatching();
      // Nobody is looking: what was known is not handed to whoever signs in next on this page.
      this.appointments = undefined;
      this.local.clear();
    };
  }

  /** Watches afresh at once (Try again, back online, signed in): every subscriber hears the result. */
  refresh(): void {
    this.stopWatching();
    this.watchAtPace();
  }

  /**
   * Appointments learnt first-hand (a request, a change, a cancellation): every subscriber hears
   * the list with them now. `claimed`: announcements the caller makes itself, which others keep
   * quiet about (see claim).
   */
  learn(appointments: readonly Appointment[], claimed: readonly string[] = []): void {
    for (const appointment of appointments) this.local.set(appointment.id, appointment);
    // Before the first list there is nothing to add to; the watch's list brings these with the rest.
    if (!this.appointments) return;
    const merged = new Map(this.appointments.map((appointment) => [appointment.id, appointment]));
    for (const appointment of appointments) merged.set(appointment.id, appointment);
    this.deliver([...merged.values()], false, claimed);
  }

  /**
   * Whether the caller is the first, in this delivery, to announce `key` (an appointment's new
   * status, say): the others stay quiet, so a screen reader hears a change once, not once per
   * element on the page.
   */
  claim(key: string): boolean {
    if (this.claims.has(key)) return false;
    this.claims.add(key);
    return true;
  }

  /**
   * Watches at the pace asked for once the current task's subscribers are in: elements connected
   * together (a page loading) start one watch, not one that the next restarts at another pace.
   */
  private paceSoon(): void {
    if (this.pacing) return;
    this.pacing = true;
    queueMicrotask(() => {
      this.pacing = false;
      if (this.subscribers.size) this.watchAtPace();
    });
  }

  private watchAtPace(): void {
    const intervals = [...this.subscribers].flatMap((subscriber) => (subscriber.pollIntervalMs ? [subscriber.pollIntervalMs] : []));
    const intervalMs = intervals.length ? Math.min(...intervals) : undefined;
    if (this.watch && this.watch.intervalMs === intervalMs) return;
    this.stopWatching();
    const watch: NonNullable<AppointmentStore['watch']> = { intervalMs };
    this.watch = watch;
    const events: AppointmentWatchEvents = {
      // The adapter may call back before watchAppointments returns; `watch` tells stale callbacks apart.
      onChange: (appointments) => {
        if (this.watch === watch) this.fromWatch(appointments);
      },
      onError: (error) => {
        if (this.watch !== watch) return;
        for (const { listener } of [...this.subscribers]) listener.onError(error);
      },
    };
    const stop = this.adapter.watchAppointments(events, intervalMs ? { pollIntervalMs: intervalMs } : {});
    if (this.watch === watch) watch.stop = stop;
    else stop();
  }

  private stopWatching(): void {
    const stop = this.watch?.stop;
    this.watch = undefined;
    stop?.();
  }

  private fromWatch(incoming: Appointment[]): void {
    const merged = new Map(incoming.map((appointment) => [appointment.id, appointment]));
    // A poll sent before our own change answers with the old version: the newer one wins.
    for (const [id, mine] of this.local) {
      const theirs = merged.get(id);
      if (!theirs || Date.parse(mine.updatedAt) > Date.parse(theirs.updatedAt)) merged.set(id, mine);
      else this.local.delete(id);
    }
    this.deliver([...merged.values()], true);
  }

  private deliver(appointments: Appointment[], fromWatch: boolean, claimed: readonly string[] = []): void {
    this.appointments = appointments;
    this.claims = new Set(claimed);
    try {
      for (const { listener } of [...this.subscribers]) listener.onList(appointments, fromWatch);
    } finally {
      this.claims = new Set();
    }
  }
}
