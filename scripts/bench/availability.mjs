// Open time and start times over 28 days in New York across the 2027 spring-forward change
// (March 14), with 1,000 and 10,000 busy intervals, checked equal to a minute-by-minute reference.
import { isDeepStrictEqual } from 'node:util';
import { naiveAvailability } from './naive.mjs';
import { compare, random } from './stats.mjs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const timeZone = 'America/New_York';

export const window = {
  // 00:00 EST on Monday 1 March 2027 to 00:00 EDT on Monday 29 March 2027: 28 local days.
  start: Date.UTC(2027, 2, 1, 5),
  end: Date.UTC(2027, 2, 29, 4),
};

// Weekdays 08:00–20:00 and Saturday mornings, a lunch break, a day off: the shape of a real week.
const pattern = {
  timeZone,
  weekly: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
    { weekday: 6, start: '09:00', end: '13:00' },
  ],
  breaks: [{ start: '12:00', end: '12:45' }, { weekday: 3, start: '16:30', end: '17:00' }],
  daysOff: ['2027-03-19'],
};

const options = { durationMinutes: 30, stepMinutes: 15, timeZone };

// Busy times are drawn over the whole of 2027 and all handed to openTime, as a server passing a
// therapist's calendar would: at 10,000 the window still holds about 750 of them (27 a day),
// dense enough to fragment the open time without covering it.
const calendarYear = { start: Date.UTC(2027, 0, 1), end: Date.UTC(2028, 0, 1) };

/** `count` appointments of 15 to 60 minutes on five-minute boundaries (they may overlap). */
function busyIntervals(count) {
  const next = random(count + 7);
  const slots = (calendarYear.end - calendarYear.start) / (5 * MINUTE);
  return Array.from({ length: count }, () => {
    const start = calendarYear.start + Math.floor(next() * slots) * 5 * MINUTE;
    return { start, end: start + (15 + 5 * Math.floor(next() * 10)) * MINUTE };
  });
}

export const busySizes = [1_000, 10_000];

export function benchAvailability(scheduling) {
  const { openTime, openStartTimes } = scheduling;
  const rows = [];
  const mismatches = [];
  for (const size of busySizes) {
    const input = {
      pattern,
      busy: busyIntervals(size),
      range: window,
      // Not on the step, so the clipping to the notice and horizon is exercised too.
      earliestStart: window.start + DAY + 7 * MINUTE,
      latestEnd: window.end - DAY - 13 * MINUTE,
    };
    const run = () => {
      const open = openTime(input);
      return { open, starts: openStartTimes(open, options) };
    };
    const result = run();
    const reference = naiveAvailability(input, options);
    const equal = isDeepStrictEqual(result.open, reference.open) && isDeepStrictEqual(result.starts, reference.starts);
    if (!equal) {
      mismatches.push(
        `availability at ${size} busy: ${result.open.length} open intervals and ${result.starts.length} starts, ` +
          `the reference ${reference.open.length} and ${reference.starts.length}`,
      );
    }
    let kept;
    const timings = compare({
      openOnly: (batch) => {
        for (let i = 0; i < batch; i++) kept = openTime(input);
      },
      total: (batch) => {
        for (let i = 0; i < batch; i++) kept = run();
      },
    });
    if (!kept) throw new Error('nothing was computed');
    const inMs = (summary) => Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, key === 'n' ? value : value / 1e6]));
    rows.push({ size, openOnly: inMs(timings.openOnly), total: inMs(timings.total), openIntervals: result.open.length, starts: result.starts.length, equal });
  }
  return { rows, mismatches };
}
