/**
 * The practice's side of a backend, as `<appointment-requests>` needs it: the requests waiting
 * and the therapist's two answers. One interface with interchangeable implementations, like
 * BookingAdapter: RestPracticeAdapter speaks the contract's practice API (docs/rest-api.md),
 * MemoryPracticeAdapter runs over an in-memory Practice (tests, demos), and a portal implements
 * it over its own API.
 */
import { createContext } from '@lit/context';
import type { PracticeAppointment, PracticeAppointmentQuery } from '../model/practice-api-schemas.js';
import type { CallOptions, Unsubscribe, WatchOptions } from './booking-adapter.js';

export type { PracticeAppointmentQuery } from '../model/practice-api-schemas.js';

/** How a watcher hears of the practice's appointments. */
export interface PracticeWatchEvents {
  /** The full current list, each time it is read again. */
  onChange(appointments: PracticeAppointment[]): void;
  /** A failed refresh (a 401 among them); watching goes on. */
  onError?(error: unknown): void;
}

export interface PracticeAdapter {
  /** The appointments staff may see (a therapist only their own), soonest first. */
  listAppointments(query?: PracticeAppointmentQuery, options?: CallOptions): Promise<PracticeAppointment[]>;
  /** Confirms a waiting request; refused (409) when it is no longer waiting or its time no longer fits. */
  confirm(appointmentId: string, options?: CallOptions): Promise<PracticeAppointment>;
  /** Declines a waiting request; `note` is shown to the client and e-mailed to them. */
  decline(appointmentId: string, note?: string, options?: CallOptions): Promise<PracticeAppointment>;
  /** Tells `events` about the appointments matching `query` now and as they change (pushed where the backend can, polled otherwise). */
  watchAppointments(query: PracticeAppointmentQuery, events: PracticeWatchEvents, options?: WatchOptions): Unsubscribe;
}

/** Provide a PracticeAdapter under this key and `<appointment-requests>` below uses it. */
export const practiceAdapterContext = createContext<PracticeAdapter | undefined>(Symbol('practice-adapter'));
