import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { type Interval, normalize } from '../../src/scheduling/intervals.js';
import {
  type StartTimeOptions,
  type WorkingPattern,
  isOnStep,
  openStartTimes,
  openTime,
  workingTime,
} from '../../src/scheduling/open-time.js';
import {
  HOUR,
  MINUTE,
  type IsoWeekday,
  type PlainDate,
  type WallClock,
  addDays,
  formatPlainDate,
  fromWallClock,
  startOfDay,
  toWallClock,
  weekdayOf,
} from '../../src/scheduling/time-zone.js';

const NEW_YORK = 'America/New_York';
const BERLIN = 'Europe/Berlin';
const KOLKATA = 'Asia/Kolkata';
const LORD_HOWE = 'Australia/Lord_Howe';
const SANTIAGO = 'America/Santiago';
const CHATHAM = 'Pacific/Chatham';

const utc = (text: string) => Date.parse(text);
const date = (year: number, month: number, day: number): PlainDate => ({ year, month, day });
const at = (d: PlainDate, hour: number, minute: number, timeZone: string) =>
  fromWallClock({ ...d, hour, minute }, timeZone);
const localTime = (instant: number, timeZone: string) => {
  const { hour, minute } = toWallClock(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};
const localStamp = (instant: number, timeZone: string) => {
  const shown: WallClock = toWallClock(instant, timeZone);
  return `${formatPlainDate(shown)} ${localTime(instant, timeZone)}`;
};

const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5];

/** Mon-Fri 09:00-17:00 with lunch 12:00-13:00. */
function officeHours(timeZone: string, daysOff: string[] = []): WorkingPattern {
  return {
    timeZone,
    weekly: weekdays.map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
    breaks: [{ start: '12:00', end: '13:00' }],
    daysOff,
  };
}

/** Every local day from `first` for `count` days, as the range they span in `timeZone`. */
function daysRange(first: PlainDate, count: number, timeZone: string): Interval {
  return { start: startOfDay(first, timeZone), end: startOfDay(addDays(first, count), timeZone) };
}

/** The two weeks around each 2026 clock change, from the Monday before. */
const changeWeeks: { name: string; timeZone: string; monday: PlainDate; change: PlainDate }[] = [
  { name: 'New York spring forward', timeZone: NEW_YORK, monday: date(2026, 3, 2), change: date(2026, 3, 8) },
  { name: 'New York fall back', timeZone: NEW_YORK, monday: date(2026, 10, 26), change: date(2026, 11, 1) },
  { name: 'Berlin spring forward', timeZone: BERLIN, monday: date(2026, 3, 23), change: date(2026, 3, 29) },
  { name: 'Berlin fall back', timeZone: BERLIN, monday: date(2026, 10, 19), change: date(2026, 10, 25) },
  { name: 'Lord Howe half-hour back', timeZone: LORD_HOWE, monday: date(2026, 3, 30), change: date(2026, 4, 5) },
  { name: 'Lord Howe half-hour forward', timeZone: LORD_HOWE, monday: date(2026, 9, 28), change: date(2026, 10, 4) },
  { name: 'Asia/Kolkata (no change)', timeZone: KOLKATA, monday: date(2026, 3, 2), change: date(2026, 3, 8) },
];

