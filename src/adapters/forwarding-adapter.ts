/**
 * A BookingAdapter that hands every call to another adapter through one method, `forward`: for an
 * adapter that adds one thing to every call of another (LazyAdapter loads it first, the elements'
 * TimedAdapter times it), so the list of calls is written once, not once per such adapter.
 */
import type {
  AppointmentQuery,
  AppointmentWatchEvents,
  AvailabilityQuery,
  BookingAdapter,
  CallOptions,
  CancelOptions,
  Unsubscribe,
  WatchOptions,
  WriteOptions,
} from './booking-adapter.js';
import type { Appointment, AppointmentRequest, Availability, Location, Provider, Service } from '../model/schemas.js';

/** Every call an adapter answers, by name (a watch is no call: it goes on). */
export type AdapterOperation = Exclude<keyof BookingAdapter, 'watchAppointments'>;

export abstract class ForwardingAdapter implements BookingAdapter {
  /** Makes `call` on the adapter forwarded to, with `options` as this adapter passes them on. */
  protected abstract forward<T, O extends CallOptions | undefined>(
    operation: AdapterOperation,
    options: O,
    call: (adapter: BookingAdapter, options: O) => Promise<T>,
  ): Promise<T>;

  abstract watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe;

  listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.forward('listProviders', options, (adapter, given) => adapter.listProviders(given));
  }

  listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return this.forward('listLocations', options, (adapter, given) => adapter.listLocations(providerId, given));
  }

  listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    return this.forward('listServices', options, (adapter, given) => adapter.listServices(providerId, locationId, given));
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return this.forward('getAvailability', options, (adapter, given) => adapter.getAvailability(query, given));
  }

  listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]> {
    return this.forward('listAppointments', options, (adapter, given) => adapter.listAppointments(query, given));
  }

  requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.forward('requestAppointment', options, (adapter, given) => adapter.requestAppointment(request, given));
  }

  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.forward('changeAppointment', options, (adapter, given) => adapter.changeAppointment(id, request, given));
  }

  cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    return this.forward('cancelAppointment', options, (adapter, given) => adapter.cancelAppointment(id, given));
  }
}
