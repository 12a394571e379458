import { faultWords } from './loadable.js';
import { signInStrings } from './sign-in-prompt.strings.js';

/**
 * The words the Appointments and Calendar tabs share (statuses, Manage Appointment and its cancel
 * confirmation, loading and failure, announcements): one English default for both, which each
 * tab's strings spread and add to. A host still replaces any of them through `strings`.
 */
export const appointmentsViewStrings = {
  ...signInStrings,
  newAppointment: 'New Appointment',
  loading: 'Loading your appointments…',
  /** Said instead of `loading` once the list has been loading for a while: slow is not failed. */
  slow: 'This is taking longer than usual. Still waiting for the practice’s booking system…',
  loadFailed: 'Your appointments could not be loaded.',
  refreshFailed: 'Your appointments could not be refreshed, so they may be out of date.',
  retry: 'Try again',
  /** What is said of a fault whose own message is not for people (a server's text, an answer not understood…), by code. */
  faults: faultWords,
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
  /** Heads the therapist's note on a declined request. */
  declineNote: 'Note from your therapist',
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
  /** The appointment named in the cancel confirmation. */
  cancelQuestion: (provider: string, when: string) => `Your appointment with ${provider} on ${when} will be cancelled.`,
  /** Until when Manage Appointment may change or cancel online. */
  manageUntil: (when: string) => `You can change or cancel this appointment online until ${when}.`,
  /** Announced when an appointment's status changes while the list or calendar is shown. */
  statusChanged: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} on ${when} is now ${status}.`,
  /** Announced when a request sent from the New Appointment form arrives in the view. */
  requested: (provider: string, when: string, status: string) =>
    `Your appointment request with ${provider} on ${when} was sent. Its status is ${status} until your therapist confirms it.`,
  /** Announced when a change sent from the form arrives in the view. */
  changed: (provider: string, when: string, status: string) =>
    `Your appointment with ${provider} was moved to ${when}. Its status is ${status} until your therapist confirms it.`,
  /** When the appointment form's code could not be downloaded. */
  formLoadFailed: 'The appointment form could not be loaded. Check your connection and try again.',
  /** While the browser is offline. */
  offline: 'You are offline, so your appointments may be out of date. They are refreshed when the connection is back.',
  /** When who self-schedules could not be loaded, so New Appointment is not offered. */
  bookableFailed: 'New Appointment is not available right now.',
};

export type AppointmentsViewStrings = typeof appointmentsViewStrings;
