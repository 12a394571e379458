/**
 * The event every element fires when a call to the backend fails: the person is shown plain
 * words, the host gets the whole error here (its code, HTTP status, the server's own message in
 * `detail`, and for an answer that broke the contract the fields that were wrong in `issues`), to
 * log or report. Each element's events module re-exports it.
 */
import type { AdapterOperation } from './timed-adapter.js';

export class BookingFailureEvent extends Event {
  static readonly type = 'ss-error';
  constructor(
    /** What failed: a BookingError as a rule (`code`, `status`, `detail`, `issues`), or whatever a custom adapter threw. */
    readonly error: unknown,
    /** The adapter call that failed, or `watchAppointments` for a refresh of the list. */
    readonly operation: AdapterOperation | 'watchAppointments',
  ) {
    super(BookingFailureEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-error': BookingFailureEvent;
  }
}
