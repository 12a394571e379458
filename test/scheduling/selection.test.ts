import { expect } from '@open-wc/testing';
import { type SelectionProblem, type SelectionProblemCode, selectionProblemSchema } from '../../src/model/schemas.js';
import { type Interval, IntervalIndex } from '../../src/scheduling/intervals.js';
import { defaultProblemMessages, describeProblem, unknownProblemMessage } from '../../src/scheduling/problems.js';
import { type SelectionRules, checkSelection, snapToService } from '../../src/scheduling/selection.js';
import { HOUR, MINUTE } from '../../src/scheduling/time-zone.js';

const utc = (text: string) => Date.parse(text);
/** An instant on Tuesday 2026-03-10, by its UTC time of day. */
const tue = (time: string) => utc(`2026-03-10T${time}:00Z`);
const iso = (instant: number) => new Date(instant).toISOString();

/**
 * Open 09:00-12:00 and 13:00-17:00 UTC on Tuesday 2026-03-10, own appointment 15:00-16:00,
 * a 50-minute service on a 15-minute step, now the morning before, a day's notice is already
 * past by Tuesday 08:00, horizon a month out: a 10:00 selection is fine.
 */
function rules(overrides: Partial<SelectionRules> = {}): SelectionRules {
  return {
    providerSelfSchedules: true,
    serviceOffered: true,
    durationMinutes: 50,
    open: new IntervalIndex([
      { start: tue('09:00'), end: tue('12:00') },
      { start: tue('13:00'), end: tue('17:00') },
    ]),
    ownBusy: new IntervalIndex([{ start: tue('15:00'), end: tue('16:00') }]),
    now: utc('2026-03-09T08:00:00Z'),
    earliestStart: utc('2026-03-10T08:00:00Z'),
    latestEnd: utc('2026-04-09T00:00:00Z'),
    slotStep: { minutes: 15, timeZone: 'UTC' },
    ...overrides,
  };
}

const at = (time: string, minutes = 50) => snapToService(tue(time), minutes);
const codes = (problems: SelectionProblem[]) => problems.map((problem) => problem.code);

