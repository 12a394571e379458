/**
 * Wall-clock arithmetic in named IANA time zones, built on `Intl` alone so that it costs
 * nothing in the script-tag entry (FullCalendar's Temporal stays in the lazy chunk).
 *
 * Instants are epoch milliseconds; a wall-clock time is what a clock on the wall in that
 * zone shows. Conversions follow Temporal's "compatible" disambiguation: a time skipped by a
 * spring-forward change moves forward by the gap, and a time repeated by a fall-back change
 * takes its earlier instant.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A calendar date with no zone: what a day column or a day off names. */
export interface PlainDate {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
}

/** A date and time as a clock in some zone shows it. */
export interface WallClock extends PlainDate {
  hour: number;
  minute: number;
  second?: number;
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` names a zone this browser knows (IANA names, or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    offsetFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone the browser runs in: the default display zone. */
export function browserTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The wall clock of `timeZone` at `instant`. */
export function toWallClock(instant: number, timeZone: string): WallClock {
  const parts = offsetFormatter(timeZone).formatToParts(new Date(instant));
  const values: Record<string, string> = {};
  for (const part of parts) values[part.type] = part.value;
  const yearOfEra = Number(values.year);
  // Years before 1 CE come back as era years; the scheduling range never goes there, but stay exact.
  const year = values.era === 'BC' || values.era === 'B' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour),
    minute: Number(values.minute),
    second: Number(values.second),
  };
}

/** Milliseconds since the epoch of a wall clock read as if it were UTC. */
function wallClockAsUtc(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second ?? 0, 0);
  return date.getTime();
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockAsUtc(toWallClock(whole, timeZone)) - whole;
}

/**
 * The instant at which the clocks of `timeZone` show `wall`.
 * Real zones change offset at most once in any two days, so the offsets a day either side
 * are the only candidates.
 */
export function fromWallClock(wall: WallClock, timeZone: string): number {
  const asUtc = wallClockAsUtc(wall);
  const offsetBefore = offsetAt(asUtc - DAY, timeZone);
  const offsetAfter = offsetAt(asUtc + DAY, timeZone);
  const usingBefore = asUtc - offsetBefore;
  if (offsetBefore === offsetAfter) return usingBefore;
  const usingAfter = asUtc - offsetAfter;
  const beforeFits = offsetAt(usingBefore, timeZone) === offsetBefore;
  const afterFits = offsetAt(usingAfter, timeZone) === offsetAfter;
  if (beforeFits && afterFits) return Math.min(usingBefore, usingAfter); // repeated hour
  if (beforeFits) return usingBefore;
  if (afterFits) return usingAfter;
  // Skipped hour: read it with the offset in force before the change, which lands past the gap.
  return usingBefore;
}

/** The calendar date in `timeZone` at `instant`. */
export function toPlainDate(instant: number, timeZone: string): PlainDate {
  const { year, month, day } = toWallClock(instant, timeZone);
  return { year, month, day };
}

/** `date` moved by `days` calendar days. */
export function addDays(date: PlainDate, days: number): PlainDate {
  const moved = new Date(wallClockAsUtc({ ...date, hour: 12, minute: 0 }) + days * DAY);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The ISO weekday of a calendar date. */
export function weekdayOf(date: PlainDate): IsoWeekday {
  const sundayBased = new Date(wallClockAsUtc({ ...date, hour: 12, minute: 0 })).getUTCDay();
  return (sundayBased === 0 ? 7 : sundayBased) as IsoWeekday;
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  const noon = (date: PlainDate) => wallClockAsUtc({ ...date, hour: 12, minute: 0 });
  return Math.round((noon(to) - noon(from)) / DAY);
}

/** The instant a calendar day starts in `timeZone` (not always 00:00 where midnight is skipped). */
export function startOfDay(date: PlainDate, timeZone: string): number {
  return fromWallClock({ ...date, hour: 0, minute: 0 }, timeZone);
}

/** The first day of the week holding `date`, with weeks starting on `firstDay`. */
export function startOfWeek(date: PlainDate, firstDay: IsoWeekday = 1): PlainDate {
  const back = (weekdayOf(date) - firstDay + 7) % 7;
  return addDays(date, -back);
}

/** `YYYY-MM-DD`, the form dates take on the wire and in `data-date` attributes. */
export function formatPlainDate(date: PlainDate): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Reads `YYYY-MM-DD`, or returns undefined when it is not a real date. */
export function parsePlainDate(text: string): PlainDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const roundTrip = addDays(date, 0);
  return roundTrip.month === date.month && roundTrip.day === date.day ? date : undefined;
}

/** Minutes past local midnight of `instant` in `timeZone`. */
export function minuteOfDay(instant: number, timeZone: string): number {
  const { hour, minute } = toWallClock(instant, timeZone);
  return hour * 60 + minute;
}

/** Reads `HH:MM` (24-hour) into minutes past midnight; undefined when malformed. `24:00` is allowed as an end. */
export function parseClockTime(text: string): number | undefined {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : undefined;
}
