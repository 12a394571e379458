/** `self-schedule-elements/appointment-calendar`: registers `<appointment-calendar>` alone, with its events and strings. */
export * from './appointment-calendar/appointment-calendar.js';
export * from './appointment-calendar/appointment-calendar.events.js';
export * from './appointment-calendar/appointment-calendar.strings.js';
