import { signInStrings } from '../shared/sign-in-prompt.strings.js';

/**
 * Every word the form shows, in English by default, taken from the practice help article's own
 * labels. A host replaces any of them through the `strings` property.
 */
export const defaultFormStrings = {
  ...signInStrings,
  heading: 'New Appointment',
  changeHeading: 'Change Appointment',
  submitChange: 'Submit Change',
  changeDoneHeading: 'Change request sent',
  provider: 'Provider',
  providerHint: 'Who you would like to schedule an appointment with',
  location: 'Location',
  locationHint: 'The location of the appointment',
  service: 'Service',
  serviceHint: 'Services depend on the selected provider',
  choose: 'Choose…',
  continue: 'Continue',
  back: 'Back',
  availability: 'Availability',
  availabilityHint:
    'Double-click or drag in any available space on the calendar to select the date and time, or choose a start time from the list. Unavailable times are greyed out.',
  /** The hint on a phone, a narrow layout or a touch screen, where one tap chooses a time. */
  availabilityHintTouch:
    'Tap any available space on the calendar to select the date and time, or choose a start time from the list. Unavailable times are greyed out.',
  previousWeek: 'Previous week',
  nextWeek: 'Next week',
  previousDay: 'Previous day',
  nextDay: 'Next day',
  timeZone: 'Time zone',
  allTimeZones: 'All time zones',
  gridUnavailable: 'The calendar could not be loaded. Please choose a start time from the list.',
  startTimes: 'Available start times',
  noOpenTimes: 'No times are available in this week.',
  noOpenTimesDay: 'No times are available on this day.',
  jumpToNextOpen: 'Go to the next available time',
  nothingOpenAhead: 'No times are available in the coming weeks. Please contact the practice.',
  /** A link's week had nothing open, so the form moved on by itself to the first week that has. */
  movedToOpenWeek: (week: string) => `No open times this week; showing the week of ${week}, the first with open times.`,
  /** The same on a phone, a day at a time. */
  movedToOpenDay: (day: string) => `No open times on this day; showing ${day}, the first day with open times.`,
  /** A link's times: nothing open up to the practice's booking horizon (`until`, a date). */
  nothingOpenUntil: (until: string) =>
    `No times are available for online booking up to ${until}, as far ahead as the practice takes requests. Please contact the practice.`,
  /** Under Change Appointment's heading: which appointment is moving (its date, time and zone, and its therapist). */
  moving: (when: string, provider: string) => `Moving your appointment of ${when} with ${provider}.`,
  /** The appointment being moved, where it stands on the grid. */
  currentTime: 'Current time',
  /** What a screen reader hears for it: its label, and the time it names. */
  currentTimeLabel: (when: string) => `Current time of the appointment you are moving: ${when}`,
  /** Beside the start times and the grid: which zone their times are in. */
  timesIn: (zone: string) => `Times in ${zone}`,
  selectedTime: 'Selected time',
  noTimeSelected: 'No time selected yet.',
  save: 'Save',
  saving: 'Checking…',
  review: 'Review your appointment request',
  when: 'Date and time',
  length: 'Length',
  telehealth: 'Telehealth (online)',
  submit: 'Submit New Appointment',
  submitting: 'Sending…',
  doneHeading: 'Appointment request sent',
  /** On the done step, before the date and time requested. */
  requestedTime: 'Requested time',
  doneMessage:
    "Your therapist will receive a notification and will confirm or decline the request. You will receive an email notification that the appointment is waiting for your therapist's confirmation.",
  viewAppointments: 'View My Appointments',
  close: 'Close',
  retry: 'Try again',
  loading: 'Loading…',
  loadingTimes: 'Loading available times…',
  /** Said instead of a loading word once the practice has been slow to answer: slow is not failed. */
  slow: 'This is taking longer than usual. Still waiting for the practice’s booking system…',
  /** While a link's empty week moves on by itself to the first with open time. */
  findingOpenTime: 'Looking for the first open time…',
  noSelfScheduling:
    'Online booking is not available at the moment. Please contact your therapist to schedule an appointment.',
  noLocations: 'This provider has no locations open for online booking.',
  noServices: 'This provider offers no services online at this location.',
  notConnected: 'This booking form is not connected to a practice yet.',
  timeTaken: 'That time was just taken by someone else. Please choose another time.',
  offline: 'You are offline. Your choices are kept, and the form carries on when the connection is back.',
  chooseTime: 'Please choose a time first.',
  minutes: (count: number) => `${count} minutes`,
  droppedFromLink: (field: string) =>
    `The ${field.toLowerCase()} in your link is not available for online booking. Please choose one below.`,
  malformedLink: 'Part of your link could not be read, so it was left out.',
  unreadableStart: 'The time given with this page could not be read, so none is chosen. Please choose one below.',
  unknownTimeZone: (shown: string) => `The time zone given with this page is not known, so times are shown in ${shown}.`,
  noLongerFits: (field: string, name: string) =>
    `${name} is not available with your other choices, so the ${field.toLowerCase()} was cleared.`,
  startTimeLabel: (when: string) => `Start at ${when}`,
  /** On the first step, the time clicked on a calendar (the `start` property) until it can be checked. */
  chosenStart: (when: string) => `You chose ${when}. Choose a provider, location and service to check it.`,
};

export type FormStrings = typeof defaultFormStrings;
