import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  DAY,
  HOUR,
  MINUTE,
  type PlainDate,
  type WallClock,
  addDays,
  daysBetween,
  formatPlainDate,
  fromWallClock,
  isValidTimeZone,
  offsetAt,
  parseClockTime,
  parsePlainDate,
  startOfDay,
  startOfWeek,
  toWallClock,
  weekdayOf,
} from '../../src/scheduling/time-zone.js';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';
const LORD_HOWE = 'Australia/Lord_Howe';
const SANTIAGO = 'America/Santiago';
const BEIRUT = 'Asia/Beirut';
const CHATHAM = 'Pacific/Chatham';

const utc = (text: string) => Date.parse(text);
const wall = (year: number, month: number, day: number, hour = 0, minute = 0): WallClock => ({
  year,
  month,
  day,
  hour,
  minute,
});
const date = (year: number, month: number, day: number): PlainDate => ({ year, month, day });
/** Reads a wall clock back, with the seconds toWallClock always reports. */
const shown = (year: number, month: number, day: number, hour: number, minute: number) => ({
  ...wall(year, month, day, hour, minute),
  second: 0,
});

/*
 * An independent reading of the zone data, straight from Intl's "GMT+05:30" offset names,
 * used to confirm the facts the expectations rest on and as the model in property tests.
 */
