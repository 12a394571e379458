/**
 * The Temporal functions FullCalendar calls, and only those, on the `Intl` wall-clock arithmetic
 * of src/scheduling/time-zone.ts. FullCalendar needs Temporal for named time zones alone, through
 * five functions of `temporal-polyfill/fns/*` (in @full-ui/headless-calendar); the script-tag
 * build points those modules here (vite.config.ts), which takes the polyfill's 5 KiB gzip out of
 * the grid's chunk, while the code it runs on is already in every page's shared chunk. The npm
 * build is untouched: a host's bundler resolves the real polyfill.
 *
 * test/elements/fullcalendar-temporal.test.ts compares each function with temporal-polyfill
 * across the clock changes of several zones, and fails if FullCalendar starts calling any other.
 */
import { fromWallClock, offsetAt, toWallClock } from '../../scheduling/time-zone.js';

/** A date and time without a zone, to the millisecond. */
export interface PlainDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface Instant {
  epochMilliseconds: number;
}

/** An instant in a zone: what FullCalendar reads of Temporal's ZonedDateTime. */
export interface ZonedDateTime extends Instant {
  timeZoneId: string;
}

const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

export function fromEpochMilliseconds(epochMilliseconds: number): Instant {
  return { epochMilliseconds };
}

/** The instant with its wall clock in `timeZone`. */
export function toZonedDateTimeISO(instant: Instant, timeZone: string): ZonedDateTime & PlainDateTime {
  const { epochMilliseconds } = instant;
  // Offsets are whole seconds, so the clock's milliseconds are the instant's.
  const wall = toWallClock(epochMilliseconds, timeZone);
  return { ...wall, second: wall.second ?? 0, millisecond: modulo(epochMilliseconds, 1000), epochMilliseconds, timeZoneId: timeZone };
}

export function create(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): PlainDateTime {
  return { year, month, day, hour, minute, second, millisecond };
}

/** The instant `wall` names in `timeZone`, disambiguated as Temporal's default 'compatible' does. */
export function toZonedDateTime(wall: PlainDateTime, timeZone: string): ZonedDateTime {
  const { millisecond, ...clock } = wall;
  return { epochMilliseconds: fromWallClock(clock, timeZone) + millisecond, timeZoneId: timeZone };
}

export function offsetNanoseconds(zoned: ZonedDateTime): number {
  return offsetAt(zoned.epochMilliseconds, zoned.timeZoneId) * 1e6;
}
