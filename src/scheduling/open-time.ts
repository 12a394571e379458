/**
 * From a therapist's weekly pattern to the times a client may book: hours in the location's
 * zone, less breaks, days off and busy times, inside the notice-to-horizon window. This is the
 * server side's computation (the mock API and MemoryAdapter run it); clients receive its result.
 */
import { type Interval, intersect, normalize, subtract } from './intervals.js';
import {
  type IsoWeekday,
  type PlainDate,
  MINUTE,
  addDays,
  daysBetween,
  formatPlainDate,
  fromWallClock,
  offsetAt,
  parseClockTime,
  toPlainDate,
  weekdayOf,
} from './time-zone.js';

/** Local hours on one weekday, `HH:MM` in 24-hour time (`24:00` allowed as an end). */
export interface WeeklyWindow {
  weekday: IsoWeekday;
  start: string;
  end: string;
}

/** A recurring break; without a weekday it applies every day. */
export interface RecurringBreak {
  weekday?: IsoWeekday;
  start: string;
  end: string;
}

/** A therapist's working pattern at one location. */
export interface WorkingPattern {
  timeZone: string;
  weekly: readonly WeeklyWindow[];
  breaks?: readonly RecurringBreak[];
  /** Whole local days off, `YYYY-MM-DD`. */
  daysOff?: readonly string[];
}

function clockWindow(date: PlainDate, start: string, end: string, timeZone: string): Interval | undefined {
  const from = parseClockTime(start);
  const to = parseClockTime(end);
  if (from === undefined || to === undefined || to <= from) return undefined;
  // Each end is read as a wall-clock time of its own, so 09:00 stays 09:00 on both sides of a change.
  const at = (minutes: number) =>
    minutes === 24 * 60
      ? fromWallClock({ ...addDays(date, 1), hour: 0, minute: 0 }, timeZone)
      : fromWallClock({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
  return { start: at(from), end: at(to) };
}

/** The local calendar days that touch `range` in `timeZone`. */
function daysTouching(range: Interval, timeZone: string): PlainDate[] {
  const first = toPlainDate(range.start, timeZone);
  const last = toPlainDate(range.end - 1, timeZone);
  const count = daysBetween(first, last);
  return Array.from({ length: count + 1 }, (_, index) => addDays(first, index));
}

/** The working time of a pattern inside `range`: weekly hours less breaks and days off. */
export function workingTime(pattern: WorkingPattern, range: Interval): Interval[] {
  if (range.end <= range.start) return [];
  const daysOff = new Set(pattern.daysOff ?? []);
  const hours: Interval[] = [];
  const breaks: Interval[] = [];
  for (const date of daysTouching(range, pattern.timeZone)) {
    if (daysOff.has(formatPlainDate(date))) continue;
    const weekday = weekdayOf(date);
    for (const window of pattern.weekly) {
      if (window.weekday !== weekday) continue;
      const interval = clockWindow(date, window.start, window.end, pattern.timeZone);
      if (interval) hours.push(interval);
    }
    for (const pause of pattern.breaks ?? []) {
      if (pause.weekday !== undefined && pause.weekday !== weekday) continue;
      const interval = clockWindow(date, pause.start, pause.end, pattern.timeZone);
      if (interval) breaks.push(interval);
    }
  }
  return intersect(subtract(hours, breaks), [range]);
}

export interface OpenTimeInput {
  pattern: WorkingPattern;
  /** Times already taken: the therapist's appointments at any location. */
  busy: readonly Interval[];
  range: Interval;
  /** Now plus the minimum notice. */
  earliestStart: number;
  /** The end of the booking horizon. */
  latestEnd: number;
}

/** The bookable time inside `range`, normalized. */
export function openTime(input: OpenTimeInput): Interval[] {
  const window = {
    start: Math.max(input.range.start, input.earliestStart),
    end: Math.min(input.range.end, input.latestEnd),
  };
  if (window.end <= window.start) return [];
  return subtract(workingTime(input.pattern, window), input.busy);
}

export interface StartTimeOptions {
  /** The service's length. */
  durationMinutes: number;
  /** Starts fall on multiples of this many minutes past local midnight. */
  stepMinutes: number;
  /** The zone in which the step is counted (the location's). */
  timeZone: string;
}

/** True when `instant` falls on the step in `timeZone` (e.g. :00, :15, :30, :45 for 15). */
export function isOnStep(instant: number, stepMinutes: number, timeZone: string): boolean {
  const step = stepMinutes * MINUTE;
  const local = instant + offsetAt(instant, timeZone);
  return ((local % step) + step) % step === 0;
}

/** The first instant at or after `instant` that falls on the step in `timeZone`. */
function nextOnStep(instant: number, step: number, timeZone: string): number {
  const offset = offsetAt(instant, timeZone);
  const aligned = Math.ceil((instant + offset) / step) * step - offset;
  // Across an offset change the alignment may land a little off; one correction settles it.
  const correctedOffset = offsetAt(aligned, timeZone);
  if (correctedOffset === offset) return aligned;
  const retry = Math.ceil((instant + correctedOffset) / step) * step - correctedOffset;
  return retry >= instant ? retry : retry + step;
}

/**
 * Every start time on the step at which a whole service fits inside `open`: the keyboard list
 * beside the grid, and what a naive client would otherwise try one by one.
 */
export function openStartTimes(open: readonly Interval[], options: StartTimeOptions): number[] {
  const step = options.stepMinutes * MINUTE;
  const duration = options.durationMinutes * MINUTE;
  const starts: number[] = [];
  for (const interval of normalize(open)) {
    const lastStart = interval.end - duration;
    const steady = offsetAt(interval.start, options.timeZone) === offsetAt(lastStart, options.timeZone);
    let start = nextOnStep(interval.start, step, options.timeZone);
    while (start <= lastStart) {
      starts.push(start);
      // Where the offset changes inside the interval, re-align after each step, in local time.
      start = steady ? start + step : nextOnStep(start + step, step, options.timeZone);
    }
  }
  return starts;
}
