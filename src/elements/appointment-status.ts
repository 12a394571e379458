/** `self-schedule-elements/appointment-status`: registers `<appointment-status>` alone, with its events and strings. */
export * from './appointment-status/appointment-status.js';
export * from './appointment-status/appointment-status.events.js';
export * from './appointment-status/appointment-status.strings.js';
