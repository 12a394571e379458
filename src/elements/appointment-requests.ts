/** `self-schedule-elements/appointment-requests`: registers `<appointment-requests>` alone, with its events and strings. */
export * from './appointment-requests/appointment-requests.js';
export * from './appointment-requests/appointment-requests.events.js';
export * from './appointment-requests/appointment-requests.strings.js';
