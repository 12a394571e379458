/**
 * A BookingAdapter whose implementation is imported on its first call. An element with `api-base`
 * needs an adapter at once (its `activeAdapter` is synchronous), but a page that gives its own
 * adapter should never download RestAdapter and what only it uses: this stands in until then.
 */
import type { AppointmentWatchEvents, BookingAdapter, CallOptions, Unsubscribe, ValidateOptions, WatchOptions } from './booking-adapter.js';
import { BookingError } from './errors.js';
import { type AdapterOperation, ForwardingAdapter } from './forwarding-adapter.js';
import type { AppointmentRequest, ValidationResult } from '../model/schemas.js';

/** What LazyAdapter stands in for: it always offers the dry run, so what it loads must too. */
export type LoadedAdapter = BookingAdapter & Required<Pick<BookingAdapter, 'validateRequest'>>;

export class LazyAdapter extends ForwardingAdapter {
  private readonly load: () => Promise<LoadedAdapter>;
  private loading?: Promise<LoadedAdapter>;

  /** `load` is called on the first call, and again after a load that failed. */
  constructor(load: () => Promise<LoadedAdapter>) {
    super();
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

  protected async forward<T, O extends CallOptions | undefined>(
    _operation: AdapterOperation,
    options: O,
    call: (adapter: BookingAdapter, options: O) => Promise<T>,
  ): Promise<T> {
    return call(await this.loaded(), options);
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
