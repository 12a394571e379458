/**
 * A BookingAdapter whose implementation is imported on its first call. An element with `api-base`
 * needs an adapter at once (its `activeAdapter` is synchronous), but a page that gives its own
 * adapter should never download RestAdapter and what only it uses: this stands in until then.
 */
import type {
  AppointmentQuery,
  AppointmentWatchEvents,
  AvailabilityQuery,
  BookingAdapter,
  CallOptions,
  CancelOptions,
  Unsubscribe,
  ValidateOptions,
  WatchOptions,
  WriteOptions,
} from './booking-adapter.js';
import { BookingError } from './errors.js';
import type { Appointment, AppointmentRequest, Availability, Location, Provider, Service, ValidationResult } from '../model/schemas.js';

/** What LazyAdapter stands in for: it always offers the dry run, so what it loads must too. */
export type LoadedAdapter = BookingAdapter & Required<Pick<BookingAdapter, 'validateRequest'>>;

export class LazyAdapter implements BookingAdapter {
  private readonly load: () => Promise<LoadedAdapter>;
  private loading?: Promise<LoadedAdapter>;

  /** `load` is called on the first call, and again after a load that failed. */
  constructor(load: () => Promise<LoadedAdapter>) {
    this.load = load;
  }

  private loaded(): Promise<LoadedAdapter> {
    this.loading ??= this.load().catch((cause: unknown) => {
      // A download that failed (offline, say) is tried again by the next call, as a request would be.
      this.loading = undefined;
      throw new BookingError('network', 'The booking code could not be downloaded.', { cause });
    });
    return this.loading;
  }

  async listProviders(options?: CallOptions): Promise<Provider[]> {
    return (await this.loaded()).listProviders(options);
  }

  async listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return (await this.loaded()).listLocations(providerId, options);
  }

  async listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    return (await this.loaded()).listServices(providerId, locationId, options);
  }

  async getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return (await this.loaded()).getAvailability(query, options);
  }

  async listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]> {
    return (await this.loaded()).listAppointments(query, options);
  }

  async requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return (await this.loaded()).requestAppointment(request, options);
  }

  async changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return (await this.loaded()).changeAppointment(id, request, options);
  }

  async cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    return (await this.loaded()).cancelAppointment(id, options);
  }

  async validateRequest(request: AppointmentRequest, options?: ValidateOptions): Promise<ValidationResult> {
    return (await this.loaded()).validateRequest(request, options);
  }

  watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe {
    let stopped = false;
    let stop: Unsubscribe | undefined;
    void this.loaded().then(
      (adapter) => {
        if (!stopped) stop = adapter.watchAppointments(events, options);
      },
      (error: unknown) => {
        // Nothing is watched: the watcher hears why, and watches again to retry (as after any error).
        if (!stopped) events.onError?.(error);
      },
    );
    return () => {
      stopped = true;
      stop?.();
    };
  }
}
