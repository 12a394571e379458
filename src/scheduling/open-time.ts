/**
 * From a therapist's weekly pattern to the times a client may book: hours in the location's
 * zone, less breaks, days off and busy times, inside the notice-to-horizon window. This is the
 * server side's computation (the mock API and MemoryAdapter run it); clients receive its result.
 */
import { type Interval, intersect, normalize, subtract } from './intervals.js';
import {
  type IsoWeekday,
  type PlainDate,
  DAY,
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

const modulo = (value: number, divisor: number) => ((value % divisor) + divisor) % divisor;

/**
 * True when `instant` falls on the step in `timeZone`: a whole number of steps past local
 * midnight (e.g. :00, :15, :30, :45 for 15), counted afresh each day.
 */
export function isOnStep(instant: number, stepMinutes: number, timeZone: string): boolean {
  const local = instant + offsetAt(instant, timeZone);
  return modulo(modulo(local, DAY), stepMinutes * MINUTE) === 0;
}

/** The first instant at or after `from` whose wall clock, read with `offset`, is on the step. */
function firstOnStepWithOffset(from: number, step: number, offset: number): number {
  const local = from + offset;
  const midnight = local - modulo(local, DAY);
  const onStep = midnight + Math.ceil((local - midnight) / step) * step;
  // A step that does not divide the day restarts at the next midnight.
  return (onStep >= midnight + DAY ? midnight + DAY : onStep) - offset;
}

/**
 * The first instant at or after `instant` that falls on the step in `timeZone`. Offsets are
 * constant between changes, and real zones change at most once within a step, so the answer is
 * either on the step with the offset at `instant`, or, past the change, with the offset after it.
 */
function nextOnStep(instant: number, step: number, timeZone: string): number {
  const before = offsetAt(instant, timeZone);
  const candidate = firstOnStepWithOffset(instant, step, before);
  const after = offsetAt(candidate, timeZone);
  if (after === before) return candidate;
  const beyondChange = firstOnStepWithOffset(instant, step, after);
  if (beyondChange >= instant && offsetAt(beyondChange, timeZone) === after) return beyondChange;
  return firstOnStepWithOffset(beyondChange + 1, step, after);
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
    const offset = offsetAt(interval.start, options.timeZone);
    const steady = offset === offsetAt(lastStart, options.timeZone);
    let start = nextOnStep(interval.start, step, options.timeZone);
    while (start <= lastStart) {
      starts.push(start);
      // Within one offset and one local day the next start is a step on; otherwise search again.
      start =
        steady && modulo(start + offset, DAY) + step < DAY
          ? start + step
          : nextOnStep(start + 1, step, options.timeZone);
    }
  }
  return starts;
}
