/**
 * Every word the Calendar tab shows, in English by default, taken from the practice help
 * article's own labels (Calendar, New Appointment, Status, Unconfirmed, Confirmed, Manage
 * Appointment). A host replaces any of them through the `strings` property.
 */
export const defaultCalendarStrings = {
  heading: 'Calendar',
  newAppointment: 'New Appointment',
  /** Under the toolbar: how to ask for a time (shown only where a therapist self-schedules). */
  pickHint: 'Click New Appointment, or click directly on the calendar at the date and time you want to schedule.',
  loading: 'Loading your appointments…',
  loadFailed: 'Your appointments could not be loaded.',
  refreshFailed: 'Your appointments could not be refreshed, so they may be out of date.',
  retry: 'Try again',
  notConnected: 'This calendar is not connected to a practice yet.',
  calendarUnavailable: 'The calendar could not be shown. Your appointments are listed below.',
  /** When the range shown holds more appointments than the calendar draws. */
  tooManyToDraw: (drawn: number, total: number) =>
    `The calendar shows the first ${drawn} of ${total} appointments here; all of them are listed below.`,
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
  provider: 'Provider',
  service: 'Service',
  length: 'Length',
  location: 'Location',
  when: 'Date and time',
  status: 'Status',
  telehealth: 'Telehealth',
  unconfirmed: 'Unconfirmed',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  close: 'Close',
  manage: 'Manage Appointment',
  change: 'Change appointment',
  cancel: 'Cancel appointment',
  cancelHeading: 'Cancel this appointment?',
  cancelPolicy: 'Cancellation policy',
  keep: 'Keep appointment',
  confirmCancel: 'Yes, cancel appointment',
  cancelling: 'Cancelling…',
  minutes: (count: number) => `${count} minutes`,
  /** What an appointment is and with whom: on the calendar, in the list, and heading its details. */
  eventTitle: (service: string, provider: string) => `${service} with ${provider}`,
  /**
   * Between that and the status word: "Individual Therapy with Dr. Maya Chen — Confirmed". On the
   * calendar the status is shown first (where a short block has room for one line) but read last.
   */
  statusSeparator: ' — ',
  /** The appointment named in the cancel confirmation. */
  cancelQuestion: (provider: string, when: string) => `Your appointment with ${provider} on ${when} will be cancelled.`,
  /** Until when Manage Appointment may change or cancel online. */
  manageUntil: (when: string) => `You can change or cancel this appointment online until ${when}.`,
  /** Announced when an appointment's status changes while the calendar is shown. */
  statusChanged: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} on ${when} is now ${status}.`,
  /** Announced when a request sent from the form arrives on the calendar. */
  requested: (provider: string, when: string, status: string) =>
    `Your appointment request with ${provider} on ${when} was sent. Its status is ${status} until your therapist confirms it.`,
  /** Announced when a change sent from the form arrives on the calendar. */
  changed: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} was moved to ${when}. Its status is ${status} until your therapist confirms it.`,
  /** When the appointment form's code could not be downloaded. */
  formLoadFailed: 'The appointment form could not be loaded. Check your connection and try again.',
  /** While the browser is offline. */
  offline: 'You are offline, so your appointments may be out of date. They are refreshed when the connection is back.',
  /** When who self-schedules could not be loaded, so New Appointment is not offered. */
  bookableFailed: 'New Appointment is not available right now.',
};

export type CalendarStrings = typeof defaultCalendarStrings;
