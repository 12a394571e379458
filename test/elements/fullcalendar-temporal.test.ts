import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import * as InstantFns from 'temporal-polyfill/fns/Instant';
import * as PlainDateTimeFns from 'temporal-polyfill/fns/PlainDateTime';
import * as ZonedDateTimeFns from 'temporal-polyfill/fns/ZonedDateTime';
import * as ours from '../../src/elements/availability-grid/fullcalendar-temporal.js';

// Zones with spring-forward and fall-back changes, half-hour changes, and none at all.
const zones = ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'UTC'];
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
const zone = fc.constantFrom(...zones);

/** A wall clock to the millisecond, crowded around 01:00–03:59 where clocks change. */
const wallClock = fc.record({
  year: fc.integer({ min: 1990, max: 2060 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 })),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  millisecond: fc.integer({ min: 0, max: 999 }),
});

const polyfillInstant = (wall: ours.PlainDateTime, timeZone: string) =>
  PlainDateTimeFns.toZonedDateTime(
    PlainDateTimeFns.create(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond),
    timeZone,
  );

describe("FullCalendar's Temporal calls in the script-tag build", () => {
  it('reads the wall clock of an instant as temporal-polyfill does', () => {
    fc.assert(
      fc.property(instant, zone, (ms, timeZone) => {
        const theirs = InstantFns.toZonedDateTimeISO(InstantFns.fromEpochMilliseconds(ms), timeZone);
        const mine = ours.toZonedDateTimeISO(ours.fromEpochMilliseconds(ms), timeZone);
        const fields = (z: typeof mine | typeof theirs) => [z.year, z.month, z.day, z.hour, z.minute, z.second, z.millisecond];
        expect(fields(mine)).to.deep.equal(fields(theirs));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the instant and offset of a wall clock as temporal-polyfill does, in skipped and repeated hours too', () => {
    fc.assert(
      fc.property(wallClock, zone, (wall, timeZone) => {
        const theirs = polyfillInstant(wall, timeZone);
        const mine = ours.toZonedDateTime(ours.create(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond), timeZone);
        expect(mine.epochMilliseconds).to.equal(theirs.epochMilliseconds);
        expect(ours.offsetNanoseconds(mine)).to.equal(ZonedDateTimeFns.offsetNanoseconds(theirs));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on the changes themselves', () => {
    const cases: [ours.PlainDateTime, string][] = [
      // Skipped: New York 2027-03-14 02:30, Lord Howe's half hour, Chatham's 02:45 change.
      [ours.create(2027, 3, 14, 2, 30, 15, 500), 'America/New_York'],
      [ours.create(2026, 10, 4, 2, 15), 'Australia/Lord_Howe'],
      [ours.create(2026, 9, 27, 2, 50), 'Pacific/Chatham'],
      // Repeated: New York 2026-11-01 01:30, Berlin 2026-10-25 02:30, Lord Howe 2027-04-04 01:45.
      [ours.create(2026, 11, 1, 1, 30), 'America/New_York'],
      [ours.create(2026, 10, 25, 2, 30), 'Europe/Berlin'],
      [ours.create(2027, 4, 4, 1, 45), 'Australia/Lord_Howe'],
    ];
    for (const [wall, timeZone] of cases) {
      const theirs = polyfillInstant(wall, timeZone);
      const mine = ours.toZonedDateTime(wall, timeZone);
      expect(mine.epochMilliseconds, `${timeZone} ${JSON.stringify(wall)}`).to.equal(theirs.epochMilliseconds);
      expect(ours.offsetNanoseconds(mine)).to.equal(ZonedDateTimeFns.offsetNanoseconds(theirs));
    }
  });

  it('covers every Temporal function FullCalendar calls', async () => {
    // The modules vite.config.ts points here must offer whatever FullCalendar reads from them.
    const source = await (await fetch('/node_modules/@full-ui/headless-calendar/index.js')).text();
    const modules = new Set([...source.matchAll(/temporal-polyfill\/fns\/(\w+)/g)].map((match) => match[1]));
    expect([...modules].sort()).to.deep.equal(['Instant', 'PlainDateTime', 'ZonedDateTime']);
    const called = new Set([...source.matchAll(/\b(?:Instant|PlainDateTime|ZonedDateTime)Fns\.(\w+)/g)].map((match) => match[1]));
    expect(called.size).to.be.greaterThan(0);
    for (const name of called) expect(ours, name).to.have.property(name).that.is.a('function');
  });
});