describe('workingTime', () => {
  for (const { name, timeZone, monday, change } of changeWeeks) {
    it(`keeps 09:00-12:00 and 13:00-17:00 local on every weekday either side of ${name}`, () => {
      const hours = workingTime(officeHours(timeZone), daysRange(monday, 14, timeZone));
      expect(hours).to.have.length(20);
      const expectedDays = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11].map((offset) => formatPlainDate(addDays(monday, offset)));
      hours.forEach((interval, index) => {
        const day = expectedDays[Math.floor(index / 2)];
        const [from, to] = index % 2 === 0 ? ['09:00', '12:00'] : ['13:00', '17:00'];
        expect(localStamp(interval.start, timeZone)).to.equal(`${day} ${from}`);
        expect(localStamp(interval.end, timeZone)).to.equal(`${day} ${to}`);
      });
      // Only Monday to Friday; seven hours of elapsed time on each, whatever the offset that day.
      for (const interval of hours) {
        expect(weekdayOf(toWallClock(interval.start, timeZone))).to.be.within(1, 5);
        expect(interval.end - interval.start).to.be.oneOf([3 * HOUR, 4 * HOUR]);
      }
      // The Friday before and the Monday after the change open at 9:00 local.
      const friday = at(addDays(change, -2), 9, 0, timeZone);
      const nextMonday = at(addDays(change, 1), 9, 0, timeZone);
      expect(hours.map((interval) => interval.start)).to.include.members([friday, nextMonday]);
    });
  }

  it('opens New York at 14:00Z on Friday 2026-03-06 and 13:00Z on Monday 2026-03-09', () => {
    const hours = workingTime(officeHours(NEW_YORK), daysRange(date(2026, 3, 6), 4, NEW_YORK));
    expect(hours[0]).to.deep.equal({ start: utc('2026-03-06T14:00:00Z'), end: utc('2026-03-06T17:00:00Z') });
    expect(hours[2]).to.deep.equal({ start: utc('2026-03-09T13:00:00Z'), end: utc('2026-03-09T16:00:00Z') });
  });

  it('opens Kolkata at 03:30Z, which is 9:00 local', () => {
    const hours = workingTime(officeHours(KOLKATA), daysRange(date(2026, 3, 9), 1, KOLKATA));
    expect(hours).to.deep.equal([
      { start: utc('2026-03-09T03:30:00Z'), end: utc('2026-03-09T06:30:00Z') },
      { start: utc('2026-03-09T07:30:00Z'), end: utc('2026-03-09T11:30:00Z') },
    ]);
  });

  it('gives nothing on a day off, and the usual hours the days around it', () => {
    const hours = workingTime(officeHours(BERLIN, ['2026-03-25']), daysRange(date(2026, 3, 23), 7, BERLIN));
    const days = new Set(hours.map((interval) => formatPlainDate(toWallClock(interval.start, BERLIN))));
    expect([...days]).to.deep.equal(['2026-03-23', '2026-03-24', '2026-03-26', '2026-03-27']);
  });

  it('gives nothing at the weekend', () => {
    expect(workingTime(officeHours(NEW_YORK), daysRange(date(2026, 3, 7), 2, NEW_YORK))).to.deep.equal([]);
  });

  it('applies a break with a weekday only on that weekday', () => {
    const pattern: WorkingPattern = {
      timeZone: NEW_YORK,
      weekly: [
        { weekday: 2, start: '09:00', end: '17:00' },
        { weekday: 3, start: '09:00', end: '17:00' },
      ],
      breaks: [{ weekday: 3, start: '12:00', end: '13:00' }],
    };
    const hours = workingTime(pattern, daysRange(date(2026, 3, 10), 2, NEW_YORK));
    expect(hours.map((i) => `${localStamp(i.start, NEW_YORK)}-${localTime(i.end, NEW_YORK)}`)).to.deep.equal([
      '2026-03-10 09:00-17:00',
      '2026-03-11 09:00-12:00',
      '2026-03-11 13:00-17:00',
    ]);
  });

  it('clips to the range asked for', () => {
    const range = { start: at(date(2026, 3, 10), 10, 30, NEW_YORK), end: at(date(2026, 3, 10), 15, 0, NEW_YORK) };
    const hours = workingTime(officeHours(NEW_YORK), range);
    expect(hours).to.deep.equal([
      { start: range.start, end: at(date(2026, 3, 10), 12, 0, NEW_YORK) },
      { start: at(date(2026, 3, 10), 13, 0, NEW_YORK), end: range.end },
    ]);
  });

  it('returns nothing for an empty or reversed range', () => {
    const nine = at(date(2026, 3, 10), 9, 0, NEW_YORK);
    expect(workingTime(officeHours(NEW_YORK), { start: nine, end: nine })).to.deep.equal([]);
    expect(workingTime(officeHours(NEW_YORK), { start: nine + HOUR, end: nine })).to.deep.equal([]);
  });

  it('ends a 24:00 window at the next local midnight', () => {
    const pattern: WorkingPattern = { timeZone: BERLIN, weekly: [{ weekday: 2, start: '18:00', end: '24:00' }] };
    const hours = workingTime(pattern, daysRange(date(2026, 3, 24), 2, BERLIN));
    expect(hours).to.deep.equal([{ start: utc('2026-03-24T17:00:00Z'), end: utc('2026-03-24T23:00:00Z') }]);
  });

  it('ignores windows that are malformed or end before they start', () => {
    const pattern: WorkingPattern = {
      timeZone: NEW_YORK,
      weekly: [
        { weekday: 2, start: '17:00', end: '09:00' },
        { weekday: 2, start: '9:00', end: '10:00' },
        { weekday: 2, start: '10:00', end: '10:00' },
      ],
    };
    expect(workingTime(pattern, daysRange(date(2026, 3, 10), 1, NEW_YORK))).to.deep.equal([]);
  });

  it('makes a window across spring forward an hour shorter in elapsed time, and one across fall back an hour longer', () => {
    const sunday = (timeZone: string): WorkingPattern => ({ timeZone, weekly: [{ weekday: 7, start: '00:00', end: '06:00' }] });
    const spring = workingTime(sunday(NEW_YORK), daysRange(date(2026, 3, 8), 1, NEW_YORK));
    expect(spring).to.deep.equal([{ start: utc('2026-03-08T05:00:00Z'), end: utc('2026-03-08T10:00:00Z') }]);
    const fall = workingTime(sunday(NEW_YORK), daysRange(date(2026, 11, 1), 1, NEW_YORK));
    expect(fall).to.deep.equal([{ start: utc('2026-11-01T04:00:00Z'), end: utc('2026-11-01T11:00:00Z') }]);
  });

  it('starts an all-day window at 01:00 on a Santiago day whose midnight is skipped', () => {
    const pattern: WorkingPattern = { timeZone: SANTIAGO, weekly: [{ weekday: 7, start: '00:00', end: '24:00' }] };
    const hours = workingTime(pattern, daysRange(date(2026, 9, 6), 1, SANTIAGO));
    expect(hours).to.deep.equal([{ start: utc('2026-09-06T04:00:00Z'), end: utc('2026-09-07T03:00:00Z') }]);
    expect(localTime(hours[0].start, SANTIAGO)).to.equal('01:00');
  });
});

