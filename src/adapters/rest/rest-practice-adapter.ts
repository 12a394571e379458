/**
 * A PracticeAdapter speaking the contract's practice API (docs/rest-api.md, "The practice API")
 * with `fetch`, over the same RestTransport as RestAdapter: a time limit per call, reads tried
 * again with backoff, every failure a BookingError, every answer checked against its schema.
 * Staff are signed in by a session cookie (staff-sign-in.ts) or a portal's JWT with
 * `role: "staff"` (a `headers` function sending `Authorization: Bearer …`).
 */
import type { PracticeAppointment } from '../../model/practice-api-schemas.js';
import { practiceAppointmentListSchema, practiceAppointmentSchema } from '../../model/practice-api-schemas.js';
import type { CallOptions, Unsubscribe, WatchOptions } from '../booking-adapter.js';
import { watchLive } from '../live-watch.js';
import { type PollingAdapterOptions, type PollingOptions, poll, pollingFor, pollingOptions } from '../polling.js';
import type { PracticeAdapter, PracticeAppointmentQuery, PracticeWatchEvents } from '../practice-adapter.js';
import { followEventStream } from './event-stream.js';
import { type GivenTransport, type RestTransport, type RestTransportOptions, transportOf } from './rest-transport.js';

/** `pollIntervalMs` is 15 000 by default: a therapist's inbox should feel live. */
export interface RestPracticeAdapterOptions extends RestTransportOptions, PollingAdapterOptions {}

const path = (id: string, action: 'confirm' | 'decline') => `/practice/appointments/${encodeURIComponent(id)}/${action}`;

export class RestPracticeAdapter implements PracticeAdapter {
  private readonly transport: RestTransport;
  private readonly polling: PollingOptions;

  /** Where the API is and how to call it, or a ready `transport` (shared with other adapters, say). */
  constructor(options: RestPracticeAdapterOptions | (GivenTransport & PollingAdapterOptions)) {
    this.transport = transportOf(options);
    this.polling = pollingOptions(options, 15_000);
  }

  async listAppointments(query: PracticeAppointmentQuery = {}, options?: CallOptions): Promise<PracticeAppointment[]> {
    const answer = await this.transport.send({
      method: 'GET',
      path: '/practice/appointments',
      query: {
        status: query.statuses?.length ? query.statuses.join(',') : undefined,
        provider: query.providerId,
        start: query.start,
        end: query.end,
      },
      schema: practiceAppointmentListSchema,
      what: "the practice's appointments",
      options,
    });
    return answer.appointments;
  }

  /**
   * Not retried here: a confirm that did arrive would be refused the second time (409, "not
   * waiting any more"). The element says what happened and offers Try again itself.
   */
  confirm(appointmentId: string, options?: CallOptions): Promise<PracticeAppointment> {
    return this.transport.send({
      method: 'POST',
      path: path(appointmentId, 'confirm'),
      body: {},
      schema: practiceAppointmentSchema,
      what: 'the confirmed appointment',
      options,
    });
  }

  decline(appointmentId: string, note?: string, options?: CallOptions): Promise<PracticeAppointment> {
    return this.transport.send({
      method: 'POST',
      path: path(appointmentId, 'decline'),
      body: note ? { note } : {},
      schema: practiceAppointmentSchema,
      what: 'the declined appointment',
      options,
    });
  }

  /**
   * Follows `GET /practice/appointments/events` where the backend offers it, loading the list
   * (with `query`) after each `ready` and after events (a burst of them, once or twice), rather
   * than merging: an event says nothing of the query or of the conflicts. Conflicts change with
   * the clock and the hours too, so the list is also polled all along, every
   * `options.pollIntervalMs` (the adapter's `pollIntervalMs` otherwise), as where there is no
   * stream. Every list loaded is reported.
   */
  watchAppointments(query: PracticeAppointmentQuery, events: PracticeWatchEvents, options?: WatchOptions): Unsubscribe {
    const polling = pollingFor(this.polling, options);
    const load = (signal: AbortSignal) => this.listAppointments(query, { signal });
    const onList = (appointments: PracticeAppointment[]) => events.onChange(appointments);
    const onError = (error: unknown) => events.onError?.(error);
    return watchLive({
      follow: (handlers) => followEventStream(this.transport, '/practice/appointments/events', handlers),
      load,
      onList,
      onError,
      poll: () => poll(load, { onValue: onList, onError }, polling),
      retry: polling,
      keepPolling: true,
    });
  }
}
