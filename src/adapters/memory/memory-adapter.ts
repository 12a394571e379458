/**
 * A BookingAdapter over a Practice in the same page: for demos, tests and prototypes with no
 * server. Answers are parsed like a network answer (so each call returns fresh copies that the
 * caller may change freely), optionally after a delay, and status changes are pushed.
 */
import type { ZodMiniType } from 'zod/mini';
import {
  type Appointment,
  type AppointmentRequest,
  type Availability,
  type Location,
  type Provider,
  type Service,
  type ValidationResult,
  appointmentSchema,
  availabilitySchema,
  locationSchema,
  providerSchema,
  serviceSchema,
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
  WriteOptions,
} from '../booking-adapter.js';
import { BookingError } from '../errors.js';
import { parseResponse } from '../parse.js';
import { Practice } from './practice.js';
import type { PracticeData } from './practice-data.js';
import * as z from 'zod/mini';

export interface MemoryAdapterOptions {
  /** The practice to book with: a shared Practice, or data to start a private one from. */
  practice: Practice | PracticeData;
  /** The signed-in client. */
  clientId: string;
  /** Milliseconds each call waits before answering, to show loading states. */
  latency?: number;
}

function aborted(): BookingError {
  return new BookingError('aborted', 'The request was cancelled.');
}

/**
 * Runs `work` after `latency` milliseconds, honouring `signal`, and parses what it returns like a
 * network answer (a fresh copy, checked): how every in-memory adapter answers.
 */
export async function answerLater<T>(
  latency: number,
  schema: ZodMiniType<T>,
  what: string,
  options: CallOptions | undefined,
  work: () => unknown,
): Promise<T> {
  const signal = options?.signal;
  if (signal?.aborted) throw aborted();
  if (latency > 0) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, latency);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(aborted());
        },
        { once: true },
      );
    });
  }
  return parseResponse(schema, work(), what);
}

export class MemoryAdapter implements BookingAdapter {
  readonly practice: Practice;
  private readonly clientId: string;
  private readonly latency: number;

  constructor(options: MemoryAdapterOptions) {
    this.practice = options.practice instanceof Practice ? options.practice : new Practice(options.practice);
    this.clientId = options.clientId;
    this.latency = options.latency ?? 0;
  }

  /** Runs `work` after the configured latency, honouring `signal`, and parses what it returns. */
  private answer<T>(schema: ZodMiniType<T>, what: string, options: CallOptions | undefined, work: () => unknown): Promise<T> {
    return answerLater(this.latency, schema, what, options, work);
  }

  listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.answer(z.array(providerSchema), 'providers', options, () => this.practice.providers());
  }

  listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return this.answer(z.array(locationSchema), 'locations', options, () => this.practice.locationsOf(providerId));
  }

  listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    return this.answer(z.array(serviceSchema), 'services', options, () =>
      this.practice.servicesAt(providerId, locationId),
    );
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return this.answer(availabilitySchema, 'availability', options, () => this.practice.availability(query, this.clientId));
  }

  listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]> {
    return this.answer(z.array(appointmentSchema), 'appointments', options, () =>
      this.practice.appointmentsOf(this.clientId, query),
    );
  }

  requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.answer(appointmentSchema, 'the new appointment', options, () =>
      this.practice.request(this.clientId, request, options.idempotencyKey),
    );
  }

  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.answer(appointmentSchema, 'the changed appointment', options, () =>
      this.practice.change(this.clientId, id, request, options.idempotencyKey),
    );
  }

  cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    return this.answer(appointmentSchema, 'the cancelled appointment', options, () =>
      this.practice.cancel(this.clientId, id, options.idempotencyKey, options.reason),
    );
  }

  validateRequest(request: AppointmentRequest, options?: ValidateOptions): Promise<ValidationResult> {
    return this.answer(validationResultSchema, 'the validation', options, () =>
      this.practice.validate(this.clientId, request, options?.exceptAppointmentId),
    );
  }

  watchAppointments(events: AppointmentWatchEvents): Unsubscribe {
    let active = true;
    const emit = async (changedId?: string) => {
      try {
        const appointments = await this.listAppointments();
        if (!active) return;
        const changed = changedId ? appointments.filter((a) => a.id === changedId) : appointments;
        events.onChange(appointments, changed);
      } catch (error) {
        if (active) events.onError?.(error);
      }
    };
    const unsubscribe = this.practice.subscribe(({ appointment }) => {
      if (appointment.clientId === this.clientId) void emit(appointment.id);
    });
    void emit();
    return () => {
      active = false;
      unsubscribe();
    };
  }
}
