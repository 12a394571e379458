// Naive references for the scheduling rules: plain linear scans and a minute-by-minute grid,
// written apart from src/ so that the fast versions are checked against something that shares
// none of their shortcuts (binary search, interval algebra, offset arithmetic).

const MINUTE = 60_000;

/** `index.covers` by scanning every interval. */
function covers(intervals, start, end) {
  for (const interval of intervals) if (interval.start <= start && end <= interval.end) return start < end;
  return false;
}

function containing(intervals, time) {
  for (const interval of intervals) if (interval.start <= time && time < interval.end) return interval;
  return undefined;
}

function firstOverlapping(intervals, start, end) {
  if (end <= start) return undefined;
  for (const interval of intervals) if (interval.start < end && start < interval.end) return interval;
  return undefined;
}

const iso = (instant) => new Date(instant).toISOString();

/**
 * checkSelection's interval rules with linear scans: `open` and `ownBusy` are plain sorted
 * arrays. No slot step (that rule costs the same whatever the number of intervals).
 */
export function naiveCheckSelection(selection, rules) {
  const problems = [];
  if (!rules.providerSelfSchedules) problems.push({ code: 'provider-not-self-scheduling' });
  if (!rules.serviceOffered) problems.push({ code: 'service-not-offered' });
  const { start, end } = selection;
  const actualMinutes = (end - start) / MINUTE;
  if (actualMinutes !== rules.durationMinutes) {
    problems.push({ code: 'wrong-length', expectedMinutes: rules.durationMinutes, actualMinutes });
  }
  let outsideWindow = false;
  if (start < rules.now) {
    problems.push({ code: 'in-the-past' });
    outsideWindow = true;
  } else if (start < rules.earliestStart) {
    problems.push({ code: 'inside-minimum-notice', earliestStart: iso(rules.earliestStart) });
    outsideWindow = true;
  }
  const needed = start + rules.durationMinutes * MINUTE;
  if (needed > rules.latestEnd) {
    problems.push({ code: 'beyond-horizon', latestEnd: iso(rules.latestEnd) });
    outsideWindow = true;
  }
  if (!outsideWindow && !covers(rules.open, start, needed)) {
    const around = containing(rules.open, start);
    problems.push(
      around
        ? { code: 'too-short-for-service', serviceMinutes: rules.durationMinutes, availableMinutes: Math.floor((around.end - start) / MINUTE) }
        : { code: 'outside-availability' },
    );
  }
  const clash = firstOverlapping(rules.ownBusy, start, needed);
  if (clash) problems.push({ code: 'overlaps-own-appointment', start: iso(clash.start), end: iso(clash.end) });
  return problems;
}

/** The greyed-out times of `range`: every interval is looked at, in order. */
export function naiveGaps(intervals, range) {
  const gaps = [];
  let cursor = range.start;
  for (const interval of intervals) {
    if (interval.end <= range.start || interval.start >= range.end) continue;
    if (interval.start > cursor) gaps.push({ start: cursor, end: interval.start });
    cursor = Math.max(cursor, interval.end);
  }
  if (cursor < range.end) gaps.push({ start: cursor, end: range.end });
  return gaps;
}

/** Year, month, day, weekday (1 = Monday), hour and minute of the clocks of `timeZone`. */
function wallClockReader(timeZone) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  const weekdays = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
  return (instant) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: weekdays[parts.weekday],
      minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    };
  };
}

const clockMinutes = (text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/**
 * Open time and start times by brute force: every minute of `range` is read on the wall clock
 * of the zone and marked open or not (working hours, breaks, days off, busy times, the
 * notice-to-horizon window); a start is any minute on the step from which `durationMinutes`
 * open minutes follow. Valid where no clock change falls inside working hours (true of the
 * bench's pattern: New York changes at 02:00) and for whole-minute inputs.
 */
export function naiveAvailability({ pattern, busy, range, earliestStart, latestEnd }, { durationMinutes, stepMinutes }) {
  const read = wallClockReader(pattern.timeZone);
  const minutes = Math.round((range.end - range.start) / MINUTE);
  const open = new Uint8Array(minutes);
  const daysOff = new Set(pattern.daysOff ?? []);
  const onStep = new Uint8Array(minutes);
  for (let m = 0; m < minutes; m++) {
    const instant = range.start + m * MINUTE;
    const clock = read(instant);
    onStep[m] = clock.minuteOfDay % stepMinutes === 0 ? 1 : 0;
    if (instant < earliestStart || instant >= latestEnd || daysOff.has(clock.date)) continue;
    const inHours = pattern.weekly.some(
      (window) => window.weekday === clock.weekday && clockMinutes(window.start) <= clock.minuteOfDay && clock.minuteOfDay < clockMinutes(window.end),
    );
    const inBreak = (pattern.breaks ?? []).some(
      (pause) =>
        (pause.weekday === undefined || pause.weekday === clock.weekday) &&
        clockMinutes(pause.start) <= clock.minuteOfDay &&
        clock.minuteOfDay < clockMinutes(pause.end),
    );
    open[m] = inHours && !inBreak ? 1 : 0;
  }
  for (const interval of busy) {
    const from = Math.max(0, Math.ceil((interval.start - range.start) / MINUTE));
    const to = Math.min(minutes, Math.ceil((interval.end - range.start) / MINUTE));
    for (let m = from; m < to; m++) open[m] = 0;
  }
  const intervals = [];
  for (let m = 0; m < minutes; m++) {
    if (!open[m]) continue;
    const last = intervals[intervals.length - 1];
    const instant = range.start + m * MINUTE;
    if (last && last.end === instant) last.end += MINUTE;
    else intervals.push({ start: instant, end: instant + MINUTE });
  }
  const starts = [];
  let run = 0;
  // Walking backwards, `run` is how many open minutes follow each minute.
  const following = new Int32Array(minutes);
  for (let m = minutes - 1; m >= 0; m--) {
    run = open[m] ? run + 1 : 0;
    following[m] = run;
  }
  for (let m = 0; m < minutes; m++) if (onStep[m] && following[m] >= durationMinutes) starts.push(range.start + m * MINUTE);
  return { open: intervals, starts };
}
