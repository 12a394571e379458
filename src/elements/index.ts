export * from './self-schedule-form/self-schedule-form.js';
export * from './self-schedule-form/self-schedule-form.events.js';
export * from './self-schedule-form/self-schedule-form.strings.js';
export * from './appointment-status/appointment-status.js';
export * from './appointment-status/appointment-status.events.js';
export * from './appointment-status/appointment-status.strings.js';
