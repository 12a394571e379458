// Every element, each through its own entry (`self-schedule-elements/<tag>` registers that one alone).
export * from './self-schedule-form.js';
export * from './appointment-status.js';
export * from './appointment-calendar.js';
export * from './appointment-requests.js';
export * from './shared/sign-in-prompt.strings.js';
