/**
 * The stretch of Availability the form shows: which days (a week, or a day on a phone), in which
 * zone, the practice's open time there as loaded (cached per range, the load on its way aborted
 * when another starts), the client's own appointments taken out, and what can be chosen in it.
 * No DOM and no Lit: the form and its tests drive it alike.
 */
import type { AvailabilityQuery, BookingAdapter } from '../../adapters/booking-adapter.js';
import { BookingError } from '../../adapters/errors.js';
import type { Availability, SelectionProblem } from '../../model/schemas.js';
import { type Interval, IntervalIndex, subtract } from '../../scheduling/intervals.js';
import { openStartTimes } from '../../scheduling/open-time.js';
import { checkSelection, snapToService } from '../../scheduling/selection.js';
import {
  DAY,
  type IsoWeekday,
  type PlainDate,
  addDays,
  formatPlainDate,
  minuteOfDay,
  startOfDay,
  startOfWeek,
  toPlainDate,
} from '../../scheduling/time-zone.js';
import { type Loadable, idle, pending } from '../shared/loadable.js';
import { LatestCall } from './latest-call.js';

export const toInterval = (range: { start: string; end: string }): Interval => ({
  start: Date.parse(range.start),
  end: Date.parse(range.end),
});

/** What the window shows open time for: a provider, location and service, through one adapter. */
export interface WindowScope {
  adapter: BookingAdapter;
  /** With `exceptAppointmentId` when an appointment is being moved: its own time is open to it. */
  query: Pick<AvailabilityQuery, 'providerId' | 'locationId' | 'serviceId' | 'exceptAppointmentId'>;
  durationMinutes: number;
}

export interface WindowHost {
  /** The window changed: render again. */
  changed(): void;
  now(): number;
  /** A load failed; the host decides what to say (a 401 asks the client to sign in). */
  failed(error: unknown): void;
}

/** How far ahead "Go to the next available time" looks in one question (it asks again, up to the horizon). */
const lookAheadDays = 62;

export class AvailabilityWindow {
  /** The open time of the range shown. */
  availability: Loadable<Availability> = idle;
  /** The client's own appointments that hold time: not offered, since a client cannot be in two places. */
  ownBusy = new IntervalIndex([]);
  zone: string;
  view: 'week' | 'day' = 'week';
  /** The week's first day in the client's locale, 0 for Sunday (as Intl and FullCalendar count). */
  firstDay = 0;
  /** Any day of the range to show. */
  rangeStart: PlainDate;
  scope?: WindowScope;

  private readonly cache = new Map<string, Availability>();
  private readonly load = new LatestCall();
  private readonly lookAhead = new LatestCall();
  private memo?: { availability?: Availability; ownBusy: IntervalIndex; open: IntervalIndex; free: IntervalIndex };

  constructor(
    private readonly host: WindowHost,
    zone: string,
  ) {
    this.zone = zone;
    this.rangeStart = toPlainDate(host.now(), zone);
  }

  /** The first day shown: the week's first day in week view. */
  get firstVisibleDay(): PlainDate {
    return this.view === 'day' ? this.rangeStart : startOfWeek(this.rangeStart, (this.firstDay || 7) as IsoWeekday);
  }

  get visibleRange(): Interval {
    const first = this.firstVisibleDay;
    return {
      start: startOfDay(first, this.zone),
      end: startOfDay(addDays(first, this.view === 'day' ? 1 : 7), this.zone),
    };
  }

  get loading(): boolean {
    return this.availability.state === 'pending' || this.availability.state === 'idle';
  }

  /** Loads the open time of the range shown (from the cache when it was loaded before). */
  async refresh(): Promise<void> {
    const scope = this.scope;
    if (!scope) return;
    const range = this.visibleRange;
    const { providerId, locationId, serviceId, exceptAppointmentId } = scope.query;
    const key = JSON.stringify([providerId, locationId, serviceId, exceptAppointmentId, range.start, range.end]);
    const cached = this.cache.get(key);
    if (cached) {
      // Whatever was on its way is for a range no longer shown.
      this.load.abort();
      this.show({ state: 'ready', value: cached });
      return;
    }
    this.show(pending);
    try {
      const query = { ...scope.query, start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() };
      const outcome = await this.load.run((signal) => scope.adapter.getAvailability(query, { signal }));
      if (!outcome.current) return;
      this.cache.set(key, outcome.value);
      this.show({ state: 'ready', value: outcome.value });
    } catch (error) {
      if (error instanceof BookingError && error.code === 'aborted') return;
      this.show({ state: 'error', error });
      this.host.failed(error);
    }
  }

  /** Forgets every range loaded: after a conflict, a sent request or a reconnection, times may have changed. */
  forget(): void {
    this.cache.clear();
  }

  /** Stops showing any availability: the choices behind it are gone. */
  clear(): void {
    this.load.abort();
    this.lookAhead.abort();
    this.scope = undefined;
    this.availability = idle;
  }

  /** Drops the look-ahead on its way, if any: the client moved on. */
  stopLookingAhead(): void {
    this.lookAhead.abort();
  }

  /** Shows the previous (-1) or next (1) week or day. */
  move(direction: -1 | 1): Promise<void> {
    this.lookAhead.abort();
    this.rangeStart = addDays(this.firstVisibleDay, direction * (this.view === 'day' ? 1 : 7));
    return this.refresh();
  }