describe('openTime', () => {
  const tuesday = date(2026, 3, 10);
  const thursday = date(2026, 3, 12);
  const week = daysRange(date(2026, 3, 9), 7, NEW_YORK);

  it('clips working time to earliestStart and latestEnd', () => {
    const open = openTime({
      pattern: officeHours(NEW_YORK),
      busy: [],
      range: week,
      earliestStart: at(tuesday, 10, 15, NEW_YORK),
      latestEnd: at(thursday, 14, 30, NEW_YORK),
    });
    expect(open[0].start).to.equal(at(tuesday, 10, 15, NEW_YORK));
    expect(open[open.length - 1]).to.deep.equal({ start: at(thursday, 13, 0, NEW_YORK), end: at(thursday, 14, 30, NEW_YORK) });
    expect(open).to.have.length(6);
  });

  it('removes busy time, splitting an opening around it', () => {
    const open = openTime({
      pattern: officeHours(NEW_YORK),
      busy: [
        { start: at(tuesday, 14, 0, NEW_YORK), end: at(tuesday, 15, 0, NEW_YORK) },
        // Busy over lunch and into the afternoon.
        { start: at(tuesday, 11, 30, NEW_YORK), end: at(tuesday, 13, 15, NEW_YORK) },
      ],
      range: daysRange(tuesday, 1, NEW_YORK),
      earliestStart: 0,
      latestEnd: Number.MAX_SAFE_INTEGER,
    });
    expect(open.map((i) => `${localTime(i.start, NEW_YORK)}-${localTime(i.end, NEW_YORK)}`)).to.deep.equal([
      '09:00-11:30',
      '13:15-14:00',
      '15:00-17:00',
    ]);
  });

  it('returns nothing when the notice reaches past the horizon', () => {
    const open = openTime({
      pattern: officeHours(NEW_YORK),
      busy: [],
      range: week,
      earliestStart: at(thursday, 12, 0, NEW_YORK),
      latestEnd: at(tuesday, 12, 0, NEW_YORK),
    });
    expect(open).to.deep.equal([]);
  });

  it('returns normalized time', () => {
    const open = openTime({
      pattern: officeHours(BERLIN),
      busy: [{ start: at(date(2026, 3, 30), 8, 0, BERLIN), end: at(date(2026, 3, 30), 9, 30, BERLIN) }],
      range: daysRange(date(2026, 3, 23), 14, BERLIN),
      earliestStart: 0,
      latestEnd: Number.MAX_SAFE_INTEGER,
    });
    expect(open).to.deep.equal(normalize(open));
    expect(open.find((i) => formatPlainDate(toWallClock(i.start, BERLIN)) === '2026-03-30')!.start).to.equal(
      at(date(2026, 3, 30), 9, 30, BERLIN),
    );
  });
});

