/**
 * The therapist's inbox's events. Like the other elements' events, each is its own class (a typed
 * payload), bubbles and crosses shadow roots, and is named `ss-` plus what happened.
 */
import type { PracticeAppointment, StaffMember } from '../../model/practice-api-schemas.js';

/** Every element fires `ss-auth-required` the same way: the class is shared, re-exported here. */
export { AuthRequiredEvent, type SignInReason } from '../shared/sign-in.events.js';

const init = { bubbles: true, composed: true } as const;

/** The therapist confirmed a request and the practice accepted it (the client was e-mailed). */
export class RequestConfirmedEvent extends Event {
  static readonly type = 'ss-request-confirmed';
  constructor(
    /** The appointment as the practice now has it, status `confirmed`. */
    readonly appointment: PracticeAppointment,
  ) {
    super(RequestConfirmedEvent.type, init);
  }
}

/** The therapist declined a request and the practice accepted it (the client was e-mailed, with the note). */
export class RequestDeclinedEvent extends Event {
  static readonly type = 'ss-request-declined';
  constructor(
    /** The appointment as the practice now has it, status `declined`, with `declineNote` when one was written. */
    readonly appointment: PracticeAppointment,
  ) {
    super(RequestDeclinedEvent.type, init);
  }
}

/** A member of staff signed in through the element's own sign-in form. */
export class StaffSignedInEvent extends Event {
  static readonly type = 'ss-staff-signed-in';
  constructor(
    /** Who signed in: a therapist (with `providerId`) or the front desk. */
    readonly staff: StaffMember,
  ) {
    super(StaffSignedInEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-request-confirmed': RequestConfirmedEvent;
    'ss-request-declined': RequestDeclinedEvent;
    'ss-staff-signed-in': StaffSignedInEvent;
  }
}
