/**
 * The Calendar tab's events. Each is its own class (so a listener gets a typed payload), bubbles
 * and crosses shadow roots, and is named `ss-` plus what happened, like the form's.
 *
 * What the calendar shares with the Appointments tab (a status changed, the client cancelled or
 * moved an appointment) is the very same event, so a page hears one name from either view: those
 * classes are the Appointments tab's, re-exported here.
 */
import type { Appointment } from '../../model/schemas.js';

export {
  AppointmentCancelEvent,
  AppointmentCancelFailEvent,
  AppointmentChangeEvent,
  AppointmentStatusChangeEvent,
  AuthRequiredEvent,
  type SignInReason,
} from '../appointment-status/appointment-status.events.js';

const init = { bubbles: true, composed: true } as const;

/** The range the calendar shows: a week, a month or a day. */
export type CalendarRange = 'week' | 'month' | 'day';

/** The client opened an appointment's details (by a click on the calendar, or from the list). */
export class AppointmentSelectEvent extends Event {
  static readonly type = 'ss-appointment-select';
  constructor(readonly appointment: Appointment) {
    super(AppointmentSelectEvent.type, init);
  }
}

/**
 * The client clicked (or tapped, or dragged over) an empty time on the calendar, to ask for an
 * appointment then. The New Appointment form opens at that time unless a listener calls
 * `preventDefault()`.
 */
export class TimePickEvent extends Event {
  static readonly type = 'ss-time-pick';
  constructor(
    /** ISO instant the form is pre-filled with (09:00 that day for a day of the month view). */
    readonly start: string,
    /** Whether a whole day was clicked (month view) rather than a time. */
    readonly allDay: boolean,
  ) {
    super(TimePickEvent.type, { ...init, cancelable: true });
  }
}

/** The client moved to another week, month or day, or switched the view. */
export class RangeChangeEvent extends Event {
  static readonly type = 'ss-range-change';
  constructor(
    readonly view: CalendarRange,
    /** ISO instant the range starts (local midnight of its first day). */
    readonly start: string,
    /** ISO instant the range ends (exclusive). */
    readonly end: string,
  ) {
    super(RangeChangeEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ss-appointment-select': AppointmentSelectEvent;
    'ss-time-pick': TimePickEvent;
    'ss-range-change': RangeChangeEvent;
  }
}
