/**
 * self-schedule-elements: appointment self-scheduling for therapy and health practices.
 * The data model, the scheduling rules and the adapters; the elements register from here too
 * as they land.
 */
export * from './model/index.js';
export * from './scheduling/index.js';
export * from './adapters/index.js';
