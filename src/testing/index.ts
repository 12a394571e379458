/**
 * self-schedule-elements/testing: what an integrator tests with, kept out of the root entry so no
 * page ships it by accident. The in-memory practice (Practice, which enforces every rule a server
 * would, and MemoryAdapter and MemoryPracticeAdapter over it), the demo practice and fixtures laid
 * around a fixed moment, and the BookingAdapter conformance suite, runnable under any test runner
 * against any adapter or server. Registers no element.
 */
export * from '../adapters/memory/practice-data.js';
export * from '../adapters/memory/practice.js';
export * from '../adapters/memory/memory-adapter.js';
export * from '../adapters/memory/memory-practice-adapter.js';
export * from './demo-practice.js';
export * from './fixtures.js';
export * from './conformance.js';
