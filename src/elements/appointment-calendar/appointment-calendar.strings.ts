import { appointmentsViewStrings } from '../shared/appointments-view.strings.js';

/**
 * Every word the Calendar tab shows, in English by default, taken from the practice help
 * article's own labels (Calendar, New Appointment, Status, Unconfirmed, Confirmed, Manage
 * Appointment). A host replaces any of them through the `strings` property.
 */
export const defaultCalendarStrings = {
  ...appointmentsViewStrings,
  heading: 'Calendar',
  /** Under the toolbar: how to ask for a time (shown only where a therapist self-schedules). */
  pickHint: 'Click New Appointment, or click directly on the calendar at the date and time you want to schedule.',
  notConnected: 'This calendar is not connected to a practice yet.',
  calendarUnavailable: 'The calendar could not be shown. Your appointments are listed below.',
  /** When the range shown holds more appointments than the calendar draws. */
  tooManyToDraw: (drawn: number, total: number) =>
    `The calendar shows the first ${drawn} of ${total} appointments here; all of them are listed below.`,
  /** Under the toolbar: the one zone the calendar is drawn in (its long name). */
  gridZone: (zone: string) => `Times on the calendar are in ${zone}.`,
  view: 'View',
  week: 'Week',
  month: 'Month',
  day: 'Day',
  today: 'Today',
  previousWeek: 'Previous week',
  nextWeek: 'Next week',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  previousDay: 'Previous day',
  nextDay: 'Next day',
  /** Heading of the list of appointments under the calendar, by view. */
  appointmentsInWeek: 'Appointments in this week',
  appointmentsInMonth: 'Appointments in this month',
  appointmentsOnDay: 'Appointments on this day',
  emptyWeek: 'No appointments in this week',
  emptyMonth: 'No appointments in this month',
  emptyDay: 'No appointments on this day',
  length: 'Length',
  /** What an appointment is and with whom: on the calendar, in the list, and heading its details. */
  eventTitle: (service: string, provider: string) => `${service} with ${provider}`,
  /**
   * Between that and the status word: "Individual Therapy with Dr. Maya Chen — Confirmed". On the
   * calendar the status is shown first (where a short block has room for one line) but read last.
   */
  statusSeparator: ' — ',
};

export type CalendarStrings = typeof defaultCalendarStrings;
