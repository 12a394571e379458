import { appointmentsViewStrings } from '../shared/appointments-view.strings.js';

/**
 * Every word the Appointments tab shows, in English by default, taken from the practice help
 * article's own labels (Appointments, Upcoming Appointment, Status, Unconfirmed, Confirmed,
 * New Appointment, Manage Appointment). A host replaces any of them through the `strings` property.
 */
export const defaultStatusStrings = {
  ...appointmentsViewStrings,
  heading: 'Appointments',
  upcoming: 'Upcoming Appointments',
  past: 'Past appointments',
  showPast: 'Show past appointments',
  hidePast: 'Hide past appointments',
  noPast: 'No past appointments.',
  empty: 'No upcoming appointments',
  notConnected: 'This list is not connected to a practice yet.',
};

export type StatusStrings = typeof defaultStatusStrings;
