/**
 * A fixed moment and the demo practice laid around it, so expectations can name exact times: what
 * the conformance suite runs on, and what a server under test is seeded with.
 */
import type { AppointmentRequest } from '../model/schemas.js';
import { Practice } from '../adapters/memory/practice.js';
import { fromWallClock } from '../scheduling/time-zone.js';
import { createDemoPractice, demoTimeZone } from './demo-practice.js';

/** Tuesday 1 December 2026, 10:00 in New York. The demo's "next Monday" is 7 December. */
export const NOW = Date.parse('2026-12-01T15:00:00Z');

/** An instant on a December 2026 day at a New York wall-clock time, as ISO. */
export function nyTime(day: number, time: string, month = 12): string {
  const [hour, minute] = time.split(':').map(Number);
  return new Date(fromWallClock({ year: 2026, month, day, hour, minute }, demoTimeZone)).toISOString();
}

/** A practice and the clock it reads, which a test may move. */
export interface TestPractice {
  practice: Practice;
  clock: { now: number };
}

/** The demo practice at NOW (`createDemoPractice(NOW)`), on a clock the test can move. */
export function createTestPractice(): TestPractice {
  const clock = { now: NOW };
  const practice = new Practice(createDemoPractice(NOW), { now: () => clock.now });
  return { practice, clock };
}

/** Dr. Chen at the Riverside Office, Individual Therapy, on a December day at a New York time. */
export function chenRequest(day = 9, time = '09:00', minutes = 50): AppointmentRequest {
  const start = nyTime(day, time);
  return {
    providerId: 'dr-chen',
    locationId: 'riverside',
    serviceId: 'individual-50',
    start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  };
}