describe('isOnStep', () => {
  it('counts the step in local time: 9:00 in Kolkata (03:30Z) is on a 60-minute step, 03:00Z is not', () => {
    expect(isOnStep(utc('2026-03-09T03:30:00Z'), 60, KOLKATA)).to.equal(true);
    expect(isOnStep(utc('2026-03-09T03:00:00Z'), 60, KOLKATA)).to.equal(false);
    expect(isOnStep(utc('2026-03-09T03:00:00Z'), 30, KOLKATA)).to.equal(true);
  });

  it('puts 9:00 New York on the hour on both sides of spring forward', () => {
    expect(isOnStep(utc('2026-03-06T14:00:00Z'), 60, NEW_YORK)).to.equal(true);
    expect(isOnStep(utc('2026-03-09T13:00:00Z'), 60, NEW_YORK)).to.equal(true);
    expect(isOnStep(utc('2026-03-09T13:15:00Z'), 60, NEW_YORK)).to.equal(false);
    expect(isOnStep(utc('2026-03-09T13:15:00Z'), 15, NEW_YORK)).to.equal(true);
  });

  it('counts a 60-minute step from the local hour at +12:45 in Chatham', () => {
    expect(isOnStep(at(date(2026, 6, 1), 9, 0, CHATHAM), 60, CHATHAM)).to.equal(true);
    expect(isOnStep(utc('2026-06-01T09:00:00Z'), 60, CHATHAM)).to.equal(false);
  });

  it('is not on the step a second past it', () => {
    expect(isOnStep(utc('2026-03-09T13:00:01Z'), 15, NEW_YORK)).to.equal(false);
  });

  it('puts every local midnight on a 50-minute step, as steps count from local midnight', () => {
    // "Starts fall on multiples of this many minutes past local midnight" (StartTimeOptions.stepMinutes).
    for (const timeZone of ['UTC', NEW_YORK]) {
      for (let offset = 0; offset < 5; offset++) {
        const midnight = startOfDay(addDays(date(2026, 3, 9), offset), timeZone);
        expect(isOnStep(midnight, 50, timeZone), `${localStamp(midnight, timeZone)} ${timeZone}`).to.equal(true);
        expect(isOnStep(midnight + 50 * MINUTE, 50, timeZone), `00:50 ${timeZone}`).to.equal(true);
      }
    }
  });
});

/** Local hh:mm of each start, for readable expectations. */
const startsShown = (starts: number[], timeZone: string) => starts.map((start) => localTime(start, timeZone));

