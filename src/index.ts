/**
 * self-schedule-elements: appointment self-scheduling for therapy and health practices.
 * The data model, the scheduling rules, the adapters, and the elements (importing this module
 * registers them). Not the test kit: the in-memory practice, MemoryAdapter and the conformance
 * suite are in `self-schedule-elements/testing`, so no page ships them by accident.
 */
export * from './model/index.js';
export * from './scheduling/index.js';
export * from './adapters/index.js';
export * from './booking/index.js';
export * from './elements/index.js';
