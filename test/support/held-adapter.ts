/**
 * A MemoryAdapter whose answers a test can hold back and release one by one, with every call and
 * its AbortSignal recorded: how the form's races are staged without timers.
 */
import type { AppointmentQuery, AvailabilityQuery, CallOptions, WriteOptions } from '../../src/adapters/booking-adapter.js';
import type { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter, type MemoryAdapterOptions } from '../../src/adapters/memory/memory-adapter.js';
import type { Appointment, AppointmentRequest, Availability, Location, Provider, Service, ValidationResult } from '../../src/model/schemas.js';

export type HeldMethod =
  | 'listProviders'
  | 'listLocations'
  | 'listServices'
  | 'getAvailability'
  | 'listAppointments'
  | 'validateRequest'
  | 'requestAppointment'
  | 'changeAppointment';

export interface HeldCall {
  method: HeldMethod;
  args: unknown[];
  signal?: AbortSignal;
  /** Lets the answer through (the practice's own, or `error`). */
  release(error?: BookingError): void;
  /** Whether the answer has been let through. */
  released: boolean;
}

export class HeldAdapter extends MemoryAdapter {
  readonly calls: HeldCall[] = [];
  private readonly holding = new Set<HeldMethod>();
  private readonly failures = new Map<HeldMethod, BookingError[]>();

  constructor(options: MemoryAdapterOptions) {
    super(options);
  }

  /** Holds every later answer of `method` until its call is released. */
  hold(method: HeldMethod): void {
    this.holding.add(method);
  }

  /** Makes the next call of `method` fail with `error`. */
  failNext(method: HeldMethod, error: BookingError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  callsTo(method: HeldMethod): HeldCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The latest call of `method` (fails the test when there is none). */
  last(method: HeldMethod): HeldCall {
    const calls = this.callsTo(method);
    if (!calls.length) throw new Error(`no call of ${method}`);
    return calls[calls.length - 1];
  }

  private run<T>(method: HeldMethod, args: unknown[], signal: AbortSignal | undefined, act: () => Promise<T>): Promise<T> {
    let release!: (error?: BookingError) => void;
    const gate = new Promise<BookingError | undefined>((resolve) => {
      release = resolve;
    });
    const call: HeldCall = {
      method,
      args,
      signal,
      released: false,
      release: (error) => {
        call.released = true;
        release(error);
      },
    };
    this.calls.push(call);
    const failure = this.failures.get(method)?.shift();
    if (!this.holding.has(method)) call.release(failure);
    // The answer is worked out after the release, as a server answers when it gets to it; an
    // abort does not stop it, so a test sees what the form does with an answer it no longer wants.
    return gate.then((error) => {
      if (error) throw error;
      return act();
    });
  }

  override listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.run('listProviders', [], options?.signal, () => super.listProviders());
  }

  override listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return this.run('listLocations', [providerId], options?.signal, () => super.listLocations(providerId));
  }

  override listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    return this.run('listServices', [providerId, locationId], options?.signal, () => super.listServices(providerId, locationId));
  }

  override getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return this.run('getAvailability', [query], options?.signal, () => super.getAvailability(query));
  }

  override listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]> {
    return this.run('listAppointments', [query], options?.signal, () => super.listAppointments(query));
  }

  override validateRequest(request: AppointmentRequest, options?: CallOptions): Promise<ValidationResult> {
    return this.run('validateRequest', [request], options?.signal, () => super.validateRequest(request));
  }

  override requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.run('requestAppointment', [request, options], options.signal, () => super.requestAppointment(request, options));
  }

  override changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.run('changeAppointment', [id, request, options], options.signal, () => super.changeAppointment(id, request, options));
  }
}
