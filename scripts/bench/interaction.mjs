// What runs on each drag move (checkSelection over IntervalIndex) and what a visible week greys
// out, at 1,000, 10,000 and 100,000 intervals, beside naive linear versions timed in the same run.
import { isDeepStrictEqual } from 'node:util';
import { naiveCheckSelection, naiveGaps } from './naive.mjs';
import { compare, random } from './stats.mjs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const zone = 'America/New_York';
// Fixed dates, so every run times the same inputs.
const origin = Date.UTC(2027, 0, 4, 12);

/** `count` disjoint intervals on five-minute boundaries, gaps and lengths drawn from `next`. */
function intervals(count, next, { gap, length }) {
  const list = [];
  let cursor = origin;
  const draw = ([low, high]) => (low + Math.floor(next() * ((high - low) / 5 + 1)) * 5) * MINUTE;
  for (let i = 0; i < count; i++) {
    cursor += draw(gap);
    const end = cursor + draw(length);
    list.push({ start: cursor, end });
    cursor = end;
  }
  return list;
}

export const sizes = [1_000, 10_000, 100_000];

/** The last answers of the timed calls: reachable from the module, so they are really built. */
export let keptAnswers = [];

/** The inputs at one size, and any disagreement between the fast and naive answers on them. */
function setUp(scheduling, size) {
  const { IntervalIndex, checkSelection, complement, snapToService, startOfWeek, toPlainDate, startOfDay, addDays } = scheduling;
  const next = random(size);
  const openList = intervals(size, next, { gap: [15, 240], length: [15, 180] });
  const ownList = intervals(size, next, { gap: [60, 480], length: [25, 80] });
  const open = new IntervalIndex(openList);
  const ownBusy = new IntervalIndex(ownList);
  const span = { start: origin, end: Math.max(openList.at(-1).end, ownList.at(-1).end) };
  const durationMinutes = 50;
  const rules = {
    providerSelfSchedules: true,
    serviceOffered: true,
    durationMinutes,
    open,
    ownBusy,
    now: span.start - DAY,
    earliestStart: span.start + DAY,
    latestEnd: span.end - DAY,
  };
  const withStep = { ...rules, slotStep: { minutes: 15, timeZone: zone } };
  const naiveRules = { ...rules, open: open.intervals, ownBusy: ownBusy.intervals };
  // Random drag positions across the whole span: open and not, inside and outside the window.
  const pool = Array.from({ length: 512 }, () =>
    snapToService(span.start + Math.floor((next() * (span.end - span.start)) / (5 * MINUTE)) * 5 * MINUTE, durationMinutes),
  );
  // Visible weeks (Sunday to Sunday in New York) spread over the span.
  const weeks = Array.from({ length: 64 }, (_, i) => {
    const first = startOfWeek(toPlainDate(span.start + ((i + 0.5) / 64) * (span.end - span.start), zone), 7);
    return { start: startOfDay(first, zone), end: startOfDay(addDays(first, 7), zone) };
  });

  const mismatches = [];
  for (const selection of pool) {
    const fast = checkSelection(selection, rules);
    const slow = naiveCheckSelection(selection, naiveRules);
    if (!isDeepStrictEqual(fast, slow)) {
      mismatches.push(`checkSelection at ${size}: ${new Date(selection.start).toISOString()} ${JSON.stringify(fast)} ≠ naive ${JSON.stringify(slow)}`);
      break;
    }
  }
  for (const week of weeks) {
    const slow = naiveGaps(open.intervals, week);
    if (!isDeepStrictEqual(open.gapsWithin(week), slow) || !isDeepStrictEqual(complement(open.intervals, week), slow)) {
      mismatches.push(`greyed-out week at ${size}: ${new Date(week.start).toISOString()} differs from naive`);
      break;
    }
  }
  // Every sample times whole passes over the same few of them, so samples differ only by noise.
  const timedPositions = pool.slice(0, 128);
  const timedWeeks = weeks.filter((_, i) => i % 8 === 0);
  return {
    mismatches,
    check: {
      index: [(selection) => checkSelection(selection, rules), timedPositions],
      naive: [(selection) => naiveCheckSelection(selection, naiveRules), timedPositions],
      indexWithStep: [(selection) => checkSelection(selection, withStep), timedPositions],
    },
    weekly: {
      index: [(week) => open.gapsWithin(week), timedWeeks],
      complement: [(week) => complement(open.intervals, week), timedWeeks],
      naive: [(week) => naiveGaps(open.intervals, week), timedWeeks],
    },
  };
}

/**
 * Returns, per size, ns per call of each contender, plus any disagreement between the fast and
 * naive answers (which fails the bench). Each column (one contender at every size) is one
 * interleaved comparison, so a burst of other work on the machine lands on all sizes alike, and
 * no contender's garbage is collected in the middle of another's samples.
 */
export function benchInteraction(scheduling) {
  const setups = sizes.map((size) => ({ size, ...setUp(scheduling, size) }));
  // Every answer is kept (in a ring), so it escapes: the compiler cannot skip building what a
  // caller might read, such as the ISO strings in a problem, when the bench only counts problems.
  const kept = new Array(256);
  // One operation for `compare` is a pass over the whole list; the figures are then per call.
  const passes = ([fn, list]) => (batch) => {
    for (let pass = 0; pass < batch; pass++) for (let i = 0; i < list.length; i++) kept[i & 255] = fn(list[i]);
  };
  const perCall = (summary, calls) => Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, key === 'n' ? value : value / calls]));
  const timeColumn = (table, name) => {
    const timings = compare(Object.fromEntries(setups.map((setup) => [setup.size, passes(setup[table][name])])));
    return Object.fromEntries(setups.map((setup) => [setup.size, perCall(timings[setup.size], setup[table][name][1].length)]));
  };
  const timeTable = (table) => {
    const columns = Object.keys(setups[0][table]).map((name) => [name, timeColumn(table, name)]);
    return setups.map(({ size }) => Object.fromEntries(columns.map(([name, timings]) => [name, timings[size]])));
  };
  const check = timeTable('check');
  const weekly = timeTable('weekly');
  keptAnswers = kept;
  return {
    rows: setups.map(({ size }, i) => ({ size, check: check[i], weekly: weekly[i] })),
    mismatches: setups.flatMap((setup) => setup.mismatches),
  };
}