describe('openStartTimes', () => {
  it('starts on the local hour in Kolkata, which is half past in UTC', () => {
    const day = date(2026, 3, 9);
    const open = [{ start: at(day, 9, 0, KOLKATA), end: at(day, 12, 0, KOLKATA) }];
    const starts = openStartTimes(open, { durationMinutes: 50, stepMinutes: 60, timeZone: KOLKATA });
    expect(startsShown(starts, KOLKATA)).to.deep.equal(['09:00', '10:00', '11:00']);
    expect(starts).to.deep.equal([utc('2026-03-09T03:30:00Z'), utc('2026-03-09T04:30:00Z'), utc('2026-03-09T05:30:00Z')]);
    for (const start of starts) expect(new Date(start).getUTCMinutes()).to.equal(30);
  });

  it('offers only starts where the whole service fits', () => {
    const day = date(2026, 3, 10);
    const options: StartTimeOptions = { durationMinutes: 50, stepMinutes: 30, timeZone: NEW_YORK };
    const open = [{ start: at(day, 9, 0, NEW_YORK), end: at(day, 10, 40, NEW_YORK) }];
    expect(startsShown(openStartTimes(open, options), NEW_YORK)).to.deep.equal(['09:00', '09:30']);
    const exact = [{ start: at(day, 9, 0, NEW_YORK), end: at(day, 9, 50, NEW_YORK) }];
    expect(startsShown(openStartTimes(exact, options), NEW_YORK)).to.deep.equal(['09:00']);
    const tooShort = [{ start: at(day, 9, 0, NEW_YORK), end: at(day, 9, 49, NEW_YORK) }];
    expect(openStartTimes(tooShort, options)).to.deep.equal([]);
  });

  it('moves the first start of an opening that begins off the step up to the next step', () => {
    const day = date(2026, 3, 10);
    const open = [{ start: at(day, 9, 10, NEW_YORK), end: at(day, 11, 0, NEW_YORK) }];
    const starts = openStartTimes(open, { durationMinutes: 30, stepMinutes: 30, timeZone: NEW_YORK });
    expect(startsShown(starts, NEW_YORK)).to.deep.equal(['09:30', '10:00', '10:30']);
  });

  it('lists starts of several openings in order, after normalizing them', () => {
    const day = date(2026, 3, 10);
    const open = [
      { start: at(day, 13, 0, NEW_YORK), end: at(day, 14, 0, NEW_YORK) },
      { start: at(day, 9, 0, NEW_YORK), end: at(day, 10, 0, NEW_YORK) },
      { start: at(day, 10, 0, NEW_YORK), end: at(day, 10, 30, NEW_YORK) },
    ];
    const starts = openStartTimes(open, { durationMinutes: 60, stepMinutes: 30, timeZone: NEW_YORK });
    expect(startsShown(starts, NEW_YORK)).to.deep.equal(['09:00', '09:30', '13:00']);
  });

  it('keeps hourly starts on the local hour across New York spring forward, skipping 02:00', () => {
    const day = date(2026, 3, 8);
    const open = [{ start: at(day, 0, 0, NEW_YORK), end: at(day, 6, 0, NEW_YORK) }];
    const starts = openStartTimes(open, { durationMinutes: 60, stepMinutes: 60, timeZone: NEW_YORK });
    expect(startsShown(starts, NEW_YORK)).to.deep.equal(['00:00', '01:00', '03:00', '04:00', '05:00']);
  });

  it('offers 01:00 twice across New York fall back', () => {
    const day = date(2026, 11, 1);
    const open = [{ start: at(day, 0, 0, NEW_YORK), end: at(day, 4, 0, NEW_YORK) }];
    const starts = openStartTimes(open, { durationMinutes: 60, stepMinutes: 60, timeZone: NEW_YORK });
    expect(startsShown(starts, NEW_YORK)).to.deep.equal(['00:00', '01:00', '01:00', '02:00', '03:00']);
    expect(starts).to.deep.equal([4, 5, 6, 7, 8].map((hour) => utc(`2026-11-01T0${hour}:00:00Z`)));
  });

  it('keeps half-hourly starts on the local half hour across the Lord Howe half-hour change', () => {
    const day = date(2026, 10, 4);
    const open = [{ start: at(day, 0, 0, LORD_HOWE), end: at(day, 4, 0, LORD_HOWE) }];
    const starts = openStartTimes(open, { durationMinutes: 30, stepMinutes: 30, timeZone: LORD_HOWE });
    expect(startsShown(starts, LORD_HOWE)).to.deep.equal(['00:00', '00:30', '01:00', '01:30', '02:30', '03:00', '03:30']);
  });

  it('keeps hourly starts on the local hour in Lord Howe when an opening begins at 01:30, just before the clocks go forward', () => {
    // 01:30 (+10:30) is 02:00 in +11 terms, but +11 only starts at 02:00 local (15:30Z), so 01:30 is not on the hour.
    const day = date(2026, 10, 4);
    const open = [{ start: at(day, 1, 30, LORD_HOWE), end: at(day, 6, 0, LORD_HOWE) }];
    const starts = openStartTimes(open, { durationMinutes: 60, stepMinutes: 60, timeZone: LORD_HOWE });
    expect(startsShown(starts, LORD_HOWE)).to.deep.equal(['03:00', '04:00', '05:00']);
    for (const start of starts) expect(isOnStep(start, 60, LORD_HOWE), localStamp(start, LORD_HOWE)).to.equal(true);
  });

  it('offers 03:00 EDT on a 45-minute step the night New York springs forward', () => {
    // 03:00 is 180 minutes past midnight, on the step (isOnStep agrees), and the service fits before 03:30.
    const open = [{ start: at(date(2026, 3, 7), 22, 30, NEW_YORK), end: at(date(2026, 3, 8), 3, 30, NEW_YORK) }];
    const starts = openStartTimes(open, { durationMinutes: 30, stepMinutes: 45, timeZone: NEW_YORK });
    expect(isOnStep(utc('2026-03-08T07:00:00Z'), 45, NEW_YORK)).to.equal(true);
    expect(startsShown(starts, NEW_YORK)).to.deep.equal(['22:30', '23:15', '00:00', '00:45', '01:30', '03:00']);
  });

  it('offers only starts that isOnStep accepts on a 45-minute step the night New York falls back', () => {
    // Open from 01:31 EDT: 01:45 EDT is 105 minutes past midnight, not on a 45-minute step.
    const from = utc('2026-11-01T05:31:00Z');
    const starts = openStartTimes([{ start: from, end: from + 4 * HOUR }], {
      durationMinutes: 30,
      stepMinutes: 45,
      timeZone: NEW_YORK,
    });
    for (const start of starts) expect(isOnStep(start, 45, NEW_YORK), localStamp(start, NEW_YORK)).to.equal(true);
    expect(starts).to.deep.equal(['06:30', '07:15', '08:00', '08:45'].map((time) => utc(`2026-11-01T${time}:00Z`)));
  });

  it('restarts a 50-minute step at local midnight, 40 minutes after the last start of the day', () => {
    const open = [{ start: utc('2026-03-09T22:00:00Z'), end: utc('2026-03-10T02:00:00Z') }];
    const starts = openStartTimes(open, { durationMinutes: 50, stepMinutes: 50, timeZone: 'UTC' });
    expect(startsShown(starts, 'UTC')).to.deep.equal(['22:30', '23:20', '00:00', '00:50']);
  });

  it('counts a 50-minute step from local midnight, the same on every day', () => {
    // StartTimeOptions.stepMinutes: "Starts fall on multiples of this many minutes past local midnight".
    const options: StartTimeOptions = { durationMinutes: 50, stepMinutes: 50, timeZone: 'UTC' };
    for (const day of [date(2026, 3, 9), date(2026, 3, 10)]) {
      const open = [{ start: at(day, 9, 0, 'UTC'), end: at(day, 12, 0, 'UTC') }];
      expect(startsShown(openStartTimes(open, options), 'UTC'), formatPlainDate(day)).to.deep.equal(['09:10', '10:00', '10:50']);
    }
  });
});