describe('checkSelection', () => {
  it('accepts a service-length selection inside open time, on the step, clear of own appointments', () => {
    expect(checkSelection(at('10:00'), rules())).to.deep.equal([]);
  });

  it('accepts a selection that ends exactly where open time ends, or where an own appointment begins', () => {
    const anyMinute = rules({ slotStep: undefined });
    expect(checkSelection(at('11:10'), anyMinute)).to.deep.equal([]);
    expect(checkSelection(at('16:10'), anyMinute)).to.deep.equal([]);
    expect(checkSelection(at('14:10'), anyMinute)).to.deep.equal([]);
    // ... and one starting exactly when the own appointment ends.
    expect(checkSelection(at('16:00'), anyMinute)).to.deep.equal([]);
  });

  it('reports provider-not-self-scheduling, and nothing else, for a therapist who does not self-schedule', () => {
    expect(checkSelection(at('10:00'), rules({ providerSelfSchedules: false }))).to.deep.equal([
      { code: 'provider-not-self-scheduling' },
    ]);
  });

  it('reports service-not-offered, and nothing else, for a service not offered there', () => {
    expect(checkSelection(at('10:00'), rules({ serviceOffered: false }))).to.deep.equal([{ code: 'service-not-offered' }]);
  });

  it('reports wrong-length with expected and actual minutes for a 30-minute selection of a 50-minute service', () => {
    expect(checkSelection(at('10:00', 30), rules())).to.deep.equal([
      { code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 },
    ]);
  });

  it('reports in-the-past for a start before now', () => {
    const now = tue('10:30');
    expect(checkSelection(at('10:00'), rules({ now, earliestStart: now - HOUR }))).to.deep.equal([{ code: 'in-the-past' }]);
  });

  it('reports in-the-past rather than inside-minimum-notice for a past start that is also inside the notice', () => {
    const now = tue('10:30');
    const problems = checkSelection(at('10:00'), rules({ now, earliestStart: now + 24 * HOUR }));
    expect(problems).to.deep.equal([{ code: 'in-the-past' }]);
  });

  it('does not count a start at exactly now as past', () => {
    const now = tue('10:00');
    expect(checkSelection(at('10:00'), rules({ now, earliestStart: now }))).to.deep.equal([]);
  });

  it('reports inside-minimum-notice with the earliest start, for a future start before it', () => {
    const problems = checkSelection(at('10:00'), rules({ now: tue('08:00'), earliestStart: tue('11:00') }));
    expect(problems).to.deep.equal([{ code: 'inside-minimum-notice', earliestStart: '2026-03-10T11:00:00.000Z' }]);
  });

  it('reports beyond-horizon with the latest end when the service would end after it', () => {
    expect(checkSelection(at('10:00'), rules({ latestEnd: tue('10:49') }))).to.deep.equal([
      { code: 'beyond-horizon', latestEnd: '2026-03-10T10:49:00.000Z' },
    ]);
    // Ending exactly at the horizon is allowed.
    expect(checkSelection(at('10:00'), rules({ latestEnd: tue('10:50') }))).to.deep.equal([]);
  });

  it('reports not-on-slot-step with the step for a start off the step', () => {
    expect(checkSelection(at('10:05'), rules())).to.deep.equal([{ code: 'not-on-slot-step', stepMinutes: 15 }]);
  });

  it('counts the slot step in the location zone: 10:00 UTC is off the hour in Kolkata, 09:30 UTC is on it', () => {
    const kolkata = rules({ slotStep: { minutes: 60, timeZone: 'Asia/Kolkata' } });
    expect(codes(checkSelection(at('10:00'), kolkata))).to.deep.equal(['not-on-slot-step']);
    expect(checkSelection(at('09:30'), kolkata)).to.deep.equal([]);
  });

  it('accepts any minute without a slot step', () => {
    expect(checkSelection(at('10:07'), rules({ slotStep: undefined }))).to.deep.equal([]);
  });

  it('reports outside-availability for a start in a break', () => {
    expect(checkSelection(at('12:15'), rules())).to.deep.equal([{ code: 'outside-availability' }]);
  });

  it('reports outside-availability for a start just before open time, even though the rest is open', () => {
    expect(checkSelection(at('08:45'), rules())).to.deep.equal([{ code: 'outside-availability' }]);
  });

  it('reports too-short-for-service with the free minutes: 50-minute service, only 30 free', () => {
    expect(checkSelection(at('11:30'), rules())).to.deep.equal([
      { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 },
    ]);
  });

  it('reports overlaps-own-appointment with that appointment', () => {
    expect(checkSelection(at('14:30'), rules())).to.deep.equal([
      { code: 'overlaps-own-appointment', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T16:00:00.000Z' },
    ]);
  });

  it('checks the whole service length when a shorter drag is selected', () => {
    // A 15-minute drag at 11:30 is the wrong length, and the 50-minute service does not fit either.
    expect(codes(checkSelection(at('11:30', 15), rules()))).to.deep.equal(['wrong-length', 'too-short-for-service']);
    expect(codes(checkSelection(at('14:30', 15), rules()))).to.deep.equal(['wrong-length', 'overlaps-own-appointment']);
  });

  it('never says a service is too short for a stretch it fits in, when a longer drag runs past the stretch', () => {
    // 90 minutes dragged from 11:00; the 50-minute service fits in the 60 free minutes before 12:00.
    const problems = checkSelection(at('11:00', 90), rules());
    for (const problem of problems) {
      if (problem.code === 'too-short-for-service') {
        expect(problem.availableMinutes, JSON.stringify(problem)).to.be.lessThan(problem.serviceMinutes);
      }
    }
    // The service fits from 11:00, so the only problem is the length of the drag.
    expect(problems).to.deep.equal([{ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 90 }]);
  });

  it('reports every problem at once, in the order a person would want to hear them', () => {
    const problems = checkSelection(
      { start: tue('12:05'), end: tue('12:35') },
      rules({
        providerSelfSchedules: false,
        serviceOffered: false,
        ownBusy: new IntervalIndex([{ start: tue('12:00'), end: tue('12:10') }]),
      }),
    );
    expect(codes(problems)).to.deep.equal([
      'provider-not-self-scheduling',
      'service-not-offered',
      'wrong-length',
      'not-on-slot-step',
      'outside-availability',
      'overlaps-own-appointment',
    ]);
    for (const problem of problems) expect(selectionProblemSchema.safeParse(problem).success, problem.code).to.equal(true);
  });

  it('puts the bookable-window problems after the length and before the step', () => {
    const problems = checkSelection(
      { start: tue('12:05'), end: tue('12:35') },
      rules({
        providerSelfSchedules: false,
        serviceOffered: false,
        now: tue('13:00'),
        latestEnd: tue('12:30'),
        ownBusy: new IntervalIndex([{ start: tue('12:00'), end: tue('12:10') }]),
      }),
    );
    expect(codes(problems)).to.deep.equal([
      'provider-not-self-scheduling',
      'service-not-offered',
      'wrong-length',
      'in-the-past',
      'beyond-horizon',
      'not-on-slot-step',
      'overlaps-own-appointment',
    ]);
  });

  it('does not add an availability problem to a time already outside the bookable window', () => {
    // Open time ends where the window does, so these are explained by the window alone.
    const now = tue('13:00');
    expect(checkSelection(at('12:15'), rules({ now, earliestStart: now }))).to.deep.equal([{ code: 'in-the-past' }]);
    expect(codes(checkSelection(at('12:15'), rules({ now: tue('08:00'), earliestStart: tue('14:00') })))).to.deep.equal([
      'inside-minimum-notice',
    ]);
    expect(codes(checkSelection(at('11:30'), rules({ latestEnd: tue('12:00') })))).to.deep.equal(['beyond-horizon']);
  });

  it('produces problems that match the wire schema', () => {
    const samples = [
      checkSelection(at('10:00', 30), rules()),
      checkSelection(at('10:00'), rules({ now: tue('08:00'), earliestStart: tue('11:00') })),
      checkSelection(at('10:00'), rules({ latestEnd: tue('10:49') })),
      checkSelection(at('11:30'), rules()),
      checkSelection(at('14:30'), rules()),
    ].flat();
    expect(samples).to.have.length(5);
    for (const problem of samples) {
      const parsed = selectionProblemSchema.safeParse(problem);
      expect(parsed.success, `${problem.code}: ${JSON.stringify(parsed.error?.issues)}`).to.equal(true);
    }
  });
});

describe('snapToService', () => {
  it('makes a selection exactly one service long from where it starts', () => {
    expect(snapToService(tue('10:00'), 50)).to.deep.equal({ start: tue('10:00'), end: tue('10:50') });
  });

  it('turns any drag into a selection checkSelection does not call the wrong length', () => {
    const dragged = { start: tue('10:00'), end: tue('11:30') };
    expect(codes(checkSelection(dragged, rules()))).to.include('wrong-length');
    expect(checkSelection(snapToService(dragged.start, 50), rules())).to.deep.equal([]);
  });
});

describe('checkSelection performance', () => {
  const COUNT = 100_000;
  const CHECKS = 10_000;
  // Open 45 minutes of every hour from 2026-01-01; own appointments every 7 hours.
  const base = utc('2026-01-01T00:00:00Z');
  const openIntervals: Interval[] = Array.from({ length: COUNT }, (_, index) => ({
    start: base + index * HOUR,
    end: base + index * HOUR + 45 * MINUTE,
  }));
  const busyIntervals: Interval[] = Array.from({ length: Math.floor(COUNT / 7) }, (_, index) => ({
    start: base + index * 7 * HOUR + 15 * MINUTE,
    end: base + index * 7 * HOUR + 30 * MINUTE,
  }));
  // No slot step: isOnStep costs an Intl call per check whatever the size of the calendar, and
  // this measures how the interval lookups scale.
  const manyRules = (): SelectionRules => ({
    ...rules({ durationMinutes: 30, slotStep: undefined }),
    open: new IntervalIndex(openIntervals),
    ownBusy: new IntervalIndex(busyIntervals),
    now: base,
    earliestStart: base,
    latestEnd: base + (COUNT + 1) * HOUR,
  });
  /** Selections spread over the whole range, a quarter hour apart, deterministic. */
  const selections = Array.from({ length: CHECKS }, (_, index) => {
    const quarter = (index * 7_919) % (COUNT * 4);
    return snapToService(base + quarter * 15 * MINUTE, 30);
  });

  /** What checkSelection would cost with linear scans instead of binary searches. */
  function naiveCheck(selection: Interval, open: readonly Interval[], busy: readonly Interval[]): string[] {
    const problems: string[] = [];
    const needed = Math.max(selection.end, selection.start + 30 * MINUTE);
    const covering = open.find((i) => i.start <= selection.start && needed <= i.end);
    if (!covering) {
      const around = open.find((i) => i.start <= selection.start && selection.start < i.end);
      problems.push(around ? 'too-short-for-service' : 'outside-availability');
    }
    if (busy.some((i) => i.start < needed && selection.start < i.end)) problems.push('overlaps-own-appointment');
    return problems;
  }

  it('checks 10,000 selections against 100,000 open intervals in well under 200 ms, where linear scans would not', () => {
    const checkRules = manyRules();
    const { open, ownBusy } = checkRules;
    expect(open.size).to.equal(COUNT);

    // Warm up, and make sure the fast and naive checks agree on what they both look at.
    for (const selection of selections.slice(0, 40)) {
      expect(codes(checkSelection(selection, checkRules))).to.deep.equal(naiveCheck(selection, open.intervals, ownBusy.intervals));
    }

    // The best of a few rounds, so that a busy machine does not decide the outcome.
    let fastMs = Infinity;
    let reported = 0;
    for (let round = 0; round < 5; round++) {
      const fastStart = performance.now();
      reported = 0;
      for (const selection of selections) reported += checkSelection(selection, checkRules).length;
      fastMs = Math.min(fastMs, performance.now() - fastStart);
    }
    expect(reported).to.be.greaterThan(0);

    // A sample of the naive version, scaled up to the same number of checks.
    const sample = selections.slice(0, 25);
    const naiveStart = performance.now();
    let naiveReported = 0;
    for (const selection of sample) naiveReported += naiveCheck(selection, open.intervals, ownBusy.intervals).length;
    const naiveMs = ((performance.now() - naiveStart) * CHECKS) / sample.length;
    expect(naiveReported).to.be.greaterThan(0);

    expect(fastMs, `checkSelection took ${fastMs.toFixed(1)} ms`).to.be.lessThan(200);
    expect(naiveMs, `linear scans would take ${naiveMs.toFixed(0)} ms`).to.be.greaterThan(200);
    expect(naiveMs / fastMs, `linear ${naiveMs.toFixed(0)} ms vs ${fastMs.toFixed(1)} ms`).to.be.greaterThan(10);
  });
});

describe('describeProblem', () => {
  const english = { locale: 'en-US', timeZone: 'America/New_York' };

  it('states the service length and the free minutes for too-short-for-service', () => {
    const sentence = describeProblem(
      { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 },
      { ...english, serviceName: 'Individual therapy' },
    );
    expect(sentence).to.contain('50 minutes');
    expect(sentence).to.contain('30 minutes');
    expect(sentence).to.contain('Individual therapy');
  });

  it('states both lengths for wrong-length', () => {
    const sentence = describeProblem({ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 }, english);
    expect(sentence).to.contain('50 minutes');
    expect(sentence).to.contain('30 minutes');
  });

  it('calls the service "This service" when no name is given', () => {
    const sentence = describeProblem({ code: 'service-not-offered' }, english);
    expect(sentence).to.match(/^This service /);
  });

  it('states the step for not-on-slot-step', () => {
    expect(describeProblem({ code: 'not-on-slot-step', stepMinutes: 15 }, english)).to.contain('15-minute');
  });

  it('writes times in the reader zone and locale', () => {
    const notice = describeProblem({ code: 'inside-minimum-notice', earliestStart: '2026-03-10T13:00:00.000Z' }, english);
    expect(notice).to.contain('March 10, 2026');
    expect(notice).to.contain('9:00');
    const horizon = describeProblem(
      { code: 'beyond-horizon', latestEnd: '2026-03-10T13:00:00.000Z' },
      { locale: 'en-US', timeZone: 'Asia/Kolkata' },
    );
    expect(horizon).to.contain('6:30');
    const clash = describeProblem(
      { code: 'overlaps-own-appointment', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T16:00:00.000Z' },
      english,
    );
    expect(clash).to.contain('11:00');
  });

  it('still gives a sentence for an unknown code or unreadable details (an unchecked adapter)', () => {
    const unknown = { code: 'room-flooded' } as unknown as SelectionProblem;
    expect(describeProblem(unknown, english)).to.equal(unknownProblemMessage);
    const unreadable = { code: 'inside-minimum-notice', earliestStart: 'soon' } as SelectionProblem;
    expect(describeProblem(unreadable, english)).to.equal(unknownProblemMessage);
  });

  it('has a sentence for every problem code', () => {
    const samples: SelectionProblem[] = [
      { code: 'provider-not-self-scheduling' },
      { code: 'service-not-offered' },
      { code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 },
      { code: 'in-the-past' },
      { code: 'inside-minimum-notice', earliestStart: '2026-03-10T13:00:00.000Z' },
      { code: 'beyond-horizon', latestEnd: '2026-03-10T13:00:00.000Z' },
      { code: 'not-on-slot-step', stepMinutes: 15 },
      { code: 'outside-availability' },
      { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 },
      { code: 'overlaps-own-appointment', start: '2026-03-10T15:00:00.000Z', end: '2026-03-10T16:00:00.000Z' },
    ];
    expect(samples.map((problem) => problem.code).sort()).to.deep.equal(
      (Object.keys(defaultProblemMessages) as SelectionProblemCode[]).sort(),
    );
    for (const problem of samples) {
      const sentence = describeProblem(problem, english);
      expect(sentence, problem.code).to.match(/^[A-Z].*\.$/);
    }
  });

  it('uses a replacement sentence from messages, passing it the problem and the helpers', () => {
    const options = {
      ...english,
      serviceName: 'Couples therapy',
      messages: {
        'too-short-for-service': (
          problem: { serviceMinutes: number; availableMinutes: number },
          helpers: { serviceName: string },
        ) => `Nur ${problem.availableMinutes} von ${problem.serviceMinutes} Minuten frei für ${helpers.serviceName}.`,
        'inside-minimum-notice': (problem: { earliestStart: string }, helpers: { time: (iso: string) => string }) =>
          `Frühestens ${helpers.time(problem.earliestStart)}.`,
      },
    };
    expect(
      describeProblem({ code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 }, options),
    ).to.equal('Nur 30 von 50 Minuten frei für Couples therapy.');
    expect(describeProblem({ code: 'inside-minimum-notice', earliestStart: iso(tue('13:00')) }, options)).to.match(
      /^Frühestens .*9:00/,
    );
  });

  it('keeps the default sentence for codes the messages do not replace', () => {
    const options = { ...english, messages: { 'in-the-past': () => 'Zu spät.' } };
    expect(describeProblem({ code: 'in-the-past' }, options)).to.equal('Zu spät.');
    expect(describeProblem({ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 }, options)).to.equal(
      describeProblem({ code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 }, english),
    );
  });
});