const offsetNameFormatters = new Map<string, Intl.DateTimeFormat>();
function referenceOffsetMinutes(instant: number, timeZone: string): number {
  let formatter = offsetNameFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetNameFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')!.value;
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected offset name ${name}`);
  if (!match[1]) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

function referenceWallClock(instant: number, timeZone: string): WallClock {
  const local = new Date(instant + referenceOffsetMinutes(instant, timeZone) * MINUTE);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

describe('fromWallClock and toWallClock', () => {
  it('reads 9:00 in New York as 14:00Z before spring forward and 13:00Z after', () => {
    expect(fromWallClock(wall(2026, 3, 6, 9, 0), NEW_YORK)).to.equal(utc('2026-03-06T14:00:00Z'));
    expect(fromWallClock(wall(2026, 3, 9, 9, 0), NEW_YORK)).to.equal(utc('2026-03-09T13:00:00Z'));
  });

  it('reads 9:00 in New York as 13:00Z before fall back and 14:00Z after', () => {
    expect(fromWallClock(wall(2026, 10, 30, 9, 0), NEW_YORK)).to.equal(utc('2026-10-30T13:00:00Z'));
    expect(fromWallClock(wall(2026, 11, 2, 9, 0), NEW_YORK)).to.equal(utc('2026-11-02T14:00:00Z'));
  });

  it('moves 02:30 on New York spring-forward day past the gap, to 03:30 EDT', () => {
    const instant = fromWallClock(wall(2026, 3, 8, 2, 30), NEW_YORK);
    expect(instant).to.equal(utc('2026-03-08T07:30:00Z'));
    expect(toWallClock(instant, NEW_YORK)).to.deep.equal(shown(2026, 3, 8, 3, 30));
  });

  it('moves 02:00 on New York spring-forward day, the first skipped minute, to 03:00 EDT', () => {
    expect(fromWallClock(wall(2026, 3, 8, 2, 0), NEW_YORK)).to.equal(utc('2026-03-08T07:00:00Z'));
    expect(fromWallClock(wall(2026, 3, 8, 3, 0), NEW_YORK)).to.equal(utc('2026-03-08T07:00:00Z'));
    expect(fromWallClock(wall(2026, 3, 8, 1, 59), NEW_YORK)).to.equal(utc('2026-03-08T06:59:00Z'));
  });

  it('takes the earlier instant (EDT) for 01:30 on New York fall-back day', () => {
    expect(fromWallClock(wall(2026, 11, 1, 1, 30), NEW_YORK)).to.equal(utc('2026-11-01T05:30:00Z'));
    // The later 01:30 exists too, an hour on, and reads back the same.
    expect(toWallClock(utc('2026-11-01T06:30:00Z'), NEW_YORK)).to.deep.equal(shown(2026, 11, 1, 1, 30));
    expect(fromWallClock(wall(2026, 11, 1, 2, 0), NEW_YORK)).to.equal(utc('2026-11-01T07:00:00Z'));
  });

  it('handles Berlin spring forward on 2026-03-29: 9:00 is 08:00Z before and 07:00Z after, 02:30 becomes 03:30', () => {
    expect(fromWallClock(wall(2026, 3, 27, 9, 0), BERLIN)).to.equal(utc('2026-03-27T08:00:00Z'));
    expect(fromWallClock(wall(2026, 3, 30, 9, 0), BERLIN)).to.equal(utc('2026-03-30T07:00:00Z'));
    const skipped = fromWallClock(wall(2026, 3, 29, 2, 30), BERLIN);
    expect(skipped).to.equal(utc('2026-03-29T01:30:00Z'));
    expect(toWallClock(skipped, BERLIN)).to.deep.equal(shown(2026, 3, 29, 3, 30));
  });

  it('handles Berlin fall back on 2026-10-25: 02:30 takes the earlier (CEST) instant', () => {
    expect(fromWallClock(wall(2026, 10, 23, 9, 0), BERLIN)).to.equal(utc('2026-10-23T07:00:00Z'));
    expect(fromWallClock(wall(2026, 10, 26, 9, 0), BERLIN)).to.equal(utc('2026-10-26T08:00:00Z'));
    expect(fromWallClock(wall(2026, 10, 25, 2, 30), BERLIN)).to.equal(utc('2026-10-25T00:30:00Z'));
    expect(toWallClock(utc('2026-10-25T01:30:00Z'), BERLIN)).to.deep.equal(shown(2026, 10, 25, 2, 30));
  });

  it('reads Asia/Kolkata at +5:30 all year: 9:00 is 03:30Z in March and in October', () => {
    expect(fromWallClock(wall(2026, 3, 9, 9, 0), KOLKATA)).to.equal(utc('2026-03-09T03:30:00Z'));
    expect(fromWallClock(wall(2026, 10, 26, 9, 0), KOLKATA)).to.equal(utc('2026-10-26T03:30:00Z'));
    expect(toWallClock(utc('2026-03-09T03:30:00Z'), KOLKATA)).to.deep.equal(shown(2026, 3, 9, 9, 0));
  });

  it('handles Lord Howe falling back half an hour on 2026-04-05 (+11 to +10:30)', () => {
    expect(fromWallClock(wall(2026, 4, 3, 9, 0), LORD_HOWE)).to.equal(utc('2026-04-02T22:00:00Z'));
    expect(fromWallClock(wall(2026, 4, 6, 9, 0), LORD_HOWE)).to.equal(utc('2026-04-05T22:30:00Z'));
    // 01:30 to 02:00 happens twice; the earlier, at +11, wins.
    expect(fromWallClock(wall(2026, 4, 5, 1, 45), LORD_HOWE)).to.equal(utc('2026-04-04T14:45:00Z'));
    expect(toWallClock(utc('2026-04-04T15:15:00Z'), LORD_HOWE)).to.deep.equal(shown(2026, 4, 5, 1, 45));
  });

  it('handles Lord Howe springing forward half an hour on 2026-10-04: 02:15 becomes 02:45', () => {
    expect(fromWallClock(wall(2026, 10, 2, 9, 0), LORD_HOWE)).to.equal(utc('2026-10-01T22:30:00Z'));
    expect(fromWallClock(wall(2026, 10, 5, 9, 0), LORD_HOWE)).to.equal(utc('2026-10-04T22:00:00Z'));
    const skipped = fromWallClock(wall(2026, 10, 4, 2, 15), LORD_HOWE);
    expect(skipped).to.equal(utc('2026-10-03T15:45:00Z'));
    expect(toWallClock(skipped, LORD_HOWE)).to.deep.equal(shown(2026, 10, 4, 2, 45));
  });

  it('reads the date as well as the time: 20:00 in New York is the next day in UTC', () => {
    expect(fromWallClock(wall(2026, 12, 31, 20, 0), NEW_YORK)).to.equal(utc('2027-01-01T01:00:00Z'));
    expect(toWallClock(utc('2027-01-01T01:00:00Z'), NEW_YORK)).to.deep.equal(shown(2026, 12, 31, 20, 0));
  });

  it('reports seconds and ignores milliseconds in toWallClock', () => {
    expect(toWallClock(utc('2026-03-09T13:00:07.999Z'), NEW_YORK)).to.deep.equal({ ...shown(2026, 3, 9, 9, 0), second: 7 });
  });

  const zones = [NEW_YORK, BERLIN, KOLKATA, LORD_HOWE, SANTIAGO, BEIRUT, CHATHAM, 'UTC'];
  /** Instants around the 2026 changes and elsewhere, on the minute. */
  const instant2026 = fc
    .integer({ min: 0, max: (365 * DAY) / MINUTE })
    .map((minutes) => utc('2026-01-01T00:00:00Z') + minutes * MINUTE);

  it('round-trips every wall clock that exists: toWallClock(fromWallClock(w)) = w, in several zones', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant2026, (timeZone, instant) => {
        const shownThen = referenceWallClock(instant, timeZone);
        const back = fromWallClock(shownThen, timeZone);
        expect(toWallClock(back, timeZone)).to.deep.equal(shownThen);
        // Either the same instant, or, for a repeated time, the earlier one.
        if (back !== instant) {
          expect(back).to.be.lessThan(instant);
          expect(referenceWallClock(back, timeZone)).to.deep.equal(shownThen);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches an independent reading of the zone data in toWallClock and offsetAt', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant2026, (timeZone, instant) => {
        expect(toWallClock(instant, timeZone)).to.deep.equal(referenceWallClock(instant, timeZone));
        expect(offsetAt(instant, timeZone)).to.equal(referenceOffsetMinutes(instant, timeZone) * MINUTE);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips wall clocks in the hours around each 2026 change, and moves skipped ones forward by the gap', () => {
    const changes: [string, string][] = [
      [NEW_YORK, '2026-03-08T07:00:00Z'],
      [NEW_YORK, '2026-11-01T06:00:00Z'],
      [BERLIN, '2026-03-29T01:00:00Z'],
      [BERLIN, '2026-10-25T01:00:00Z'],
      [LORD_HOWE, '2026-04-04T15:00:00Z'],
      [LORD_HOWE, '2026-10-03T15:30:00Z'],
      [SANTIAGO, '2026-09-06T04:00:00Z'],
      [CHATHAM, '2026-09-26T14:00:00Z'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }), ([timeZone, change], minutes) => {
        const at = utc(change);
        const offsetBefore = referenceOffsetMinutes(at - MINUTE, timeZone);
        const offsetAfter = referenceOffsetMinutes(at, timeZone);
        // The wall clock `minutes` after the change's local time as read before it.
        const asUtc = at + offsetBefore * MINUTE + minutes * MINUTE;
        const asWall = new Date(asUtc);
        const w = wall(
          asWall.getUTCFullYear(),
          asWall.getUTCMonth() + 1,
          asWall.getUTCDate(),
          asWall.getUTCHours(),
          asWall.getUTCMinutes(),
        );
        const gap = offsetAfter - offsetBefore;
        const result = fromWallClock(w, timeZone);
        if (gap > 0 && minutes >= 0 && minutes < gap) {
          // Skipped: read with the offset before the change, which lands `gap` later on the wall.
          expect(result).to.equal(asUtc - offsetBefore * MINUTE);
          expect(toWallClock(result, timeZone)).to.deep.equal(referenceWallClock(asUtc + gap * MINUTE, 'UTC'));
        } else {
          expect(toWallClock(result, timeZone)).to.deep.equal({ ...w, second: 0 });
          // Repeated times take the earlier instant, the one before the change.
          const earlier = asUtc - offsetBefore * MINUTE;
          const later = asUtc - offsetAfter * MINUTE;
          const candidates = [earlier, later].filter(
            (candidate) => JSON.stringify(referenceWallClock(candidate, timeZone)) === JSON.stringify({ ...w, second: 0 }),
          );
          expect(result).to.equal(Math.min(...candidates));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the zone the browser runs in', () => {
    // The same answers whatever `new Date().getTimezoneOffset()` says; this suite also runs in Pacific/Chatham.
    expect(fromWallClock(wall(2026, 3, 9, 9, 0), 'UTC')).to.equal(utc('2026-03-09T09:00:00Z'));
    expect(toWallClock(utc('2026-03-09T09:00:00Z'), 'UTC')).to.deep.equal(shown(2026, 3, 9, 9, 0));
    expect(fromWallClock(wall(2026, 4, 5, 12, 0), CHATHAM)).to.equal(utc('2026-04-04T23:15:00Z'));
  });
});

describe('offsetAt', () => {
  it('switches New York from -5:00 to -4:00 at 07:00Z on 2026-03-08 and back at 06:00Z on 2026-11-01', () => {
    expect(offsetAt(utc('2026-03-08T06:59:59Z'), NEW_YORK)).to.equal(-5 * HOUR);
    expect(offsetAt(utc('2026-03-08T07:00:00Z'), NEW_YORK)).to.equal(-4 * HOUR);
    expect(offsetAt(utc('2026-11-01T05:59:59Z'), NEW_YORK)).to.equal(-4 * HOUR);
    expect(offsetAt(utc('2026-11-01T06:00:00Z'), NEW_YORK)).to.equal(-5 * HOUR);
  });

  it('switches Berlin at 01:00Z on both change days', () => {
    expect(offsetAt(utc('2026-03-29T00:59:59.999Z'), BERLIN)).to.equal(HOUR);
    expect(offsetAt(utc('2026-03-29T01:00:00Z'), BERLIN)).to.equal(2 * HOUR);
    expect(offsetAt(utc('2026-10-25T00:59:59Z'), BERLIN)).to.equal(2 * HOUR);
    expect(offsetAt(utc('2026-10-25T01:00:00Z'), BERLIN)).to.equal(HOUR);
  });

  it('gives +5:30 for Asia/Kolkata in winter and summer', () => {
    expect(offsetAt(utc('2026-01-15T00:00:00Z'), KOLKATA)).to.equal(5.5 * HOUR);
    expect(offsetAt(utc('2026-07-15T00:00:00Z'), KOLKATA)).to.equal(5.5 * HOUR);
  });

  it('moves Lord Howe by half an hour: +11 to +10:30 on 2026-04-05 and back on 2026-10-04', () => {
    expect(offsetAt(utc('2026-04-04T14:59:59Z'), LORD_HOWE)).to.equal(11 * HOUR);
    expect(offsetAt(utc('2026-04-04T15:00:00Z'), LORD_HOWE)).to.equal(10.5 * HOUR);
    expect(offsetAt(utc('2026-10-03T15:29:59Z'), LORD_HOWE)).to.equal(10.5 * HOUR);
    expect(offsetAt(utc('2026-10-03T15:30:00Z'), LORD_HOWE)).to.equal(11 * HOUR);
  });

  it('gives 0 for UTC and +12:45 for Chatham in winter', () => {
    expect(offsetAt(utc('2026-06-01T00:00:00Z'), 'UTC')).to.equal(0);
    expect(offsetAt(utc('2026-06-01T00:00:00Z'), CHATHAM)).to.equal(12.75 * HOUR);
  });
});

describe('startOfDay', () => {
  it('starts New York days at local midnight, making spring-forward day 23 hours and fall-back day 25', () => {
    expect(startOfDay(date(2026, 3, 8), NEW_YORK)).to.equal(utc('2026-03-08T05:00:00Z'));
    expect(startOfDay(date(2026, 3, 9), NEW_YORK)).to.equal(utc('2026-03-09T04:00:00Z'));
    expect(startOfDay(date(2026, 3, 9), NEW_YORK) - startOfDay(date(2026, 3, 8), NEW_YORK)).to.equal(23 * HOUR);
    expect(startOfDay(date(2026, 11, 2), NEW_YORK) - startOfDay(date(2026, 11, 1), NEW_YORK)).to.equal(25 * HOUR);
  });

  it('makes the Berlin change days 23 and 25 hours long', () => {
    expect(startOfDay(date(2026, 3, 29), BERLIN)).to.equal(utc('2026-03-28T23:00:00Z'));
    expect(startOfDay(date(2026, 3, 30), BERLIN) - startOfDay(date(2026, 3, 29), BERLIN)).to.equal(23 * HOUR);
    expect(startOfDay(date(2026, 10, 26), BERLIN) - startOfDay(date(2026, 10, 25), BERLIN)).to.equal(25 * HOUR);
  });

  it('makes the Lord Howe change days 24.5 and 23.5 hours long', () => {
    expect(startOfDay(date(2026, 4, 6), LORD_HOWE) - startOfDay(date(2026, 4, 5), LORD_HOWE)).to.equal(24.5 * HOUR);
    expect(startOfDay(date(2026, 10, 5), LORD_HOWE) - startOfDay(date(2026, 10, 4), LORD_HOWE)).to.equal(23.5 * HOUR);
  });

  it('starts Asia/Kolkata days at 18:30Z the day before', () => {
    expect(startOfDay(date(2026, 3, 9), KOLKATA)).to.equal(utc('2026-03-08T18:30:00Z'));
  });

  it('starts 2026-09-06 in Santiago at 01:00, since the clocks skip from midnight to 1:00', () => {
    // Confirm the zone data first: one millisecond earlier it is still 5 September, 23:59 at -4.
    const start = utc('2026-09-06T04:00:00Z');
    expect(referenceOffsetMinutes(start - 1, SANTIAGO)).to.equal(-4 * 60);
    expect(referenceOffsetMinutes(start, SANTIAGO)).to.equal(-3 * 60);
    expect(startOfDay(date(2026, 9, 6), SANTIAGO)).to.equal(start);
    expect(toWallClock(start, SANTIAGO)).to.deep.equal(shown(2026, 9, 6, 1, 0));
    expect(toWallClock(start - MINUTE, SANTIAGO)).to.deep.equal(shown(2026, 9, 5, 23, 59));
  });

  it('starts 2026-03-29 in Beirut at 01:00, since the clocks skip from midnight to 1:00', () => {
    const start = utc('2026-03-28T22:00:00Z');
    expect(referenceOffsetMinutes(start - 1, BEIRUT)).to.equal(2 * 60);
    expect(referenceOffsetMinutes(start, BEIRUT)).to.equal(3 * 60);
    expect(startOfDay(date(2026, 3, 29), BEIRUT)).to.equal(start);
    expect(toWallClock(start, BEIRUT)).to.deep.equal(shown(2026, 3, 29, 1, 0));
  });

  it('starts the day after a repeated midnight hour at its single midnight (Santiago, 2026-04-05)', () => {
    // 23:00-24:00 on 4 April happens twice; midnight itself happens once, at -4.
    expect(startOfDay(date(2026, 4, 5), SANTIAGO)).to.equal(utc('2026-04-05T04:00:00Z'));
    expect(startOfDay(date(2026, 4, 5), SANTIAGO) - startOfDay(date(2026, 4, 4), SANTIAGO)).to.equal(25 * HOUR);
  });
});

describe('plain dates', () => {
  it('finds the Monday of a week, and the Sunday when weeks start on Sunday', () => {
    expect(startOfWeek(date(2026, 3, 11))).to.deep.equal(date(2026, 3, 9));
    expect(startOfWeek(date(2026, 3, 9))).to.deep.equal(date(2026, 3, 9));
    expect(startOfWeek(date(2026, 3, 8))).to.deep.equal(date(2026, 3, 2));
    expect(startOfWeek(date(2026, 3, 11), 7)).to.deep.equal(date(2026, 3, 8));
    expect(startOfWeek(date(2026, 3, 8), 7)).to.deep.equal(date(2026, 3, 8));
    expect(startOfWeek(date(2026, 3, 13), 6)).to.deep.equal(date(2026, 3, 7));
  });

  it('finds the start of a week across a year end', () => {
    expect(startOfWeek(date(2026, 1, 1))).to.deep.equal(date(2025, 12, 29));
  });

  it('adds days across month ends, leap days and year ends', () => {
    expect(addDays(date(2026, 2, 28), 1)).to.deep.equal(date(2026, 3, 1));
    expect(addDays(date(2028, 2, 28), 1)).to.deep.equal(date(2028, 2, 29));
    expect(addDays(date(2026, 12, 31), 1)).to.deep.equal(date(2027, 1, 1));
    expect(addDays(date(2026, 1, 1), -1)).to.deep.equal(date(2025, 12, 31));
    expect(addDays(date(2026, 3, 7), 1)).to.deep.equal(date(2026, 3, 8));
    expect(addDays(date(2026, 3, 8), 0)).to.deep.equal(date(2026, 3, 8));
    expect(addDays(date(2026, 1, 1), 365)).to.deep.equal(date(2027, 1, 1));
  });

  it('names ISO weekdays: Monday 1 to Sunday 7', () => {
    expect(weekdayOf(date(2026, 3, 8))).to.equal(7);
    expect(weekdayOf(date(2026, 3, 9))).to.equal(1);
    expect(weekdayOf(date(2026, 3, 14))).to.equal(6);
    expect(weekdayOf(date(2000, 1, 1))).to.equal(6);
    expect(weekdayOf(date(2028, 2, 29))).to.equal(2);
  });

  it('counts whole days between dates, either way', () => {
    expect(daysBetween(date(2026, 1, 1), date(2027, 1, 1))).to.equal(365);
    expect(daysBetween(date(2028, 1, 1), date(2029, 1, 1))).to.equal(366);
    expect(daysBetween(date(2026, 3, 9), date(2026, 3, 2))).to.equal(-7);
    expect(daysBetween(date(2026, 3, 8), date(2026, 3, 8))).to.equal(0);
  });

  const plainDate = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

  it('agrees with Date.UTC on addDays, daysBetween and weekdayOf', () => {
    fc.assert(
      fc.property(plainDate, fc.integer({ min: -800, max: 800 }), (from, days) => {
        const moved = addDays(from, days);
        const expected = new Date(Date.UTC(from.year, from.month - 1, from.day + days));
        expect(moved).to.deep.equal(date(expected.getUTCFullYear(), expected.getUTCMonth() + 1, expected.getUTCDate()));
        expect(daysBetween(from, moved)).to.equal(days);
        expect(weekdayOf(moved)).to.equal(((((weekdayOf(from) - 1 + days) % 7) + 7) % 7) + 1);
        const week = startOfWeek(moved);
        expect(weekdayOf(week)).to.equal(1);
        expect(daysBetween(week, moved)).to.be.within(0, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('formats dates as YYYY-MM-DD, padded', () => {
    expect(formatPlainDate(date(2026, 3, 8))).to.equal('2026-03-08');
    expect(formatPlainDate(date(2026, 12, 31))).to.equal('2026-12-31');
    expect(formatPlainDate(date(999, 1, 2))).to.equal('0999-01-02');
  });

  it('parses real YYYY-MM-DD dates and round-trips them through formatPlainDate', () => {
    expect(parsePlainDate('2026-03-08')).to.deep.equal(date(2026, 3, 8));
    expect(parsePlainDate('2028-02-29')).to.deep.equal(date(2028, 2, 29));
    fc.assert(
      fc.property(plainDate, (d) => {
        expect(parsePlainDate(formatPlainDate(d))).to.deep.equal(d);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects dates that do not exist or are not YYYY-MM-DD', () => {
    for (const text of [
      '2026-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      '2026-3-8',
      '26-03-08',
      ' 2026-03-08',
      '2026-03-08 ',
      '2026-03-08T00:00',
      '2026/03/08',
      '',
    ]) {
      expect(parsePlainDate(text), text).to.equal(undefined);
    }
  });
});

describe('parseClockTime', () => {
  it('reads HH:MM as minutes past midnight, with 24:00 as the end of the day', () => {
    expect(parseClockTime('00:00')).to.equal(0);
    expect(parseClockTime('09:30')).to.equal(570);
    expect(parseClockTime('12:00')).to.equal(720);
    expect(parseClockTime('23:59')).to.equal(1439);
    expect(parseClockTime('24:00')).to.equal(1440);
  });

  it('rejects malformed times and times past 24:00', () => {
    for (const text of ['24:01', '24:30', '25:00', '9:00', '09:5', '12:60', '12:30:00', '', 'noon', ' 09:00', '-1:00']) {
      expect(parseClockTime(text), text).to.equal(undefined);
    }
  });

  it('reads every HH:MM from 00:00 to 23:59 back to its minute', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes++) {
      const text = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      if (parseClockTime(text) !== minutes) expect.fail(`${text} read as ${parseClockTime(text)}`);
    }
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA zone names and UTC', () => {
    for (const zone of [NEW_YORK, BERLIN, KOLKATA, LORD_HOWE, SANTIAGO, CHATHAM, 'UTC']) {
      expect(isValidTimeZone(zone), zone).to.equal(true);
    }
  });

  it('rejects the empty string and names no zone has', () => {
    for (const zone of ['', 'Mars/Olympus_Mons', 'America/NewYork', 'Not a zone']) {
      expect(isValidTimeZone(zone), zone).to.equal(false);
    }
  });
});