/*
 * The naive reference: walk every minute, keep those whose local minute of the day is a
 * multiple of the step and from which the whole service lies inside open time.
 */
interface Scenario {
  name: string;
  timeZone: string;
  /** A UTC instant near which the interesting things happen. */
  around: string;
  steps: number[];
}

const WINDOW_MINUTES = 10 * 60;

const localMinuteCache = new Map<string, Int32Array>();
/** Local minute of day for each minute of the window, read with an Intl formatter of our own. */
function localMinutes(scenario: Scenario): Int32Array {
  let minutes = localMinuteCache.get(scenario.name);
  if (!minutes) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: scenario.timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
    });
    const base = utc(scenario.around) - WINDOW_MINUTES * MINUTE;
    minutes = new Int32Array(2 * WINDOW_MINUTES + 1);
    for (let index = 0; index < minutes.length; index++) {
      const parts = formatter.formatToParts(new Date(base + index * MINUTE));
      const hour = Number(parts.find((part) => part.type === 'hour')!.value);
      const minute = Number(parts.find((part) => part.type === 'minute')!.value);
      minutes[index] = hour * 60 + minute;
    }
    localMinuteCache.set(scenario.name, minutes);
  }
  return minutes;
}

function referenceStarts(scenario: Scenario, open: Interval[], durationMinutes: number, stepMinutes: number): number[] {
  const base = utc(scenario.around) - WINDOW_MINUTES * MINUTE;
  const local = localMinutes(scenario);
  const covered = new Uint8Array(local.length + durationMinutes + 1);
  for (const { start, end } of open) {
    for (let minute = (start - base) / MINUTE; minute < (end - base) / MINUTE; minute++) covered[minute] = 1;
  }
  const starts: number[] = [];
  for (let minute = 0; minute < local.length; minute++) {
    if (local[minute] % stepMinutes !== 0) continue;
    let fits = true;
    for (let used = minute; used < minute + durationMinutes && fits; used++) fits = covered[used] === 1;
    if (fits) starts.push(base + minute * MINUTE);
  }
  return starts;
}

