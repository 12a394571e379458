/**
 * A BookingAdapter speaking the REST contract of docs/rest-api.md with `fetch`, over RestTransport
 * (rest-transport.ts). Reads are retried with backoff when the network or server fails; writes are
 * not retried here but carry an Idempotency-Key header, so the element can safely send them again
 * with the same key.
 */
import {
  type Appointment,
  type AppointmentRequest,
  type Availability,
  type Location,
  type Provider,
  type Service,
  type ValidationResult,
  appointmentListSchema,
  appointmentSchema,
  availabilitySchema,
  locationListSchema,
  providerListSchema,
  serviceListSchema,
  validationResultSchema,
} from '../../model/schemas.js';
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
} from '../booking-adapter.js';
import { AppointmentList, watchLive } from '../live-watch.js';
import { parseResponse } from '../parse.js';
import { type PollingAdapterOptions, type PollingOptions, poll, pollingFor, pollingOptions } from '../polling.js';
import { followEventStream, parseEventData } from './event-stream.js';
import { type CallPlan, type GivenTransport, type RestTransport, type RestTransportOptions, transportOf } from './rest-transport.js';

/** `pollIntervalMs` is 30 000 by default: a client's list may lag a little. */
export interface RestAdapterOptions extends RestTransportOptions, PollingAdapterOptions {}

export class RestAdapter implements BookingAdapter {
  private readonly transport: RestTransport;
  private readonly polling: PollingOptions;

  /** Where the API is and how to call it, or a ready `transport` (shared with other adapters, say). */
  constructor(options: RestAdapterOptions | (GivenTransport & PollingAdapterOptions)) {
    this.transport = transportOf(options);
    this.polling = pollingOptions(options, 30_000);
  }

  private send<T>(plan: CallPlan<T>): Promise<T> {
    return this.transport.send(plan);
  }

  async listProviders(options?: CallOptions): Promise<Provider[]> {
    const plan = { method: 'GET', path: '/providers', schema: providerListSchema, what: 'providers', options } as const;
    return (await this.send(plan)).providers;
  }

  async listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    const path = `/providers/${encodeURIComponent(providerId)}/locations`;
    return (await this.send({ method: 'GET', path, schema: locationListSchema, what: 'locations', options })).locations;
  }

  async listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    const path = `/providers/${encodeURIComponent(providerId)}/locations/${encodeURIComponent(locationId)}/services`;
    return (await this.send({ method: 'GET', path, schema: serviceListSchema, what: 'services', options })).services;
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return this.send({
      method: 'GET',
      path: '/availability',
      query: {
        provider: query.providerId,
        location: query.locationId,
        service: query.serviceId,
        start: query.start,
        end: query.end,
        exceptAppointmentId: query.exceptAppointmentId,
      },
      schema: availabilitySchema,
      what: 'availability',
      options,
    });
  }

  async listAppointments(query: AppointmentQuery = {}, options?: CallOptions): Promise<Appointment[]> {
    const plan = {
      method: 'GET',
      path: '/appointments',
      query: { start: query.start, end: query.end },
      schema: appointmentListSchema,
      what: 'appointments',
      options,
    } as const;
    return (await this.send(plan)).appointments;
  }

  requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.send({
      method: 'POST',
      path: '/appointments',
      body: request,
      schema: appointmentSchema,
      what: 'the new appointment',
      options,
      idempotencyKey: options.idempotencyKey,
    });
  }

  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.send({
      method: 'PUT',
      path: `/appointments/${encodeURIComponent(id)}`,
      body: request,
      schema: appointmentSchema,
      what: 'the changed appointment',
      options,
      idempotencyKey: options.idempotencyKey,
    });
  }

  cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    return this.send({
      method: 'POST',
      path: `/appointments/${encodeURIComponent(id)}/cancel`,
      body: options.reason ? { reason: options.reason } : {},
      schema: appointmentSchema,
      what: 'the cancelled appointment',
      options,
      idempotencyKey: options.idempotencyKey,
    });
  }

  validateRequest(request: AppointmentRequest, options?: ValidateOptions): Promise<ValidationResult> {
    return this.send({
      method: 'POST',
      path: '/appointments/validate',
      query: { exceptAppointmentId: options?.exceptAppointmentId },
      body: request,
      schema: validationResultSchema,
      what: 'the validation',
      options,
    });
  }

  /**
   * Follows `GET /appointments/events` where the backend offers it: the list loaded after each
   * `ready`, each `appointment` event merged in (the version updated later wins). Where it does
   * not (404, 405, 501), and while the stream is not live, polls `GET /appointments` every
   * `options.pollIntervalMs` (the adapter's `pollIntervalMs` otherwise). One list for both, so a
   * watcher hears of a change once, whichever way it came.
   */
  watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe {
    const polling = pollingFor(this.polling, options);
    const list = new AppointmentList();
    const load = (signal: AbortSignal) => {
      list.loadStarted();
      return this.listAppointments({}, { signal });
    };
    const report = (news: ReturnType<AppointmentList['replace']>) => {
      if (news) events.onChange(news.appointments, news.changed);
    };
    const onList = (appointments: Appointment[]) => report(list.replace(appointments));
    const onError = (error: unknown) => events.onError?.(error);
    return watchLive({
      follow: (handlers) => followEventStream(this.transport, '/appointments/events', handlers),
      load,
      onList,
      onAppointment: (data) => report(list.merge(parseResponse(appointmentSchema, parseEventData(data), 'an appointment event'))),
      onError,
      poll: () => poll(load, { onValue: onList, onError }, polling),
      retry: polling,
    });
  }
}
