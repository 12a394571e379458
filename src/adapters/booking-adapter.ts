/**
 * The one interface between the elements and a practice's backend, and the context key through
 * which a page provides it to every element at once. Implementations: MemoryAdapter (in the
 * browser, for demos, tests and offline prototypes) and RestAdapter (the documented REST
 * contract); a portal can write its own against its API.
 *
 * Every method resolves with data checked against the schemas in `model/`, or rejects with a
 * BookingError.
 */
import { createContext } from '@lit/context';
import type {
  Appointment,
  AppointmentRequest,
  Availability,
  Location,
  Provider,
  Service,
  ValidationResult,
} from '../model/schemas.js';

export interface CallOptions {
  /** Aborts the call; it then rejects with a BookingError of code `aborted`. */
  signal?: AbortSignal;
  /**
   * The longest the call may take in all (every attempt), in milliseconds, before it fails as a
   * `timeout`; the adapter's own default otherwise. A slow answer is waited for until then.
   */
  timeoutMs?: number;
}

export interface WriteOptions extends CallOptions {
  /**
   * Identifies this intended change across retries: sending the same key again returns the
   * first result instead of acting twice. Make one per intention (`createIdempotencyKey`).
   */
  idempotencyKey: string;
}

export interface AvailabilityQuery {
  providerId: string;
  locationId: string;
  serviceId: string;
  /** ISO instants bounding the visible range. */
  start: string;
  end: string;
  /**
   * The client's appointment being changed: its own time counts as open, since a change may move
   * it onto (part of) its old time.
   */
  exceptAppointmentId?: string;
}

export interface ValidateOptions extends CallOptions {
  /** The client's appointment being changed: the request may overlap its old time. */
  exceptAppointmentId?: string;
}

/** How a watch is kept up where the backend cannot push. */
export interface WatchOptions {
  /** Milliseconds between polls while all is well; the adapter's own default otherwise. */
  pollIntervalMs?: number;
}

export interface AppointmentQuery {
  /** Only appointments ending after this instant. */
  start?: string;
  /** Only appointments starting before this instant. */
  end?: string;
}

export interface CancelOptions extends WriteOptions {
  /** The client's reason, passed on to the therapist. */
  reason?: string;
}

/** How a watcher hears of the client's appointments. */
export interface AppointmentWatchEvents {
  /** The full current list, each time any appointment is added or changes. */
  onChange(appointments: Appointment[], changed: Appointment[]): void;
  /** A failed refresh; watching goes on. */
  onError?(error: unknown): void;
}

/** Stops a watch. */
export type Unsubscribe = () => void;

export interface BookingAdapter {
  /** Every therapist of the practice, with whether each takes requests online. */
  listProviders(options?: CallOptions): Promise<Provider[]>;
  /** The locations where a therapist sees clients. */
  listLocations(providerId: string, options?: CallOptions): Promise<Location[]>;
  /** The services a therapist offers at a location. */
  listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]>;
  /** Bookable time for one provider, location and service over a range. */
  getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability>;
  /** The signed-in client's appointments and requests. */
  listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]>;
  /** Asks for a time; resolves with the new appointment, status `unconfirmed`. */
  requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment>;
  /** Moves an appointment to another time (it becomes a request again). */
  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment>;
  /** Cancels an appointment or withdraws a request. */
  cancelAppointment(id: string, options: CancelOptions): Promise<Appointment>;
  /** Checks a request against every rule without sending it (optional: a dry run). */
  validateRequest?(request: AppointmentRequest, options?: ValidateOptions): Promise<ValidationResult>;
  /**
   * Tells `events` about the client's appointments now and whenever one changes (a therapist
   * confirms or declines, say): pushed where the backend can, polled otherwise (every
   * `options.pollIntervalMs`, when given).
   */
  watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe;
}

/** Provide a BookingAdapter under this key and every element below uses it. */
export const bookingAdapterContext = createContext<BookingAdapter | undefined>(Symbol('booking-adapter'));
