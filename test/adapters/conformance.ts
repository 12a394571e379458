/**
 * The adapter conformance suite (src/testing/conformance.ts, published as
 * `self-schedule-elements/testing`) on this repository's runner: mocha's `describe` and `it`.
 */
import { type HarnessFactory, describeAdapterConformance as describeWithRunner } from '../../src/testing/index.js';

export type { AdapterHarness, HarnessFactory } from '../../src/testing/index.js';

export function describeAdapterConformance(name: string, createHarness: HarnessFactory): void {
  describeWithRunner(name, createHarness, { describe, it });
}