  /** Shows the range holding `instant`. */
  showAt(instant: number): Promise<void> {
    this.rangeStart = toPlainDate(instant, this.zone);
    return this.refresh();
  }

  private show(availability: Loadable<Availability>): void {
    this.availability = availability;
    this.host.changed();
  }

  /**
   * The open time shown, as the server sent it (`open`) and less the client's own appointments
   * (`free`). Built once per answer, since a drag asks on every move.
   */
  get indexes(): { open: IntervalIndex; free: IntervalIndex } {
    const availability = this.availability.state === 'ready' ? this.availability.value : undefined;
    const memo = this.memo;
    if (memo && memo.availability === availability && memo.ownBusy === this.ownBusy) return memo;
    const open = new IntervalIndex(availability ? availability.open.map(toInterval) : []);
    const free = new IntervalIndex(subtract(open.intervals, this.ownBusy.intervals));
    this.memo = { availability, ownBusy: this.ownBusy, open, free };
    return this.memo;
  }

  /** Every reason the service cannot start at `start` (none: it can). */
  problemsWith(start: number): SelectionProblem[] {
    const duration = this.scope?.durationMinutes;
    if (duration === undefined || this.availability.state !== 'ready') return [{ code: 'outside-availability' }];
    const availability = this.availability.value;
    return checkSelection(snapToService(start, duration), {
      providerSelfSchedules: true,
      serviceOffered: true,
      durationMinutes: duration,
      open: this.indexes.open,
      ownBusy: this.ownBusy,
      now: this.host.now(),
      earliestStart: Date.parse(availability.earliestStart),
      latestEnd: Date.parse(availability.latestEnd),
      slotStep: { minutes: availability.slotStepMinutes, timeZone: availability.timeZone },
    });
  }

  /** The open start times in view: the keyboard's way to choose, and the grid's in words. */
  get startTimes(): number[] {
    const duration = this.scope?.durationMinutes;
    if (duration === undefined || this.availability.state !== 'ready') return [];
    const availability = this.availability.value;
    const range = this.visibleRange;
    const now = this.host.now();
    return openStartTimes(this.indexes.free.within(range), {
      durationMinutes: duration,
      stepMinutes: availability.slotStepMinutes,
      timeZone: availability.timeZone,
    }).filter((start) => start >= range.start && start < range.end && start >= now);
  }

  /**
   * Looks ahead for the first open time, a stretch at a time up to the booking horizon, and shows
   * its range. `nothing`: none before the horizon; `moved`: shown; `dropped`: the client moved on
   * meanwhile.
   */
  async showNextOpen(): Promise<'moved' | 'nothing' | 'dropped'> {
    const scope = this.scope;
    if (!scope || this.availability.state !== 'ready') return 'dropped';
    const earliest = Date.parse(this.availability.value.earliestStart);
    const latest = Date.parse(this.availability.value.latestEnd);
    const range = this.visibleRange;
    // Shown a range long past, or one reaching the horizon (a link's old or far-off start), there
    // is nothing after it to find: the next available time is then the first there is.
    let from = range.end > earliest && range.end < latest ? range.end : earliest;
    while (from < latest) {
      const until = Math.min(latest, from + lookAheadDays * DAY);
      const query = { ...scope.query, start: new Date(from).toISOString(), end: new Date(until).toISOString() };
      const outcome = await this.lookAhead.run((signal) => scope.adapter.getAvailability(query, { signal }));
      if (!outcome.current || this.scope !== scope) return 'dropped';
      const ahead = outcome.value;
      const [first] = openStartTimes(subtract(ahead.open.map(toInterval), this.ownBusy.intervals), {
        durationMinutes: scope.durationMinutes,
        stepMinutes: ahead.slotStepMinutes,
        timeZone: ahead.timeZone,
      });
      if (first !== undefined) {
        await this.showAt(first);
        return 'moved';
      }
      from = until;
    }
    return 'nothing';
  }

  /** Whether a look ahead is on its way. */
  get lookingAhead(): boolean {
    return this.lookAhead.running;
  }

  /** The grid's row length: the practice's slot step once the times are known. */
  get slotMinutes(): number {
    return this.availability.state === 'ready' ? this.availability.value.slotStepMinutes : 15;
  }

  /** Whole hours around every open time in view, so the grid shows them without scrolling. */
  visibleHours(): { first: number; last: number } {
    const open = this.indexes.free.within(this.visibleRange);
    if (!open.length) return { first: 8 * 60, last: 18 * 60 };
    let first = 24 * 60;
    let last = 0;
    for (const interval of open) {
      const startDay = formatPlainDate(toPlainDate(interval.start, this.zone));
      const endDay = formatPlainDate(toPlainDate(interval.end - 1, this.zone));
      // Open time across local midnight needs the whole day shown.
      if (startDay !== endDay) return { first: 0, last: 24 * 60 };
      first = Math.min(first, minuteOfDay(interval.start, this.zone));
      last = Math.max(last, minuteOfDay(interval.end - 1, this.zone) + 1);
    }
    return { first: Math.floor(first / 60) * 60, last: Math.min(24 * 60, Math.ceil(last / 60) * 60) };
  }

  /** The greyed-out parts of the range shown: all of it until its open time is known. */
  get unavailable(): Interval[] {
    return this.availability.state === 'ready' ? this.indexes.free.gapsWithin(this.visibleRange) : [this.visibleRange];
  }
}
