/**
 * The one way this library talks to a server speaking the REST contract (docs/rest-api.md): one
 * time limit for the whole call (every attempt and every wait between them: a slow answer is
 * waited for, not cut off and asked again), the host's headers asked before each call, cookies as
 * configured, reads tried again with backoff after fast failures, every
 * failure a BookingError (its `status` and the server's own words kept), and every answer checked
 * against its schema. RestAdapter, RestPracticeAdapter and the staff sign-in calls are built on
 * it, and so is a custom adapter for a JSON backend with a contract of its own (the Northwind
 * example, docs/custom-adapter.md): it names its idempotency header and maps its error bodies
 * (`idempotencyHeader`, `errorFrom`), and only maps shapes itself. `openStream` opens the
 * contract's live events (`text/event-stream`) with the same headers, cookies and refusals.
 */
import type { ZodMiniType } from 'zod/mini';
import { errorBodySchema, readProblems } from '../../model/schemas.js';
import type { CallOptions } from '../booking-adapter.js';
import { BookingError, codeForStatus } from '../errors.js';
import { parseResponse, unreadableAnswer } from '../parse.js';

export interface RestTransportOptions {
  /** Where the API lives, absolute or relative to the page: `/api`, `https://practice.example/booking`. */
  baseUrl: string;
  /** Headers for every call (an Authorization header, say); a function is asked before each call. */
  headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
  /** Whether cookies go along; `same-origin` by default. */
  credentials?: RequestCredentials;
  /**
   * Milliseconds a call may take in all (every attempt and every wait before a retry) before it
   * fails as a `timeout`. Default 60 000. A call's own `timeoutMs` (CallOptions) overrides it.
   */
  timeoutMs?: number;
  /** How many times a read that failed fast (network, 5xx, 429) is tried again while time remains. Default 2. */
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

/** Milliseconds on a clock that a change of the computer's time does not move, for deadlines. */
const now = () => performance.now();

/** The longest delay setTimeout keeps (a longer one, or Infinity, would fire at once). */
const longestTimerMs = 2 ** 31 - 1;

/** Answers to the live-events request that mean "no stream here" (the contract's own words). */
const streamNotOfferedStatuses = new Set([404, 405, 501]);

/** How to open a live-events stream (`openStream`). */
export interface StreamRequest {
  /** The id of the last event seen, sent as `Last-Event-ID` to resume after it. */
  lastEventId?: string;
  /** Ends the stream (and the request for it). */
  signal: AbortSignal;
}

/**
 * An opened live-events stream, or the backend's word that it offers none (404, 405, 501, or a
 * 200 that is not `text/event-stream`, such as a page served for every unknown path).
 */
export type StreamOpening = { offered: true; body: ReadableStream<Uint8Array> } | { offered: false; status: number };

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
  server: "The practice's booking system had a problem. Please try again in a moment.",
};

