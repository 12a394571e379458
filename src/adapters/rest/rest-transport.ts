/**
 * The one way this library talks to a server speaking the REST contract (docs/rest-api.md): a
 * time limit on each attempt (the host's headers, the answer and its body together), the host's
 * headers asked before each call, cookies as configured, reads tried again with backoff, every
 * failure a BookingError (its `status` and the server's own words kept), and every answer checked
 * against its schema. RestAdapter, RestPracticeAdapter and the staff sign-in calls are built on
 * it, and so is a custom adapter for a JSON backend with a contract of its own (the Northwind
 * example, docs/custom-adapter.md): it names its idempotency header and maps its error bodies
 * (`idempotencyHeader`, `errorFrom`), and only maps shapes itself.
 */
import type { ZodMiniType } from 'zod/mini';
import { errorBodySchema, readProblems } from '../../model/schemas.js';
import type { CallOptions } from '../booking-adapter.js';
import { BookingError, codeForStatus } from '../errors.js';
import { parseResponse } from '../parse.js';

export interface RestTransportOptions {
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
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** The header a write's idempotency key travels in. Default `Idempotency-Key`, as the contract has it. */
  idempotencyHeader?: string;
  /**
   * Makes the BookingError for a refusal (any status outside 2xx) from its status and its body
   * (parsed JSON, or undefined when the body was empty or not JSON). By default the contract's
   * error body (`{ error: { code, message, problems } }`) is read: a backend of another shape
   * brings its own mapping. `retryable` follows from the code it chooses.
   */
  errorFrom?: (status: number, body: unknown) => BookingError;
}

/** GET alone is tried again: it changes nothing. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call: where it goes, what it carries, and the schema its answer must match. */
export interface CallPlan<T> {
  method: Method;
  path: string;
  /** Parameters left undefined are left out. */
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: ZodMiniType<T>;
  /** What the answer is, for error messages: "the confirmed appointment". */
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

/** A ready transport, given to an adapter instead of the transport's options: one shared by several adapters, or a subclass. */
export interface GivenTransport {
  transport: RestTransport;
}

/** The transport an adapter's options give, or a new one made from them. */
export function transportOf(options: RestTransportOptions | GivenTransport): RestTransport {
  return 'transport' in options ? options.transport : new RestTransport(options);
}

/** Words for failures whose answer carried none of its own. */
const fallbackMessages: Partial<Record<BookingError['code'], string>> = {
  unauthorized: 'Please sign in again.',
  forbidden: 'You are not allowed to do that.',
  'not-found': 'That was not found.',
  conflict: 'That time is no longer available.',
  server: 'The server had a problem. Please try again.',
};

/**
 * One transport may serve several adapters (RestAdapter and RestPracticeAdapter take it as their
 * `transport` option). A subclass may choose the time limit per call (`timeLimitMs`).
 */
export class RestTransport {
  private readonly options: Required<Omit<RestTransportOptions, 'headers' | 'fetch'>> &
    Pick<RestTransportOptions, 'headers' | 'fetch'>;

  constructor(options: RestTransportOptions) {
    // `??`, not a spread over defaults: an option given as undefined keeps its default.
    this.options = {
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: options.headers,
      credentials: options.credentials ?? 'same-origin',
      timeoutMs: options.timeoutMs ?? 10_000,
      readRetries: options.readRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 300,
      fetch: options.fetch,
      idempotencyHeader: options.idempotencyHeader ?? 'Idempotency-Key',
      errorFrom: options.errorFrom ?? contractErrorFrom,
    };
  }

  /**
   * Milliseconds that one attempt of `plan` may take before it is a `timeout`: `timeoutMs` for
   * every call here. A subclass may give some calls longer (an export, say) or shorter.
   */
  protected timeLimitMs(_plan: CallPlan<unknown>): number {
    return this.options.timeoutMs;
  }

  private url(path: string, query?: CallPlan<unknown>['query']): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return `${this.options.baseUrl}${path}${text ? `?${text}` : ''}`;
  }

  /** Makes the call (a GET tried again after a retryable failure) and resolves with its parsed answer. */
  async send<T>(plan: CallPlan<T>): Promise<T> {
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
    if (plan.idempotencyKey) headers.set(this.options.idempotencyHeader, plan.idempotencyKey);
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
    }, this.timeLimitMs(plan));
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
      if (!response.ok) throw this.options.errorFrom(response.status, data);
      return parseResponse(plan.schema, data, plan.what);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }
}

/** A refusal as a BookingError: the contract's error body's words when it has one, else ours. */
function contractErrorFrom(status: number, data: unknown): BookingError {
  const body = errorBodySchema.safeParse(data);
  const code = codeForStatus(status);
  const message = body.success ? body.data.error.message : (fallbackMessages[code] ?? `The server refused the request (${status}).`);
  return new BookingError(code, message, { status, problems: body.success ? readProblems(body.data.error.problems) : [] });
}
