/**
 * Whether a chosen time may be requested, with every reason it may not, in the order a person
 * would want to hear them. The same check runs on each drag move in the browser and on each
 * request on the server, so it is kept to O(log n) binary searches.
 */
import type { SelectionProblem } from '../model/schemas.js';
import type { Interval, IntervalIndex } from './intervals.js';
import { isOnStep } from './open-time.js';
import { MINUTE } from './time-zone.js';

export interface SelectionRules {
  /** Whether the therapist uses self-scheduling at all. */
  providerSelfSchedules: boolean;
  /** Whether the provider offers the service at the location. */
  serviceOffered: boolean;
  /** The service's length. */
  durationMinutes: number;
  /** Bookable time (see `openTime`). */
  open: IntervalIndex;
  /** The client's own appointments and pending requests that still hold their time. */
  ownBusy: IntervalIndex;
  now: number;
  /** Now plus the minimum notice. */
  earliestStart: number;
  /** The end of the booking horizon. */
  latestEnd: number;
  /** Start times fall on this step, counted in `timeZone`; omit to accept any minute. */
  slotStep?: { minutes: number; timeZone: string };
}

/**
 * A click, or a drag of any length, selects one service length from where it starts: the
 * service decides how long a session is, the client only chooses when.
 */
export function snapToService(start: number, durationMinutes: number): Interval {
  return { start, end: start + durationMinutes * MINUTE };
}

const iso = (instant: number) => new Date(instant).toISOString();

/** Every reason `selection` cannot be requested; an empty list means it can. */
export function checkSelection(selection: Interval, rules: SelectionRules): SelectionProblem[] {
  const problems: SelectionProblem[] = [];
  if (!rules.providerSelfSchedules) problems.push({ code: 'provider-not-self-scheduling' });
  if (!rules.serviceOffered) problems.push({ code: 'service-not-offered' });

  const { start, end } = selection;
  const actualMinutes = (end - start) / MINUTE;
  if (actualMinutes !== rules.durationMinutes) {
    problems.push({ code: 'wrong-length', expectedMinutes: rules.durationMinutes, actualMinutes });
  }

  if (start < rules.now) problems.push({ code: 'in-the-past' });
  else if (start < rules.earliestStart) {
    problems.push({ code: 'inside-minimum-notice', earliestStart: iso(rules.earliestStart) });
  }
  if (start + rules.durationMinutes * MINUTE > rules.latestEnd) {
    problems.push({ code: 'beyond-horizon', latestEnd: iso(rules.latestEnd) });
  }
  if (rules.slotStep && !isOnStep(start, rules.slotStep.minutes, rules.slotStep.timeZone)) {
    problems.push({ code: 'not-on-slot-step', stepMinutes: rules.slotStep.minutes });
  }

  const outsideWindow = problems.some(
    (problem) => problem.code === 'in-the-past' || problem.code === 'inside-minimum-notice' || problem.code === 'beyond-horizon',
  );

  // The service must fit from the chosen start (a longer drag is already a wrong length). Open
  // time ends where the bookable window does, so a time outside it was explained above.
  const needed = start + rules.durationMinutes * MINUTE;
  if (!outsideWindow && !rules.open.covers(start, needed)) {
    const around = rules.open.containing(start);
    if (around) {
      problems.push({
        code: 'too-short-for-service',
        serviceMinutes: rules.durationMinutes,
        availableMinutes: Math.floor((around.end - start) / MINUTE),
      });
    } else {
      problems.push({ code: 'outside-availability' });
    }
  }

  const clash = rules.ownBusy.firstOverlapping(start, needed);
  if (clash) problems.push({ code: 'overlaps-own-appointment', start: iso(clash.start), end: iso(clash.end) });
  return problems;
}
