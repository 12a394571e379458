export * from './self-schedule-form/self-schedule-form.js';
export * from './self-schedule-form/self-schedule-form.events.js';
export * from './self-schedule-form/self-schedule-form.strings.js';
