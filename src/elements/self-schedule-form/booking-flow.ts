/**
 * What the New Appointment form does, apart from how it looks: the three choices and their
 * lists, the steps from choosing to a sent request as a tagged union (each step holds exactly
 * what it needs, so a review without a time cannot be represented), the named transitions
 * between them, and every load on the way, each through a LatestCall so that an answer for a
 * choice, range or adapter no longer current is dropped. No DOM and no Lit: the element renders
 * it, and the tests drive it directly against a fake adapter.
 */
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { BookingError } from '../../adapters/errors.js';
import { createIdempotencyKey } from '../../adapters/idempotency.js';
import { bookableProviders, reconcileChoice } from '../../booking/choices.js';
import type {
  Appointment,
  AppointmentRequest,
  Location,
  Provider,
  SelectionProblem,
  Service,
} from '../../model/schemas.js';
import { type Interval, IntervalIndex } from '../../scheduling/intervals.js';
import { holdsTime } from '../../scheduling/practice-rules.js';
import { type ProblemMessages, describeProblem } from '../../scheduling/problems.js';
import { snapToService } from '../../scheduling/selection.js';
import { HOUR, browserTimeZone, isValidTimeZone, startOfDay, toPlainDate } from '../../scheduling/time-zone.js';
import { formatDay, formatRange } from '../shared/format.js';
import { type Loadable, idle, messageOf, pending, retryHelps, toBookingError, worthRetrying } from '../shared/loadable.js';
import { AvailabilityWindow, toInterval } from './availability-window.js';
import { LatestCall } from './latest-call.js';
import { RequestFailEvent, RequestSubmitEvent, SlotSelectEvent } from './self-schedule-form.events.js';
import type { FormStrings } from './self-schedule-form.strings.js';

export type ChoiceField = 'provider' | 'location' | 'service';

/** The three choices as the selects hold them: ids, any of them not made yet. */
export type Choice = Partial<Record<ChoiceField, string>>;

/** The three choices made, as the practice described them. */
/** The options of each choice, as loaded. */
export interface Options {
  provider: Loadable<Provider[]>;
  location: Loadable<Location[]>;
  service: Loadable<Service[]>;
}

type OptionsOf<F extends ChoiceField> = Extract<Options[F], { state: 'ready' }>['value'];

export interface Chosen {
  provider: Provider;
  location: Location;
  service: Service;
}

export type FlowState =
  | { step: 'choosing' }
  /** `key`: the request's idempotency key, kept from a review the client came Back from with the same time. */
  | { step: 'availability'; chosen: Chosen; selection?: Interval; key?: string; saving: boolean }
  | { step: 'review'; chosen: Chosen; selection: Interval; key: string }
  | { step: 'submitting'; chosen: Chosen; selection: Interval; key: string }
  | { step: 'done'; chosen: Chosen; appointment: Appointment };

export type Step = FlowState['step'];

/** What the page gave: choices (ids), a time to choose, or a week to open at. */
export interface Prefill extends Choice {
  start?: string;
  weekOf?: string;
}

/** What the form was given to start from: the attributes of a link, or the appointment to move. */
export function prefillOf(changing: Appointment | undefined, given: Prefill): Prefill {
  // The current time is taken (by this very appointment): open at its week, choose nothing.
  return changing
    ? { provider: changing.provider.id, location: changing.location.id, service: changing.service.id, weekOf: changing.start }
    : given;
}

export interface FlowHost {
  words(): FormStrings;
  /** The language dates are written in. */
  locale(): string;
  /** The host's own sentences for why a time cannot be had. */
  problemMessages(): Partial<ProblemMessages>;
  now(): number;
  /** Something the form shows changed: render again. */
  changed(): void;
  /** Whether `error` is the practice asking who the client is (the prompt then shows). */
  needsSignIn(error: unknown): boolean;
  /** Whether the sign-in prompt is shown in place of the step. */
  isPrompting(): boolean;
  /** An answer came through: whatever was refused before, the client is signed in. */
  signedIn(): void;
  emit(event: Event): void;
}

/**
 * The zone a location's times are shown in unless the page or the client chose one: an office's
 * own (the client travels there, and its hours are kept there), the client's for telehealth.
 */
