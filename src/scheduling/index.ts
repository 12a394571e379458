export * from './time-zone.js';
export * from './intervals.js';
export * from './open-time.js';
export * from './selection.js';
export * from './problems.js';
export * from './practice-rules.js';
