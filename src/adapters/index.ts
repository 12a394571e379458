// The in-memory practice and adapters (Practice, MemoryAdapter, MemoryPracticeAdapter) are fakes for
// tests, demos and prototypes: they are in `self-schedule-elements/testing`, not here.
export * from './booking-adapter.js';
export * from './errors.js';
export * from './notices.js';
export * from './parse.js';
export * from './idempotency.js';
export * from './polling.js';
export * from './live-watch.js';
export * from './rest/rest-adapter.js';
export * from './rest/rest-server.js';
export * from './rest/sign-in.js';
export * from './practice-adapter.js';
export * from './rest/rest-transport.js';
export * from './rest/event-stream.js';
export * from './rest/rest-practice-adapter.js';
export * from './rest/staff-sign-in.js';
