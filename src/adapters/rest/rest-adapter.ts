/**
 * A BookingAdapter speaking the REST contract of docs/rest-api.md with `fetch`. Reads are
 * retried with backoff when the network or server fails; writes are not retried here but carry
 * an Idempotency-Key header, so the element can safely send them again with the same key.
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
  appointmentListSchema,
  appointmentSchema,
  availabilitySchema,
  errorBodySchema,
  locationListSchema,
  providerListSchema,
  readProblems,
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
  WriteOptions,
} from '../booking-adapter.js';
import { BookingError, codeForStatus } from '../errors.js';
import { parseResponse } from '../parse.js';
import { pollAppointments } from '../polling.js';

export interface RestAdapterOptions {
  /** Where the API lives, absolute or relative to the page: `/api`, `https://practice.example/booking`. */
  baseUrl: string;
  /** Headers for every call (an Authorization header, say); a function is asked before each call. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** Whether cookies go along; `same-origin` by default. */
  credentials?: RequestCredentials;
  /** Milliseconds before a call is given up as timed out. Default 10 000. */
  timeoutMs?: number;
  /** How many times a failed read is tried again. Default 2. */
  readRetries?: number;
  /** The first wait before a retry, doubled each time. Default 300 ms. */
  retryDelayMs?: number;
  /** Milliseconds between status polls. Default 30 000. */
  pollIntervalMs?: number;
  /** The longest wait between polls after failures. Default 5 minutes. */
  maxPollIntervalMs?: number;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PUT';

interface CallPlan<T> {
  method: Method;
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  schema: ZodMiniType<T>;
  what: string;
  options?: CallOptions;
  idempotencyKey?: string;
}

const abortedError = () => new BookingError('aborted', 'The request was cancelled.');

/** Waits `ms`, or rejects with `aborted` as soon as `signal` is (or already was) aborted. */
const sleep = (ms: number, signal?: AbortSignal) =>
  untilAborted(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);

/** `promise`, unless `signal` aborts first: then a rejection, at once. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export class RestAdapter implements BookingAdapter {
  private readonly options: Required<Omit<RestAdapterOptions, 'headers' | 'fetch'>> &
    Pick<RestAdapterOptions, 'headers' | 'fetch'>;

  constructor(options: RestAdapterOptions) {
    this.options = {
      credentials: 'same-origin',
      timeoutMs: 10_000,
      readRetries: 2,
      retryDelayMs: 300,
      pollIntervalMs: 30_000,
      maxPollIntervalMs: 300_000,
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  private url(path: string, query?: Record<string, string | undefined>): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, value);
    const text = search.toString();
    return `${this.options.baseUrl}${path}${text ? `?${text}` : ''}`;
  }

  private async send<T>(plan: CallPlan<T>): Promise<T> {
    const retries = plan.method === 'GET' ? this.options.readRetries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(plan);
      } catch (error) {
        const again = error instanceof BookingError && error.retryable && attempt < retries;
        if (!again) throw error;
        // Jitter keeps a crowd of widgets from retrying in step after an outage.
        const wait = this.options.retryDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        await sleep(wait, plan.options?.signal);
      }
    }
  }

  /** The host's headers for one call; its failures and hangs are the call's, not the page's. */
  private async headersFor(plan: CallPlan<unknown>, signal: AbortSignal): Promise<Headers> {
    const source = this.options.headers;
    let custom: HeadersInit | undefined;
    try {
      custom = typeof source === 'function' ? await untilAborted(Promise.resolve().then(source), signal) : source;
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new BookingError('unauthorized', 'Could not get the sign-in details for this request.', { cause });
    }
    const headers = new Headers(custom);
    headers.set('Accept', 'application/json');
    if (plan.body !== undefined) headers.set('Content-Type', 'application/json');
    if (plan.idempotencyKey) headers.set('Idempotency-Key', plan.idempotencyKey);
    return headers;
  }

  private async attempt<T>(plan: CallPlan<T>): Promise<T> {
    const callerSignal = plan.options?.signal;
    if (callerSignal?.aborted) throw abortedError();
    const controller = new AbortController();
    let timedOut = false;
    // The time limit covers the whole attempt: the host's headers, the answer and its body.
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const onAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });

    try {
      const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
      let response: Response;
      let text: string;
      try {
        const headers = await this.headersFor(plan, controller.signal);
        response = await doFetch(this.url(plan.path, plan.query), {
          method: plan.method,
          headers,
          credentials: this.options.credentials,
          body: plan.body === undefined ? undefined : JSON.stringify(plan.body),
          signal: controller.signal,
        });
        text = await response.text();
      } catch (cause) {
        if (timedOut) throw new BookingError('timeout', 'The server took too long to answer.', { cause });
        if (callerSignal?.aborted) throw new BookingError('aborted', 'The request was cancelled.', { cause });
        if (cause instanceof BookingError) throw cause;
        throw new BookingError('network', 'Could not reach the server. Check your connection and try again.', {
          cause,
        });
      }
      let data: unknown;
      try {
        data = text ? JSON.parse(text) : undefined;
      } catch (cause) {
        if (response.ok) {
          throw new BookingError('invalid-response', `The server's answer for ${plan.what} was not JSON.`, {
            status: response.status,
            cause,
          });
        }
      }
      if (!response.ok) throw this.errorFrom(response.status, data);
      return parseResponse(plan.schema, data, plan.what);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  private errorFrom(status: number, data: unknown): BookingError {
    const body = errorBodySchema.safeParse(data);
    const fallback: Record<string, string> = {
      unauthorized: 'Please sign in again.',
      forbidden: 'You are not allowed to do that.',
      'not-found': 'That was not found.',
      conflict: 'That time is no longer available.',
      server: 'The server had a problem. Please try again.',
    };
    const code = codeForStatus(status);
    const message = body.success ? body.data.error.message : (fallback[code] ?? `The server refused the request (${status}).`);
    return new BookingError(code, message, { status, problems: body.success ? readProblems(body.data.error.problems) : [] });
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

  validateRequest(request: AppointmentRequest, options?: CallOptions): Promise<ValidationResult> {
    return this.send({
      method: 'POST',
      path: '/appointments/validate',
      body: request,
      schema: validationResultSchema,
      what: 'the validation',
      options,
    });
  }

  watchAppointments(events: AppointmentWatchEvents): Unsubscribe {
    return pollAppointments((signal) => this.listAppointments({}, { signal }), events, {
      intervalMs: this.options.pollIntervalMs,
      maxIntervalMs: this.options.maxPollIntervalMs,
    });
  }
}
