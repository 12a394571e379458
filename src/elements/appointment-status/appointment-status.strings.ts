/**
 * Every word the Appointments tab shows, in English by default, taken from the practice help
 * article's own labels (Appointments, Upcoming Appointment, Status, Unconfirmed, Confirmed,
 * New Appointment, Manage Appointment). A host replaces any of them through the `strings` property.
 */
export const defaultStatusStrings = {
  heading: 'Appointments',
  upcoming: 'Upcoming Appointments',
  past: 'Past appointments',
  showPast: 'Show past appointments',
  hidePast: 'Hide past appointments',
  noPast: 'No past appointments.',
  newAppointment: 'New Appointment',
  loading: 'Loading your appointments…',
  empty: 'No upcoming appointments',
  loadFailed: 'Your appointments could not be loaded.',
  refreshFailed: 'Your appointments could not be refreshed, so they may be out of date.',
  retry: 'Try again',
  notConnected: 'This list is not connected to a practice yet.',
  provider: 'Provider',
  service: 'Service',
  location: 'Location',
  when: 'Date and time',
  status: 'Status',
  telehealth: 'Telehealth',
  unconfirmed: 'Unconfirmed',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  manage: 'Manage Appointment',
  change: 'Change appointment',
  cancel: 'Cancel appointment',
  cancelHeading: 'Cancel this appointment?',
  cancelPolicy: 'Cancellation policy',
  keep: 'Keep appointment',
  confirmCancel: 'Yes, cancel appointment',
  cancelling: 'Cancelling…',
  close: 'Close',
  minutes: (count: number) => `${count} minutes`,
  /** The appointment named in the cancel confirmation. */
  cancelQuestion: (provider: string, when: string) => `Your appointment with ${provider} on ${when} will be cancelled.`,
  /** Until when Manage Appointment may change or cancel online. */
  manageUntil: (when: string) => `You can change or cancel this appointment online until ${when}.`,
  /** Announced when an appointment's status changes while the list is shown. */
  statusChanged: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} on ${when} is now ${status}.`,
  /** Announced when a request sent from the New Appointment form arrives in the list. */
  requested: (provider: string, when: string, status: string) =>
    `Your appointment request with ${provider} on ${when} was sent. Its status is ${status} until your therapist confirms it.`,
  /** Announced when a change sent from the form arrives in the list. */
  changed: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} was moved to ${when}. Its status is ${status} until your therapist confirms it.`,
  /** When the appointment form's code could not be downloaded. */
  formLoadFailed: 'The appointment form could not be loaded. Check your connection and try again.',
  /** While the browser is offline. */
  offline: 'You are offline, so your appointments may be out of date. They are refreshed when the connection is back.',
  /** When who self-schedules could not be loaded, so New Appointment is not offered. */
  bookableFailed: 'New Appointment is not available right now.',
};

export type StatusStrings = typeof defaultStatusStrings;