/**
 * One transport may serve several adapters (RestAdapter and RestPracticeAdapter take it as their
 * `transport` option). A subclass may choose the total time limit per call (`timeLimitMs`).
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
      timeoutMs: options.timeoutMs ?? 60_000,
      readRetries: options.readRetries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 300,
      fetch: options.fetch,
      idempotencyHeader: options.idempotencyHeader ?? 'Idempotency-Key',
      errorFrom: options.errorFrom ?? contractErrorFrom,
    };
  }

  /**
   * Milliseconds that `plan` may take in all (every attempt and every wait) before it is a
   * `timeout`: the call's own `timeoutMs`, else the transport's. A subclass may give some calls
   * longer (an export, say) or shorter.
   */
  protected timeLimitMs(plan: CallPlan<unknown>): number {
    return plan.options?.timeoutMs ?? this.options.timeoutMs;
  }

  private url(path: string, query?: CallPlan<unknown>['query']): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
    const text = search.toString();
    return `${this.options.baseUrl}${path}${text ? `?${text}` : ''}`;
  }

  /**
   * Makes the call (a GET tried again after a fast, retryable failure while time remains) and
   * resolves with its parsed answer. The time limit is the whole call's: no attempt is cut off
   * sooner, and a wait before a retry that would outlast it is not begun.
   */
  async send<T>(plan: CallPlan<T>): Promise<T> {
    const callerSignal = plan.options?.signal;
    if (callerSignal?.aborted) throw abortedError();
    const limitMs = this.timeLimitMs(plan);
    const deadline = now() + limitMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      limitMs <= longestTimerMs
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, limitMs)
        : undefined;
    const onAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    /** Why the call stopped, once its signal has aborted: the time limit, or the caller. */
    const stopped = (cause: unknown) =>
      timedOut
        ? new BookingError('timeout', 'The server took too long to answer.', { cause })
        : new BookingError('aborted', 'The request was cancelled.', { cause });

    try {
      const retries = plan.method === 'GET' ? this.options.readRetries : 0;
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.attempt(plan, controller.signal, stopped);
        } catch (error) {
          // Jitter keeps a crowd of widgets from retrying in step after an outage.
          const wait = this.options.retryDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
          // Our own time limit ends the call; a wait it would cut short is not worth beginning.
          const again = error instanceof BookingError && error.retryable && !timedOut && attempt < retries && now() + wait < deadline;
          if (!again) throw error;
          try {
            await sleep(wait, controller.signal);
          } catch (cause) {
            throw stopped(cause);
          }
        }
      }
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onAbort);
    }
  }

  /** The host's headers for one request; its failures and hangs are the request's, not the page's. */
  private async hostHeaders(signal: AbortSignal): Promise<Headers> {
    const source = this.options.headers;
    let custom: HeadersInit | undefined;
    try {
      custom = typeof source === 'function' ? await untilAborted(Promise.resolve().then(source), signal) : source;
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new BookingError('unauthorized', 'Could not get the sign-in details for this request.', { cause });
    }
    return new Headers(custom);
  }

  private async headersFor(plan: CallPlan<unknown>, signal: AbortSignal): Promise<Headers> {
    const headers = await this.hostHeaders(signal);
    headers.set('Accept', 'application/json');
    if (plan.body !== undefined) headers.set('Content-Type', 'application/json');
    if (plan.idempotencyKey) headers.set(this.options.idempotencyHeader, plan.idempotencyKey);
    return headers;
  }

  private get doFetch(): typeof fetch {
    return this.options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** A refusal's BookingError, made from its status and its body (JSON, when it is). */
  private async refusal(response: Response): Promise<BookingError> {
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return this.options.errorFrom(response.status, data);
  }

  /** One attempt of `plan`, ended by `signal` (the caller's abort or the call's time limit, told apart by `stopped`). */
  private async attempt<T>(plan: CallPlan<T>, signal: AbortSignal, stopped: (cause: unknown) => BookingError): Promise<T> {
    let response: Response;
    let text: string;
    try {
      const headers = await this.headersFor(plan, signal);
      response = await this.doFetch(this.url(plan.path, plan.query), {
        method: plan.method,
        headers,
        credentials: this.options.credentials,
        body: plan.body === undefined ? undefined : JSON.stringify(plan.body),
        signal,
      });
      text = await response.text();
    } catch (cause) {
      if (signal.aborted) throw stopped(cause);
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
        throw new BookingError('invalid-response', unreadableAnswer, {
          status: response.status,
          detail: `The server's answer for ${plan.what} was not JSON.`,
          cause,
        });
      }
    }
    if (!response.ok) throw this.options.errorFrom(response.status, data);
    return parseResponse(plan.schema, data, plan.what);
  }

  /**
   * Opens the live events at `path` (`text/event-stream`, docs/rest-api.md "Live events") with
   * the same headers, cookies and base URL as every call, and `Last-Event-ID` when resuming.
   * Resolves once the answer's headers are in: with the body to read, or with the backend's word
   * that it offers no stream. Rejects with a BookingError for a refusal (401, 403, 5xx…), a
   * network failure, or `aborted`. No time limit of its own: the stream is meant to stay open, and
   * its reader decides when silence has gone on too long.
   */
  async openStream(path: string, { lastEventId, signal }: StreamRequest): Promise<StreamOpening> {
    if (signal.aborted) throw abortedError();
    let response: Response;
    try {
      const headers = await this.hostHeaders(signal);
      headers.set('Accept', 'text/event-stream');
      if (lastEventId) headers.set('Last-Event-ID', lastEventId);
      response = await this.doFetch(this.url(path), {
        method: 'GET',
        headers,
        credentials: this.options.credentials,
        cache: 'no-store',
        signal,
      });
      if (!response.ok && !streamNotOfferedStatuses.has(response.status)) throw await this.refusal(response);
    } catch (cause) {
      if (signal.aborted) throw new BookingError('aborted', 'The request was cancelled.', { cause });
      if (cause instanceof BookingError) throw cause;
      throw new BookingError('network', 'Could not reach the server. Check your connection and try again.', { cause });
    }
    const isStream = /^\s*text\/event-stream\b/i.test(response.headers.get('Content-Type') ?? '');
    if (response.ok && isStream && response.body) return { offered: true, body: response.body };
    void response.body?.cancel().catch(() => undefined);
    return { offered: false, status: response.status };
  }
}

/**
 * A refusal as a BookingError: the contract's error body's words when it has one, else ours. A
 * 5xx's words are the server's about itself ("relation does not exist"), not for a patient: they
 * get ours, and the server's stay in `detail` for the host.
 */
function contractErrorFrom(status: number, data: unknown): BookingError {
  const body = errorBodySchema.safeParse(data);
  const code = codeForStatus(status);
  const fallback = fallbackMessages[code] ?? `The server refused the request (${status}).`;
  const serverWords = body.success ? body.data.error.message : undefined;
  const message = status >= 500 ? fallback : (serverWords ?? fallback);
  return new BookingError(code, message, {
    status,
    problems: body.success ? readProblems(body.data.error.problems) : [],
    detail: status >= 500 ? serverWords : undefined,
  });
}
