/**
 * The Appointments tab's events. Each is its own class (so a listener gets a typed payload),
 * bubbles and crosses shadow roots, and is named `ss-` plus what happened, like the form's.
 */
import type { BookingError } from '../../adapters/errors.js';
import type { Appointment, AppointmentStatus } from '../../model/schemas.js';

/** Every element fires `ss-auth-required` the same way: the class is shared, re-exported here. */
export { AuthRequiredEvent, type SignInReason } from '../shared/sign-in.events.js';

const init = { bubbles: true, composed: true } as const;

/** The client cancelled an appointment (or withdrew a request) and the practice accepted it. */
export class AppointmentCancelEvent extends Event {
  static readonly type = 'ss-appointment-cancel';
  constructor(
    /** The appointment as the practice now has it, status `cancelled`. */
    readonly appointment: Appointment,
  ) {
    super(AppointmentCancelEvent.type, init);
  }
}

/** Cancelling failed; the confirmation stays open with the reason and Try again. */
export class AppointmentCancelFailEvent extends Event {
  static readonly type = 'ss-appointment-cancel-fail';
  constructor(
    readonly appointment: Appointment,
    readonly error: BookingError,
  ) {
    super(AppointmentCancelFailEvent.type, init);
  }
}

/** The client moved an appointment to another time through Change appointment. */
export class AppointmentChangeEvent extends Event {
  static readonly type = 'ss-appointment-change';
  constructor(
    /** The appointment at its new time, unconfirmed again. */
    readonly appointment: Appointment,
    /** The appointment as it was before the change. */
    readonly previous: Appointment,
  ) {
    super(AppointmentChangeEvent.type, init);
  }
}

/** An appointment's status changed while the list was shown (say, the therapist confirmed it). */
export class AppointmentStatusChangeEvent extends Event {
  static readonly type = 'ss-status-change';
  constructor(
    readonly appointment: Appointment,
    /** The status it had before. */
    readonly previousStatus: AppointmentStatus,
  ) {
    super(AppointmentStatusChangeEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-appointment-cancel': AppointmentCancelEvent;
    'ss-appointment-cancel-fail': AppointmentCancelFailEvent;
    'ss-appointment-change': AppointmentChangeEvent;
    'ss-status-change': AppointmentStatusChangeEvent;
  }
}
