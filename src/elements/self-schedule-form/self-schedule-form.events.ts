/**
 * The form's events. Each is its own class (so a listener gets a typed payload), bubbles and
 * crosses shadow roots, and is named `ss-` plus what happened.
 */
import type { BookingError } from '../../adapters/errors.js';
import type { Appointment, AppointmentRequest } from '../../model/schemas.js';

/** Every element fires `ss-auth-required` the same way: the class is shared, re-exported here. */
export { AuthRequiredEvent, type SignInReason } from '../shared/sign-in.events.js';

const init = { bubbles: true, composed: true } as const;

/** The form was shown. */
export class SelfScheduleOpenEvent extends Event {
  static readonly type = 'ss-open';
  constructor() {
    super(SelfScheduleOpenEvent.type, init);
  }
}

/** The form was closed (dialog mode). */
export class SelfScheduleCloseEvent extends Event {
  static readonly type = 'ss-close';
  constructor() {
    super(SelfScheduleCloseEvent.type, init);
  }
}

/** The client chose a time on the grid or in the list. */
export class SlotSelectEvent extends Event {
  static readonly type = 'ss-slot-select';
  constructor(
    /** What would be requested. */
    readonly request: AppointmentRequest,
    /** The zone the time was shown in. */
    readonly timeZone: string,
  ) {
    super(SlotSelectEvent.type, init);
  }
}

/** The request was sent and accepted: it now waits for the therapist. */
export class RequestSubmitEvent extends Event {
  static readonly type = 'ss-request-submit';
  constructor(readonly appointment: Appointment) {
    super(RequestSubmitEvent.type, init);
  }
}

/** Sending the request failed; the form shows why and keeps every choice. */
export class RequestFailEvent extends Event {
  static readonly type = 'ss-request-fail';
  constructor(
    readonly request: AppointmentRequest,
    readonly error: BookingError,
  ) {
    super(RequestFailEvent.type, init);
  }
}

/** The client asked to see their appointments. */
export class ViewAppointmentsEvent extends Event {
  static readonly type = 'ss-view-appointments';
  constructor(readonly appointment?: Appointment) {
    super(ViewAppointmentsEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-open': SelfScheduleOpenEvent;
    'ss-close': SelfScheduleCloseEvent;
    'ss-slot-select': SlotSelectEvent;
    'ss-request-submit': RequestSubmitEvent;
    'ss-request-fail': RequestFailEvent;
    'ss-view-appointments': ViewAppointmentsEvent;
  }
}
