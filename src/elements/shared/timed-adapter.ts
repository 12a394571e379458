/**
 * An element's view of its adapter, timing each call: a call still unanswered after a few seconds
 * makes the element say that the wait is long (slow is not failed: it keeps waiting), a call
 * unanswered at the host's `request-timeout` fails as a `timeout` whatever adapter is in use, and
 * every failure reaches the host in full (`ss-error`) while the person sees plain words. Any
 * adapter works under it, the page's own included.
 */
import type {
  AppointmentWatchEvents,
  BookingAdapter,
  CallOptions,
  Unsubscribe,
  ValidateOptions,
  WatchOptions,
} from '../../adapters/booking-adapter.js';
import { BookingError } from '../../adapters/errors.js';
import { type AdapterOperation, ForwardingAdapter } from '../../adapters/forwarding-adapter.js';
import type { AppointmentRequest, ValidationResult } from '../../model/schemas.js';

export type { AdapterOperation } from '../../adapters/forwarding-adapter.js';

export interface CallTiming {
  /** Milliseconds after which an unanswered call counts as slow. */
  slowAfterMs(): number;
  /** The longest a call may take in all; undefined leaves it to the adapter. */
  timeoutMs(): number | undefined;
  /** Some call became slow (true), or the last slow one ended (false). */
  slowChanged(slow: boolean): void;
  /** A call failed (an abort by its caller is no failure). */
  failed(error: unknown, operation: AdapterOperation): void;
}

const timedOut = () => new BookingError('timeout', 'The practice’s booking system took too long to answer.');

const adapters = new WeakMap<BookingAdapter, BookingAdapter>();

/** The adapter a TimedAdapter times (what the page gave), or `adapter` itself. */
export function untimed<A extends BookingAdapter | undefined>(adapter: A): A {
  return ((adapter && adapters.get(adapter)) ?? adapter) as A;
}

export class TimedAdapter extends ForwardingAdapter {
  private slowCalls = 0;
  /** Present only when the adapter offers the dry run, so the form can tell. */
  readonly validateRequest?: (request: AppointmentRequest, options?: ValidateOptions) => Promise<ValidationResult>;

  constructor(
    readonly inner: BookingAdapter,
    private readonly timing: CallTiming,
  ) {
    super();
    adapters.set(this, inner);
    const validate = inner.validateRequest?.bind(inner);
    if (validate) this.validateRequest = (request, options) => this.forward('validateRequest', options, (_adapter, timed) => validate(request, timed));
  }

  protected async forward<T, O extends CallOptions | undefined>(
    operation: AdapterOperation,
    options: O,
    call: (adapter: BookingAdapter, options: O) => Promise<T>,
  ): Promise<T> {
    const limit = this.timing.timeoutMs();
    const controller = new AbortController();
    const callerSignal = options?.signal;
    const onAbort = () => controller.abort();
    if (callerSignal?.aborted) controller.abort();
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    let expired = false;
    let slow = false;
    const deadline =
      limit === undefined
        ? undefined
        : setTimeout(() => {
            expired = true;
            controller.abort();
          }, limit);
    const slowTimer = setTimeout(() => {
      slow = true;
      if (++this.slowCalls === 1) this.timing.slowChanged(true);
    }, this.timing.slowAfterMs());
    try {
      // The caller's own options (an idempotency key, say) with the signal and time limit added.
      const timed = { ...options, signal: controller.signal, ...(limit === undefined ? {} : { timeoutMs: limit }) } as O;
      const answer = call(this.inner, timed);
      // An adapter that ignores the signal still gives way at the deadline.
      const givenUp = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(expired ? timedOut() : new BookingError('aborted', 'The request was cancelled.')), { once: true }));
      givenUp.catch(() => undefined);
      return await Promise.race([answer, givenUp]);
    } catch (error) {
      const failure = expired ? timedOut() : error;
      if (!callerSignal?.aborted) this.timing.failed(failure, operation);
      throw failure;
    } finally {
      clearTimeout(deadline);
      clearTimeout(slowTimer);
      callerSignal?.removeEventListener('abort', onAbort);
      if (slow && --this.slowCalls === 0) this.timing.slowChanged(false);
    }
  }

  /** Watches are not calls: they pass straight through (the store shares one per adapter). */
  watchAppointments(events: AppointmentWatchEvents, options?: WatchOptions): Unsubscribe {
    return this.inner.watchAppointments(events, options);
  }
}