export function defaultZoneFor(location: Location, clientZone: string = browserTimeZone()): string {
  return location.kind === 'in-person' && isValidTimeZone(location.timeZone) ? location.timeZone : clientZone;
}

/** Who chose the zone times are shown in: nobody yet (the location's default), the page, or the client. */
export type ZoneChoice = 'default' | 'host' | 'client';

export interface FormError {
  message: string;
  retry?: () => void;
}

export class BookingFlow {
  state: FlowState = { step: 'choosing' };
  choice: Choice = {};
  options: Options = { provider: idle, location: idle, service: idle };
  /** Said in the status region: what was given that could not be used, what was cleared and why. */
  notices: string[] = [];
  /** Said in the alert region: why the last action failed, and Try again where it may help. */
  error?: FormError;
  /** The appointment being moved: Submit sends a change of it instead of a new request. */
  changing?: Appointment;
  /**
   * Whether Availability shows as soon as the three choices are made (beside them, on a wide
   * screen) rather than after Continue.
   */
  showTimesWithChoices = false;
  readonly window: AvailabilityWindow;

  private adapter?: BookingAdapter;
  /** Pre-fill still to apply as options arrive. */
  private prefill?: Prefill;
  /** Names of the options shown so far, to say which choice was cleared. */
  private readonly namesSeen = new Map<string, string>();
  private readonly lists = { provider: new LatestCall(), location: new LatestCall(), service: new LatestCall() };
  private readonly ownAppointments = new LatestCall();
  /** Who chose the zone shown: the page's and the client's choices outlast a change of location. */
  private zoneChoice: ZoneChoice = 'default';
  /**
   * Where the page's pre-fill put the times, untouched by the client: `armed`, the next range
   * shown is checked, and if empty the form moves on by itself to the first with open time;
   * `checked`, it had open times (a switch between week and day arms it again). The client's own
   * move (another range, zone, time or choice) turns it `off` for good.
   */
  private landing: 'off' | 'armed' | 'checked' = 'off';
  /** The form's own look for the first range with open time, while on its way. */
  private findingOpenTime?: object;

  constructor(
    private readonly host: FlowHost,
    zone: string,
  ) {
    this.window = new AvailabilityWindow(
      {
        changed: () => host.changed(),
        now: () => host.now(),
        failed: (error) => host.needsSignIn(error),
      },
      zone,
    );
  }

  // ---- starting ----------------------------------------------------------------------------

  /** Starts over with `adapter` (none: nothing loads), from what the page gave. */
  start(adapter: BookingAdapter | undefined, options: { prefill?: Prefill; changing?: Appointment; unknownZone?: boolean } = {}): void {
    for (const call of [...Object.values(this.lists), this.ownAppointments]) call.abort();
    this.window.clear();
    this.window.forget();
    this.adapter = adapter;
    this.changing = options.changing;
    this.prefill = options.prefill;
    this.stopLanding();
    this.state = { step: 'choosing' };
    this.options = { provider: idle, location: idle, service: idle };
    this.error = undefined;
    // What the page gave that cannot be used at all, in words: a start that is no time, an unknown zone.
    const words = this.host.words();
    const given = this.prefill?.start;
    const unreadable = Boolean(given) && !Number.isFinite(Date.parse(given ?? ''));
    this.notices = [...(unreadable ? [words.unreadableStart] : []), ...(options.unknownZone ? [words.unknownTimeZone(this.window.zone)] : [])];
    this.choice = { provider: this.prefill?.provider, location: this.prefill?.location, service: this.prefill?.service };
    const start = Date.parse(given ?? this.prefill?.weekOf ?? '');
    // The appointment being moved is shown (and its week opened) in its location's zone from the first frame.
    if (this.changing && this.zoneChoice === 'default') this.useZone(defaultZoneFor(this.changing.location));
    this.window.rangeStart = toPlainDate(Number.isFinite(start) ? start : this.host.now(), this.window.zone);
    this.host.changed();
    if (adapter) void this.loadProviders();
  }

