/** `self-schedule-elements/self-schedule-form`: registers `<self-schedule-form>` alone, with its events and strings. */
export * from './self-schedule-form/self-schedule-form.js';
export * from './self-schedule-form/self-schedule-form.events.js';
export * from './self-schedule-form/self-schedule-form.strings.js';