function startsAgreeWithReference(scenarios: Scenario[], examples: [Scenario, [number, number][], number, number][] = []) {
  const openMinutes = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 2 * WINDOW_MINUTES }), fc.integer({ min: 1, max: 6 * 60 })),
    { minLength: 1, maxLength: 3 },
  );
  const input = fc
    .constantFrom(...scenarios)
    .chain((scenario) =>
      fc.tuple(fc.constant(scenario), openMinutes, fc.constantFrom(15, 30, 45, 50, 60, 90), fc.constantFrom(...scenario.steps)),
    );
  fc.assert(
    fc.property(input, ([scenario, spans, durationMinutes, stepMinutes]) => {
      const base = utc(scenario.around) - WINDOW_MINUTES * MINUTE;
      const open = spans.map(([from, length]) => ({
        start: base + from * MINUTE,
        end: base + Math.min(2 * WINDOW_MINUTES, from + length) * MINUTE,
      }));
      const actual = openStartTimes(open, { durationMinutes, stepMinutes, timeZone: scenario.timeZone });
      const expected = referenceStarts(scenario, open, durationMinutes, stepMinutes);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect.fail(
          `${scenario.name}, step ${stepMinutes}, service ${durationMinutes}, open ${open
            .map((i) => `${localStamp(i.start, scenario.timeZone)}..${localTime(i.end, scenario.timeZone)}`)
            .join(', ')}: got [${startsShown(actual, scenario.timeZone)}], expected [${startsShown(expected, scenario.timeZone)}]`,
        );
      }
    }),
    { numRuns: 250, includeErrorInReport: true, examples: examples.map(([scenario, spans, duration, step]) => [[scenario, spans, duration, step]]) },
  );
}

describe('openStartTimes against a minute-by-minute reference', () => {
  const hourShift = [5, 10, 15, 20, 30, 50, 60];
  const scenarios: Scenario[] = [
    { name: 'New York spring forward', timeZone: NEW_YORK, around: '2026-03-08T07:00:00Z', steps: hourShift },
    { name: 'New York fall back', timeZone: NEW_YORK, around: '2026-11-01T06:00:00Z', steps: hourShift },
    { name: 'Berlin spring forward', timeZone: BERLIN, around: '2026-03-29T01:00:00Z', steps: hourShift },
    { name: 'Berlin fall back', timeZone: BERLIN, around: '2026-10-25T01:00:00Z', steps: hourShift },
    { name: 'Santiago skipped midnight', timeZone: SANTIAGO, around: '2026-09-06T04:00:00Z', steps: hourShift },
    { name: 'Kolkata working day', timeZone: KOLKATA, around: '2026-03-09T06:30:00Z', steps: hourShift },
    { name: 'Chatham (+12:45) forward', timeZone: CHATHAM, around: '2026-09-26T14:00:00Z', steps: hourShift },
    // Steps that the half-hour change is a whole number of; the rest are tried in the next test.
    { name: 'Lord Howe half-hour back', timeZone: LORD_HOWE, around: '2026-04-04T15:00:00Z', steps: [5, 10, 15, 30, 50] },
    { name: 'Lord Howe half-hour forward', timeZone: LORD_HOWE, around: '2026-10-03T15:30:00Z', steps: [5, 10, 15, 30, 50] },
  ];

  it('offers exactly the minutes on the local step where the whole service fits, around clock changes', () => {
    startsAgreeWithReference(scenarios);
  });

  it('offers exactly those minutes for steps that the clock change is not a multiple of (Lord Howe hourly, New York 45 and 90)', () => {
    const lordHoweForward: Scenario = {
      name: 'Lord Howe half-hour forward, odd steps',
      timeZone: LORD_HOWE,
      around: '2026-10-03T15:30:00Z',
      steps: [20, 45, 60, 70, 90],
    };
    const odd: Scenario[] = [
      lordHoweForward,
      { name: 'Lord Howe half-hour back, odd steps', timeZone: LORD_HOWE, around: '2026-04-04T15:00:00Z', steps: [20, 45, 60, 70, 90] },
      { name: 'New York spring forward, odd steps', timeZone: NEW_YORK, around: '2026-03-08T07:00:00Z', steps: [40, 45, 70, 90, 120] },
      { name: 'New York fall back, odd steps', timeZone: NEW_YORK, around: '2026-11-01T06:00:00Z', steps: [40, 45, 70, 90, 120] },
      { name: 'Berlin fall back, odd steps', timeZone: BERLIN, around: '2026-10-25T01:00:00Z', steps: [40, 45, 70, 90, 120] },
    ];
    // Always tried first: an opening from 01:30 local, the last half hour before Lord Howe goes forward.
    startsAgreeWithReference(odd, [[lordHoweForward, [[WINDOW_MINUTES - 30, 240]], 60, 60]]);
  });
});