  /** Says `notice` in the status region, after what is said there already. */
  notify(notice: string): void {
    this.notices = [...this.notices, notice];
    this.host.changed();
  }

  /** The adapter this flow was started with. */
  get startedWith(): BookingAdapter | undefined {
    return this.adapter;
  }

  /** A time the page gave that is shown on the first step, until Availability can check it. */
  get startToCheck(): number | undefined {
    // A link with all three choices goes on to Availability instead, which checks it there.
    if (this.state.step !== 'choosing' || this.prefill?.service) return undefined;
    const start = Date.parse(this.prefill?.start ?? '');
    return Number.isFinite(start) ? start : undefined;
  }

  // ---- the three choices -------------------------------------------------------------------

  async loadProviders(): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) return;
    await this.loadList('provider', async (signal) => bookableProviders(await adapter.listProviders({ signal })));
    void this.loadOwnAppointments();
  }

  async loadLocations(): Promise<void> {
    const { adapter, choice } = this;
    const providerId = choice.provider;
    // The services of the provider before are no answer for this one.
    this.lists.service.abort();
    this.options.service = idle;
    if (!adapter || !providerId) return this.lists.location.abort();
    await this.loadList('location', (signal) => adapter.listLocations(providerId, { signal }));
  }

  async loadServices(): Promise<void> {
    const { adapter, choice } = this;
    const { provider, location } = choice;
    if (!adapter || !provider || !location) return this.lists.service.abort();
    await this.loadList('service', (signal) => adapter.listServices(provider, location, { signal }));
  }

  /**
   * Loads the options of `field` and then the lists under it: each load replaces the one before
   * it for that field, so only the answer for the present adapter and choices is taken.
   */
  private async loadList<F extends ChoiceField>(field: F, load: (signal: AbortSignal) => Promise<OptionsOf<F>>): Promise<void> {
    this.setOptions(field, pending);
    try {
      const outcome = await this.lists[field].run(load);
      if (!outcome.current) return;
      if (field === 'provider') this.host.signedIn();
      this.reconcile(field, outcome.value);
      this.setOptions(field, { state: 'ready', value: outcome.value } as Options[F]);
      if (field === 'provider' && this.choice.provider) await this.loadLocations();
      else if (field === 'location' && this.choice.location) await this.loadServices();
      else if (field === 'service') this.finishPrefill();
    } catch (error) {
      this.setOptions(field, { state: 'error', error });
      this.host.needsSignIn(error);
    }
  }

  private setOptions<F extends ChoiceField>(field: F, options: Options[F]): void {
    this.options = { ...this.options, [field]: options };
    this.host.changed();
  }

  /** The client's own appointments, so their times are greyed out too. */
  private async loadOwnAppointments(): Promise<void> {
    const adapter = this.adapter;
    if (!adapter) return;
    try {
      const outcome = await this.ownAppointments.run((signal) =>
        adapter.listAppointments({ start: new Date(this.host.now()).toISOString() }, { signal }),
      );
      if (!outcome.current) return;
      // The appointment being moved does not stand in its own way.
      const holding = outcome.value.filter(
        (a) => holdsTime(a.status) && a.id !== this.changing?.id,
      );
      this.window.ownBusy = new IntervalIndex(holding.map(toInterval));
      this.host.changed();
    } catch {
      // Not fatal: the server checks clashes with the client's own appointments anyway.
    }
  }

  /**
   * Keeps the current choice for `field` if it is among `options`, else clears it with a word
   * why: a link's choice that is not bookable, or an earlier choice that no longer fits.
   */
  private reconcile(field: ChoiceField, options: ReadonlyArray<{ id: string; name: string }>): void {
    const current = this.choice[field];
    const fromLink = this.prefill?.[field] !== undefined && this.prefill[field] === current;
    // The name of a choice that no longer fits is in an earlier list, not this one.
    const previousName = this.namesSeen.get(`${field}:${current}`);
    for (const option of options) this.namesSeen.set(`${field}:${option.id}`, option.name);
    const { value, dropped } = reconcileChoice(current, options);
    this.choice = { ...this.choice, [field]: value };
    if (dropped === undefined) return;
    const label = this.host.words()[field];
    if (fromLink) {
      this.notices = [...this.notices, this.host.words().droppedFromLink(label)];
      if (this.prefill) this.prefill = { ...this.prefill, [field]: undefined };
    } else {
      this.notices = [...this.notices, this.host.words().noLongerFits(label, previousName ?? label)];
    }
  }

  /** With all three choices pre-filled and bookable, the link lands on Availability. */
  private finishPrefill(): void {
    const prefill = this.prefill;
    const kept = prefill && prefill.provider === this.choice.provider && prefill.location === this.choice.location && prefill.service === this.choice.service;
    // Applied once: from here on the choices are the client's own, not the link's.
    if (prefill) this.prefill = { start: prefill.start };
    const landed = Boolean(kept && prefill.provider && prefill.location && prefill.service);
    if (landed || this.showTimesWithChoices) this.toAvailability();
    // Armed after toAvailability, whose first load is still on its way: its answer is the first range shown.
    this.landing = landed && this.state.step === 'availability' ? 'armed' : 'off';
  }

  /** The client chose `id` (empty: nothing) in the select for `field`. */
  select(field: ChoiceField, id: string | undefined): void {
    // The choices under it stay while they still fit (see reconcile).
    this.choice = { ...this.choice, [field]: id || undefined };
    this.notices = [];
    this.error = undefined;
    this.stopLanding();
    this.leaveAvailability();
    if (field === 'provider') void this.loadLocations();
    else if (field === 'location') void this.loadServices();
    else if (this.showTimesWithChoices) this.toAvailability();
    this.host.changed();
  }

  /** The three choices, when all are made and known. */
  get chosen(): Chosen | undefined {
    const find = <T extends { id: string }>(list: Loadable<T[]>, id?: string) =>
      list.state === 'ready' ? list.value.find((option) => option.id === id) : undefined;
    const provider = find(this.options.provider, this.choice.provider);
    const location = find(this.options.location, this.choice.location);
    const service = find(this.options.service, this.choice.service);
    return provider && location && service ? { provider, location, service } : undefined;
  }

  // ---- the steps ---------------------------------------------------------------------------

  /** Try again, for the options of `field`. */
  retry(field: ChoiceField): Promise<void> {
    return field === 'provider' ? this.loadProviders() : field === 'location' ? this.loadLocations() : this.loadServices();
  }

  /** Continue: from the three choices to Availability. */
  toAvailability(): void {
    const chosen = this.chosen;
    const adapter = this.adapter;
    if (!chosen || !adapter) return;
    if (this.state.step === 'availability' && this.window.scope) return;
    this.state = { step: 'availability', chosen, saving: false };
    this.error = undefined;
    if (this.zoneChoice === 'default') this.useZone(defaultZoneFor(chosen.location));
    const changing = this.changing?.id;
    this.window.scope = {
      adapter,
      query: {
        providerId: chosen.provider.id,
        locationId: chosen.location.id,
        serviceId: chosen.service.id,
        // The appointment being moved: its own time is open to it.
        ...(changing === undefined ? {} : { exceptAppointmentId: changing }),
      },
      durationMinutes: chosen.service.durationMinutes,
    };
    void this.refreshTimes();
    this.host.changed();
  }

  private leaveAvailability(): void {
    if (this.state.step === 'choosing') return;
    this.state = { step: 'choosing' };
    this.window.clear();
  }

  /** Back: from the review to Availability (the time kept), or from Availability to the choices. */
  back(): void {
    const state = this.state;
    this.error = undefined;
    this.stopLanding();
    if (state.step === 'review') this.state = { step: 'availability', chosen: state.chosen, selection: state.selection, key: state.key, saving: false };
    else if (state.step === 'availability') this.leaveAvailability();
    this.host.changed();
  }

  /** Loads the times shown again; a time the page gave is chosen once they are known. */
  async refreshTimes(): Promise<void> {
    await this.window.refresh();
    if (this.state.step !== 'availability' || this.window.availability.state !== 'ready') return;
    const start = Date.parse(this.prefill?.start ?? '');
    if (Number.isFinite(start)) {
      if (this.prefill) this.prefill = { ...this.prefill, start: undefined };
      if (!this.state.selection) this.pick(start, { preset: true });
    }
    if (this.landing !== 'armed') return;
    if (this.window.startTimes.length) this.landing = 'checked';
    else await this.moveToOpenTime();
  }

  /**
   * The pre-filled range has nothing open: shows the first range that has, saying so, or says
   * that nothing is open as far ahead as the practice takes requests. Once only.
   */
  private async moveToOpenTime(): Promise<void> {
    this.landing = 'off';
    const finding = {};
    this.findingOpenTime = finding;
    this.host.changed();
    const words = this.host.words();
    const locale = this.host.locale();
    try {
      const result = await this.window.showNextOpen();
      // The client moved on meanwhile: where the times are now is the client's doing, not this.
      if (this.findingOpenTime !== finding) return;
      const window = this.window;
      const zone = window.zone;
      if (result === 'moved') {
        const first = startOfDay(window.firstVisibleDay, zone) + 12 * HOUR;
        this.notices = [
          ...this.notices,
          window.view === 'day' ? words.movedToOpenDay(formatDay(first, locale, zone)) : words.movedToOpenWeek(formatRange(first, first, locale, zone)),
        ];
      } else if (result === 'nothing' && window.availability.state === 'ready') {
        const horizon = Date.parse(window.availability.value.latestEnd) - 1;
        this.notices = [...this.notices, words.nothingOpenUntil(formatRange(horizon, horizon, locale, zone))];
      }
    } catch (error) {
      if (this.findingOpenTime !== finding || (error instanceof BookingError && error.code === 'aborted')) return;
      this.failed(error, () => void this.showNextOpen());
    } finally {
      if (this.findingOpenTime === finding) this.findingOpenTime = undefined;
      this.host.changed();
    }
  }

  /** The client moved on by hand: the form no longer moves the times by itself. */
  private stopLanding(): void {
    this.landing = 'off';
    if (!this.findingOpenTime) return;
    this.findingOpenTime = undefined;
    this.window.stopLookingAhead();
  }

  /** Whether the form is looking, by itself, for the first range with open time (a link's range had none). */
  get movingToOpenTime(): boolean {
    if (this.findingOpenTime) return true;
    // The empty range has come and the look is about to start: not worth a frame of "nothing open".
    const window = this.window;
    return this.landing === 'armed' && this.state.step === 'availability' && window.availability.state === 'ready' && window.startTimes.length === 0;
  }

  /**
   * Chooses the time starting at `start`, as a click, a tap, a drag or the list does.
   * `preset`: the time came with the page (a `start` attribute, a link, a click on a calendar),
   * not from the client's hand here: no event, and a time that cannot be booked is explained in
   * a notice rather than an alert, with Availability shown to choose another.
   */
  pick(start: number, options: { preset?: boolean } = {}): void {
    const state = this.state;
    if (state.step !== 'availability') return;
    // A double click chooses the same time twice: once is enough.
    if (state.selection?.start === start) return;
    if (!options.preset) this.stopLanding();
    const reason = this.reason(this.window.problemsWith(start));
    if (reason) {
      if (options.preset) this.notices = [...this.notices, reason];
      else this.error = { message: reason };
      this.host.changed();
      return;
    }
    this.error = undefined;
    this.state = { ...state, selection: snapToService(start, state.chosen.service.durationMinutes), key: undefined };
    this.host.changed();
    if (!options.preset) this.host.emit(new SlotSelectEvent(this.request!, this.window.zone));
  }

  /** The request the chosen time makes. */
  get request(): AppointmentRequest | undefined {
    const state = this.state;
    if (state.step === 'choosing' || state.step === 'done' || !state.selection) return undefined;
    return {
      providerId: state.chosen.provider.id,
      locationId: state.chosen.location.id,
      serviceId: state.chosen.service.id,
      start: new Date(state.selection.start).toISOString(),
      end: new Date(state.selection.end).toISOString(),
    };
  }

  /**
   * One reason a time cannot be had, never several that contradict each other. Most specific
   * first: a gap too short for the service (the help article's error about the service type), the
   * client's own appointment, `taken` (someone else has it), any other rule, "not available".
   */
  reason(problems: SelectionProblem[], taken?: boolean): string | undefined {
    const specific =
      problems.find((p) => p.code === 'too-short-for-service') ?? problems.find((p) => p.code === 'overlaps-own-appointment');
    if (taken && !specific) return this.host.words().timeTaken;
    const problem = specific ?? problems.find((p) => p.code !== 'outside-availability') ?? problems[0];
    return problem && this.describe(problem);
  }

  /** Why a time cannot be had, in the client's words. */
  describe(problem: SelectionProblem): string {
    return describeProblem(problem, {
      locale: this.host.locale(),
      timeZone: this.window.zone,
      serviceName: this.chosen?.service.name,
      messages: this.host.problemMessages(),
    });
  }

  /** Save: checks the chosen time with the practice, then shows the review. */
  async save(): Promise<void> {
    const state = this.state;
    if (state.step !== 'availability' || state.saving) return;
    const request = this.request;
    if (!request || !state.selection) {
      this.error = { message: this.host.words().chooseTime };
      this.host.changed();
      return;
    }
    const reason = this.reason(this.window.problemsWith(state.selection.start));
    if (reason) {
      this.error = { message: reason };
      this.host.changed();
      return;
    }
    const saving = { ...state, saving: true };
    this.state = saving;
    this.error = undefined;
    this.host.changed();
    try {
      const adapter = this.adapter;
      const exceptAppointmentId = this.changing?.id;
      const result = adapter?.validateRequest
        ? await adapter.validateRequest(request, exceptAppointmentId === undefined ? {} : { exceptAppointmentId })
        : { ok: true, problems: [] };
      if (this.state !== saving) return;
      if (!result.ok) {
        // The backend knows something the grid did not: show fresh times, not the stale choice.
        this.error = { message: this.reason(result.problems) ?? this.host.words().timeTaken };
        this.state = { step: 'availability', chosen: state.chosen, saving: false };
        this.refetch();
        return;
      }
      this.state = { step: 'review', chosen: state.chosen, selection: state.selection, key: state.key ?? createIdempotencyKey() };
    } catch (error) {
      if (this.state !== saving) return;
      this.state = state;
      this.failed(error, () => void this.save());
    } finally {
      this.host.changed();
    }
  }

  /** Submit: sends the request (or the change) under its key, the same key on every retry. */
  async submit(): Promise<void> {
    const state = this.state;
    const adapter = this.adapter;
    const request = this.request;
    // A second click while the first is on its way sends nothing more.
    if (state.step !== 'review' || !adapter || !request) return;
    this.state = { ...state, step: 'submitting' };
    this.error = undefined;
    this.host.changed();
    try {
      const options = { idempotencyKey: state.key };
      const appointment = this.changing
        ? await adapter.changeAppointment(this.changing.id, request, options)
        : await adapter.requestAppointment(request, options);
      this.state = { step: 'done', chosen: state.chosen, appointment };
      this.window.forget();
      this.host.changed();
      this.host.emit(new RequestSubmitEvent(appointment));
      void this.loadOwnAppointments();
    } catch (caught) {
      const error = toBookingError(caught);
      this.host.emit(new RequestFailEvent(request, error));
      if (error.code === 'conflict' || error.code === 'rule-violation') {
        // The time is gone or not allowed: back to Availability with fresh times, other choices kept.
        this.error = { message: this.reason(error.problems, error.code === 'conflict') ?? error.message };
        this.state = { step: 'availability', chosen: state.chosen, saving: false };
        this.refetch();
      } else {
        this.state = state;
        // A refusal keeps every choice and the key: once signed in, Submit sends the same request.
        // Otherwise the same key goes with the retry, so a request that did arrive is not made twice.
        if (this.host.needsSignIn(error)) this.error = this.host.isPrompting() ? undefined : { message: error.message };
        else this.error = { message: error.message, retry: worthRetrying(error) ? () => void this.submit() : undefined };
      }
    } finally {
      this.host.changed();
    }
  }

  /** Times and the client's own appointments afresh, after the practice said the time was gone. */
  private refetch(): void {
    this.window.forget();
    void this.refreshTimes();
    void this.loadOwnAppointments();
  }

  /** What a failed action says: its reason and Try again, or nothing more than the sign-in prompt. */
  private failed(error: unknown, retry: () => void): void {
    if (this.host.needsSignIn(error)) this.error = this.host.isPrompting() ? undefined : { message: messageOf(error) };
    else this.error = { message: messageOf(error), retry: retryHelps(error) ? retry : undefined };
  }

  // ---- Availability's range ----------------------------------------------------------------

  /** The client's Previous or Next. */
  move(direction: -1 | 1): void {
    this.stopLanding();
    void this.window.move(direction);
  }

  /**
   * Shows times in `zone` (an IANA name; anything else is ignored), around the chosen time if
   * there is one. `by`: the client's choice in the select, or the page's `time-zone`; either
   * outlasts a change of location.
   */
  setZone(zone: string, by: Exclude<ZoneChoice, 'default'> = 'client'): void {
    if (!isValidTimeZone(zone)) return;
    // The page's zone does not override the client's own choice.
    if (by === 'host' && this.zoneChoice === 'client') return;
    this.zoneChoice = by;
    if (by === 'client') this.stopLanding();
    if (!this.useZone(zone)) return;
    void this.refreshTimes();
    this.host.changed();
  }

  /** Shows `zone` from now on, keeping the days shown (or the chosen time's); whether it changed. */
  private useZone(zone: string): boolean {
    const window = this.window;
    const previous = window.zone;
    if (zone === previous) return false;
    const state = this.state;
    const chosen = state.step === 'availability' || state.step === 'review' ? state.selection?.start : undefined;
    const given = Date.parse(this.prefill?.start ?? '');
    // The same days in the new zone: around the chosen (or given) time, else the middle of the first day shown.
    const at = chosen ?? (Number.isFinite(given) ? given : startOfDay(window.rangeStart, previous) + 12 * HOUR);
    window.zone = zone;
    window.rangeStart = toPlainDate(at, zone);
    // What was said about an unknown zone of the page names the zone shown now.
    const words = this.host.words();
    this.notices = this.notices.map((notice) => (notice === words.unknownTimeZone(previous) ? words.unknownTimeZone(zone) : notice));
    return true;
  }

  setView(view: 'week' | 'day'): void {
    // Widened with the three choices made: the times show beside them now.
    if (this.showTimesWithChoices && this.state.step === 'choosing') this.toAvailability();
    if (view === this.window.view) return;
    this.window.view = view;
    // A phone's first day, where the page's week was open: checked anew, as the client has not moved yet.
    if (this.landing === 'checked') this.landing = 'armed';
    void this.refreshTimes();
    this.host.changed();
  }

  /**
   * "Go to the next available time". `true` when another range is shown; a failure is said with
   * Try again.
   */
  async showNextOpen(): Promise<boolean> {
    this.stopLanding();
    const found = this.window.showNextOpen();
    this.host.changed();
    try {
      const result = await found;
      if (result === 'nothing') this.notices = [this.host.words().nothingOpenAhead];
      return result === 'moved';
    } catch (error) {
      if (error instanceof BookingError && error.code === 'aborted') return false;
      this.failed(error, () => void this.showNextOpen());
      return false;
    } finally {
      this.host.changed();
    }
  }

  // ---- coming back -------------------------------------------------------------------------

  /**
   * Back online, or signed in: what failed to load meanwhile loads again, and the times shown
   * are fetched afresh. The client's own Save and Submit wait for their Try again (same key).
   */
  reload(): void {
    const { provider, location, service } = this.options;
    if (provider.state === 'error') void this.loadProviders();
    else if (location.state === 'error') void this.loadLocations();
    else if (service.state === 'error') void this.loadServices();
    if (this.state.step === 'availability') {
      this.window.forget();
      void this.refreshTimes();
    }
  }

  /** Signed in after a refusal: what was refused loads again, and the client's own times with it. */
  afterSignIn(): void {
    this.error = undefined;
    this.reload();
    if (this.options.provider.state === 'ready') void this.loadOwnAppointments();
    this.host.changed();
  }
}
