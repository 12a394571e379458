import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { BookingError } from '../../adapters/errors.js';
import { createIdempotencyKey } from '../../adapters/idempotency.js';
import { readTherapistLink } from '../../booking/therapist-link.js';
import { bookableProviders, reconcileChoice } from '../../booking/choices.js';
import type {
  Appointment,
  AppointmentRequest,
  Availability,
  Location,
  Provider,
  SelectionProblem,
  Service,
} from '../../model/schemas.js';
import { type Interval, IntervalIndex, subtract } from '../../scheduling/intervals.js';
import { openStartTimes } from '../../scheduling/open-time.js';
import { type ProblemMessages, describeProblem } from '../../scheduling/problems.js';
import { checkSelection, snapToService } from '../../scheduling/selection.js';
import {
  type PlainDate,
  addDays,
  browserTimeZone,
  formatPlainDate,
  isValidTimeZone,
  minuteOfDay,
  startOfDay,
  startOfWeek,
  toPlainDate,
} from '../../scheduling/time-zone.js';
import { baseStyles } from '../shared/base.styles.js';
import { BookingElement } from '../shared/booking-element.js';
import { webHref } from '../shared/safe-url.js';
import { textScale } from '../shared/text-scale.js';
import { type Loadable, idle, messageOf, pending, refusedSignIn, toBookingError, worthRetrying } from '../shared/loadable.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import {
  currentZoneName,
  firstDayOfWeek,
  formatDateTime,
  formatDay,
  formatRange,
  formatTime,
  zoneName,
} from '../shared/format.js';
import type { AvailabilityGrid } from '../availability-grid/availability-grid.js';
import { hoursHeight } from '../availability-grid/grid-size.js';
import {
  RequestFailEvent,
  RequestSubmitEvent,
  SelfScheduleCloseEvent,
  SelfScheduleOpenEvent,
  SlotSelectEvent,
  ViewAppointmentsEvent,
} from './self-schedule-form.events.js';
import { type FormStrings, defaultFormStrings } from './self-schedule-form.strings.js';
import { formStyles } from './self-schedule-form.styles.js';

export type FormStep = 'choose' | 'availability' | 'review' | 'done';

/** Below this width (in px at the usual text size) the grid shows one day at a time. */
const narrowWidth = 640;

const toInterval = (range: { start: string; end: string }): Interval => ({
  start: Date.parse(range.start),
  end: Date.parse(range.end),
});

/**
 * The New Appointment form: a client picks a provider, a location and a service, chooses a time
 * on the Availability grid (or from the list of start times beside it), saves, and submits the
 * request for the therapist to confirm.
 *
 * @summary Lets a client request an appointment from a therapist who uses self-scheduling.
 *
 * @fires ss-open - The form was shown.
 * @fires ss-close - The dialog was closed.
 * @fires ss-slot-select - A time was chosen on the grid or in the list; `request` holds it.
 * @fires ss-request-submit - The request was accepted; `appointment` is the new (or changed) appointment, unconfirmed.
 * @fires ss-request-fail - Sending failed; `error` says why, and every choice is kept.
 * @fires ss-view-appointments - The client clicked View My Appointments.
 * @fires ss-auth-required - The practice answered 401 (once per failure); `error` and `reason` (`session` or `link`) say why. Cancelable: `preventDefault()` keeps the sign-in prompt hidden.
 *
 * @csspart form - The form's body.
 * @csspart dialog - The native dialog, in `modal` mode.
 * @csspart field - A labelled control (Provider, Location, Service).
 * @csspart calendar - The Availability time grid.
 * @csspart slots - The list of start times.
 * @csspart slot - One start time button.
 * @csspart error - The alert region where errors appear.
 * @csspart notice - The status region for notices.
 * @csspart submit - The Save and Submit New Appointment buttons.
 * @csspart sign-in - The sign-in prompt, shown in place of the step when the practice asks who the client is.
 *
 * @cssprop --ss-font - Font family.
 * @cssprop --ss-color-text - Text colour.
 * @cssprop --ss-color-muted - Secondary text colour.
 * @cssprop --ss-color-background - Background colour.
 * @cssprop --ss-color-surface - Background of buttons and panels.
 * @cssprop --ss-color-border - Border colour.
 * @cssprop --ss-color-control-border - Border of buttons and selects (at least 3:1 against the background).
 * @cssprop --ss-color-primary - Colour of primary actions and the chosen time.
 * @cssprop --ss-color-on-primary - Text on the primary colour.
 * @cssprop --ss-color-error - Colour of errors.
 * @cssprop --ss-color-unavailable - Fill of greyed-out times.
 * @cssprop --ss-color-unavailable-hatch - Hatching over greyed-out times (at least 3:1 against open time).
 * @cssprop --ss-unavailable-pattern - Pattern over greyed-out times, so they do not rely on colour alone.
 * @cssprop --ss-color-focus - Focus ring colour.
 * @cssprop --ss-radius - Corner radius.
 */
@customElement('self-schedule-form')
export class SelfScheduleForm extends BookingElement {
  static override styles = [baseStyles, formStyles, signInPromptStyles];

  /** Pre-fills the Provider (an id); with location and service too, the form opens at Availability. */
  @property() provider?: string;

  /** Pre-fills the Location (an id). */
  @property() location?: string;

  /** Pre-fills the Service (an id). */
  @property() service?: string;

  /** An ISO 8601 instant: the calendar opens at its week, with that time chosen when it is open. */
  @property() start?: string;

  /** The zone times are shown in (IANA name); the browser's by default. The client can change it. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /**
   * Where View My Appointments leads (an http(s) or relative URL; anything else is ignored);
   * without it, the button only fires `ss-view-appointments`.
   */
  @property({ attribute: 'appointments-href' }) appointmentsHref?: string;

  /**
   * An appointment to move: the form opens at Availability with its provider, location and
   * service, and Submit sends a change of this appointment instead of a new request.
   */
  @property({ attribute: false }) changing?: Appointment;

  /** Shows the form in a modal dialog, opened by `show()`, instead of inline. */
  @property({ type: Boolean, reflect: true }) modal = false;

  /** Whether the dialog is open (modal mode). */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Replacement text for any of the form's words. */
  @property({ attribute: false }) strings: Partial<FormStrings> = {};

  /** Replacement sentences for why a time cannot be booked, by problem code. */
  @property({ attribute: false }) problemMessages: Partial<ProblemMessages> = {};

  @state() private step: FormStep = 'choose';
  @state() private providers: Loadable<Provider[]> = idle;
  @state() private locations: Loadable<Location[]> = idle;
  @state() private services: Loadable<Service[]> = idle;
  @state() private providerId?: string;
  @state() private locationId?: string;
  @state() private serviceId?: string;
  @state() private notices: string[] = [];
  @state() private error?: { message: string; retry?: () => void };
  @state() private displayZone = browserTimeZone();
  @state() private rangeStart: PlainDate = toPlainDate(Date.now(), browserTimeZone());
  @state() private view: 'week' | 'day' = 'week';
  @state() private availability: Loadable<Availability> = idle;
  @state() private ownBusy = new IntervalIndex([]);
  @state() private selection?: Interval;
  @state() private saving = false;
  @state() private submitting = false;
  @state() private submitted?: Appointment;
  @state() private searchingAhead = false;
  private indexMemo?: { availability?: Availability; ownBusy: IntervalIndex; open: IntervalIndex; free: IntervalIndex };
  /** Names of the options shown so far, to say which choice was cleared. */
  private namesSeen = new Map<string, string>();
  /** Set when the client's own action changes the step, so focus follows it (a page load does not). */
  private focusNextStep = false;
  /** Which start time holds the list's one tab stop. */
  @state() private focusedSlot = 0;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('#grid') private gridContainer?: HTMLElement;
  @query('#zone-select') private zoneSelect?: HTMLSelectElement;

  /** The adapter the data was loaded from; a different one means starting over. */
  private loadedFrom?: object;
  /** Pre-fill still to apply as options arrive. */
  private prefill?: { provider?: string; location?: string; service?: string; start?: string; weekOf?: string };
  private availabilityCache = new Map<string, Availability>();
  private availabilityRequest?: AbortController;
  /** One key per intended request: reused on every retry, replaced when the choice changes. */
  private idempotencyKey?: string;
  private grid?: AvailabilityGrid;
  private gridLoading?: Promise<void>;
  private gridSignature = '';
  private opener?: HTMLElement | null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('resize', this.onResize);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onResize);
    this.availabilityRequest?.abort();
    this.grid?.destroy();
    this.grid = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('timeZone') && this.timeZone && isValidTimeZone(this.timeZone)) this.displayZone = this.timeZone;
    const prefillChanged = (['provider', 'location', 'service', 'start', 'changing'] as const).some((key) => changed.has(key));
    if (prefillChanged) {
      const changing = this.changing;
      this.prefill = changing
        ? // The current time is taken (by this very appointment): open at its week, choose nothing.
          { provider: changing.provider.id, location: changing.location.id, service: changing.service.id, weekOf: changing.start }
        : { provider: this.provider, location: this.location, service: this.service, start: this.start };
    }
    const adapter = this.activeAdapter;
    if (adapter !== this.loadedFrom || (prefillChanged && this.hasUpdated)) {
      this.loadedFrom = adapter;
      this.startOver();
    } else if (changed.has('timeZone') && this.timeZone && !isValidTimeZone(this.timeZone)) {
      this.notices = [...this.notices, this.text.unknownTimeZone(this.displayZone)];
    }
  }

  protected override firstUpdated(): void {
    this.measure();
    if (!this.modal) this.dispatchEvent(new SelfScheduleOpenEvent());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.modal) {
      if (this.open && this.dialog && !this.dialog.open) {
        this.dialog.showModal();
        this.dispatchEvent(new SelfScheduleOpenEvent());
      } else if (!this.open && this.dialog?.open) {
        this.dialog.close();
      }
    }
    if (this.focusNextStep && (changed as Map<string, unknown>).has('step')) {
      // The pressed button is gone: take focus to the new step's heading, which names it.
      this.focusNextStep = false;
      this.renderRoot.querySelector<HTMLElement>('[data-step-heading], select')?.focus();
    }
    // Lit reuses <option>s by position, and the chosen zone moves from All time zones to the top:
    // the option the client picked may now hold another zone. Say the choice outright.
    if (this.zoneSelect) this.zoneSelect.value = this.displayZone;
    this.syncGrid();
  }

  // ---- loading ----------------------------------------------------------------------------

  private get text(): FormStrings {
    return { ...defaultFormStrings, ...this.strings };
  }

  private startOver(): void {
    this.step = 'choose';
    this.providers = idle;
    this.locations = idle;
    this.services = idle;
    this.availability = idle;
    this.selection = undefined;
    this.submitted = undefined;
    this.error = undefined;
    this.notices = this.unusableGiven();
    this.availabilityCache.clear();
    this.idempotencyKey = undefined;
    this.providerId = this.prefill?.provider;
    this.locationId = this.prefill?.location;
    this.serviceId = this.prefill?.service;
    const start = Date.parse(this.prefill?.start ?? this.prefill?.weekOf ?? '');
    this.rangeStart = toPlainDate(Number.isFinite(start) ? start : this.now(), this.displayZone);
    if (this.loadedFrom) void this.loadProviders();
  }

  /** What the page gave that cannot be used at all, in words: a start that is no time, an unknown zone. */
  private unusableGiven(): string[] {
    const notices: string[] = [];
    const start = this.prefill?.start;
    if (start && !Number.isFinite(Date.parse(start))) notices.push(this.text.unreadableStart);
    if (this.timeZone && !isValidTimeZone(this.timeZone)) notices.push(this.text.unknownTimeZone(this.displayZone));
    return notices;
  }

  private async loadProviders(): Promise<void> {
    const adapter = this.activeAdapter;
    if (!adapter) return;
    this.providers = pending;
    try {
      const providers = bookableProviders(await adapter.listProviders());
      if (adapter !== this.activeAdapter) return;
      this.providers = { state: 'ready', value: providers };
      // An answer came through: whatever was refused before (a stale link, say), the client is signed in.
      this.signIn.satisfied();
      this.applyChoice('provider', providers);
      if (this.providerId) await this.loadLocations();
    } catch (error) {
      if (adapter === this.activeAdapter) {
        this.providers = { state: 'error', error };
        this.needsSignIn(error);
      }
    }
    void this.loadOwnAppointments();
  }

  private async loadLocations(): Promise<void> {
    const adapter = this.activeAdapter;
    const providerId = this.providerId;
    if (!adapter || !providerId) return;
    this.locations = pending;
    this.services = idle;
    try {
      const locations = await adapter.listLocations(providerId);
      if (providerId !== this.providerId) return;
      this.locations = { state: 'ready', value: locations };
      this.applyChoice('location', locations);
      if (this.locationId) await this.loadServices();
      else this.services = idle;
    } catch (error) {
      if (providerId === this.providerId) {
        this.locations = { state: 'error', error };
        this.needsSignIn(error);
      }
    }
  }

  private async loadServices(): Promise<void> {
    const adapter = this.activeAdapter;
    const { providerId, locationId } = this;
    if (!adapter || !providerId || !locationId) return;
    this.services = pending;
    try {
      const services = await adapter.listServices(providerId, locationId);
      if (providerId !== this.providerId || locationId !== this.locationId) return;
      this.services = { state: 'ready', value: services };
      this.applyChoice('service', services);
      this.finishPrefill();
    } catch (error) {
      if (providerId === this.providerId && locationId === this.locationId) {
        this.services = { state: 'error', error };
        this.needsSignIn(error);
      }
    }
  }

  /** The client's own appointments, so their times are greyed out too. */
  private async loadOwnAppointments(): Promise<void> {
    const adapter = this.activeAdapter;
    if (!adapter) return;
    try {
      const appointments = await adapter.listAppointments({ start: new Date(this.now()).toISOString() });
      // The appointment being moved does not stand in its own way.
      const holding = appointments.filter(
        (a) => (a.status === 'unconfirmed' || a.status === 'confirmed') && a.id !== this.changing?.id,
      );
      if (adapter === this.activeAdapter) this.ownBusy = new IntervalIndex(holding.map(toInterval));
    } catch {
      // Not fatal: the server checks clashes with the client's own appointments anyway.
    }
  }

  /**
   * Keeps the current choice for `field` if it is among `options`, else clears it with a word
   * why: a link's choice that is not bookable, or an earlier choice that no longer fits.
   */
  private applyChoice(field: 'provider' | 'location' | 'service', options: Array<{ id: string; name: string }>): void {
    const key = `${field}Id` as const;
    const fromLink = this.prefill?.[field] !== undefined && this.prefill[field] === this[key];
    // The name of a choice that no longer fits is in an earlier list, not this one.
    const previousName = this.namesSeen.get(`${field}:${this[key]}`);
    for (const option of options) this.namesSeen.set(`${field}:${option.id}`, option.name);
    const { value, dropped } = reconcileChoice(this[key], options);
    this[key] = value;
    if (dropped === undefined) return;
    const label = this.text[field];
    if (fromLink) {
      this.notices = [...this.notices, this.text.droppedFromLink(label)];
      if (this.prefill) this.prefill = { ...this.prefill, [field]: undefined };
    } else {
      this.notices = [...this.notices, this.text.noLongerFits(label, previousName ?? label)];
    }
  }

  /** With all three choices pre-filled and bookable, the link lands on Availability. */
  private finishPrefill(): void {
    const prefill = this.prefill;
    if (!prefill) return;
    const complete = prefill.provider && prefill.location && prefill.service;
    const allKept =
      prefill.provider === this.providerId && prefill.location === this.locationId && prefill.service === this.serviceId;
    // Applied once: from here on the choices are the client's own, not the link's.
    this.prefill = { start: prefill.start };
    if (complete && allKept && this.step === 'choose') this.goToAvailability();
  }

  // ---- availability ----------------------------------------------------------------------

  private get chosenService(): Service | undefined {
    return this.services.state === 'ready' ? this.services.value.find((s) => s.id === this.serviceId) : undefined;
  }

  private get visibleDays(): number {
    return this.view === 'day' ? 1 : 7;
  }

  /** The first day shown: the week's first day in week view. */
  private get firstVisibleDay(): PlainDate {
    if (this.view === 'day') return this.rangeStart;
    const firstDay = firstDayOfWeek(this.locale);
    return startOfWeek(this.rangeStart, (firstDay === 0 ? 7 : firstDay) as 1 | 2 | 3 | 4 | 5 | 6 | 7);
  }

  private get visibleRange(): Interval {
    const first = this.firstVisibleDay;
    return {
      start: startOfDay(first, this.displayZone),
      end: startOfDay(addDays(first, this.visibleDays), this.displayZone),
    };
  }

  private cacheKey(range: Interval): string {
    return [this.providerId, this.locationId, this.serviceId, range.start, range.end].join('|');
  }

  private goToAvailability(): void {
    this.step = 'availability';
    this.error = undefined;
    const start = this.prefill?.start ? Date.parse(this.prefill.start) : NaN;
    void this.loadAvailability().then(() => {
      if (Number.isFinite(start) && !this.selection) {
        this.choose(start, { preset: true });
        if (this.prefill) this.prefill = { ...this.prefill, start: undefined };
      }
    });
  }

  private async loadAvailability(): Promise<void> {
    const adapter = this.activeAdapter;
    const { providerId, locationId, serviceId } = this;
    if (!adapter || !providerId || !locationId || !serviceId) return;
    const range = this.visibleRange;
    const key = this.cacheKey(range);
    const cached = this.availabilityCache.get(key);
    this.availabilityRequest?.abort();
    if (cached) {
      // Whatever was on its way is for a range no longer shown.
      this.availabilityRequest = undefined;
      this.availability = { state: 'ready', value: cached };
      return;
    }
    const request = new AbortController();
    this.availabilityRequest = request;
    this.availability = pending;
    try {
      const availability = await adapter.getAvailability(
        { providerId, locationId, serviceId, start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() },
        { signal: request.signal },
      );
      this.availabilityCache.set(key, availability);
      // A later navigation wins: an answer for a range no longer shown is kept, not shown.
      if (this.availabilityRequest === request) this.availability = { state: 'ready', value: availability };
    } catch (error) {
      if (this.availabilityRequest === request && !(error instanceof BookingError && error.code === 'aborted')) {
        this.availability = { state: 'error', error };
        this.needsSignIn(error);
      }
    }
  }

  /**
   * The open time of the shown availability, as the server sent it (`open`) and less the
   * client's own appointments (`free`). Built once per answer, since a drag asks on every move.
   */
  private get indexes(): { open: IntervalIndex; free: IntervalIndex } {
    const availability = this.availability.state === 'ready' ? this.availability.value : undefined;
    const memo = this.indexMemo;
    if (memo && memo.availability === availability && memo.ownBusy === this.ownBusy) return memo;
    const open = new IntervalIndex(availability ? availability.open.map(toInterval) : []);
    const free = new IntervalIndex(subtract(open.intervals, this.ownBusy.intervals));
    this.indexMemo = { availability, ownBusy: this.ownBusy, open, free };
    return this.indexMemo;
  }

  private get openIndex(): IntervalIndex {
    return this.indexes.free;
  }

  private problemsWith(start: number): SelectionProblem[] {
    const service = this.chosenService;
    if (!service || this.availability.state !== 'ready') return [{ code: 'outside-availability' }];
    const availability = this.availability.value;
    return checkSelection(snapToService(start, service.durationMinutes), {
      providerSelfSchedules: true,
      serviceOffered: true,
      durationMinutes: service.durationMinutes,
      open: this.indexes.open,
      ownBusy: this.ownBusy,
      now: this.now(),
      earliestStart: Date.parse(availability.earliestStart),
      latestEnd: Date.parse(availability.latestEnd),
      slotStep: { minutes: availability.slotStepMinutes, timeZone: availability.timeZone },
    });
  }

  private describe(problem: SelectionProblem): string {
    return describeProblem(problem, {
      locale: this.locale,
      timeZone: this.displayZone,
      serviceName: this.chosenService?.name,
      messages: this.problemMessages,
    });
  }

  /**
   * One reason a time cannot be had, never several that contradict each other. Most specific
   * first: a gap too short for the service (the help article's error about the service type), the
   * client's own appointment, `taken` (someone else has it), any other rule, "not available".
   */
  private reason(problems: SelectionProblem[], taken?: boolean): string | undefined {
    const specific =
      problems.find((p) => p.code === 'too-short-for-service') ?? problems.find((p) => p.code === 'overlaps-own-appointment');
    if (taken && !specific) return this.text.timeTaken;
    const problem = specific ?? problems.find((p) => p.code !== 'outside-availability') ?? problems[0];
    return problem && this.describe(problem);
  }

  /** The open start times in view: the keyboard's way to choose, and the grid's in words. */
  private get startTimes(): number[] {
    const service = this.chosenService;
    if (!service || this.availability.state !== 'ready') return [];
    const availability = this.availability.value;
    const range = this.visibleRange;
    return openStartTimes(this.openIndex.within(range), {
      durationMinutes: service.durationMinutes,
      stepMinutes: availability.slotStepMinutes,
      timeZone: availability.timeZone,
    }).filter((start) => start >= range.start && start < range.end && start >= this.now());
  }

  /** Chooses the time starting at `start`, as a click, a drag or the list does. */
  /**
   * `preset`: the time came with the page (a `start` attribute, a link, a click on a calendar),
   * not from the client's hand here: no event, and a time that cannot be booked is explained in
   * a notice rather than an alert, with Availability shown to choose another.
   */
  private choose(start: number, options: { preset?: boolean } = {}): void {
    const service = this.chosenService;
    if (!service) return;
    // A double click chooses the same time twice: once is enough.
    if (this.selection?.start === start) return;
    const reason = this.reason(this.problemsWith(start));
    if (reason) {
      if (options.preset) this.notices = [...this.notices, reason];
      else this.error = { message: reason };
      return;
    }
    this.error = undefined;
    this.selection = snapToService(start, service.durationMinutes);
    this.idempotencyKey = undefined;
    const starts = this.startTimes;
    if (starts.includes(start)) this.focusedSlot = starts.indexOf(start);
    if (!options.preset) this.dispatchEvent(new SlotSelectEvent(this.request!, this.displayZone));
  }

  private get request(): AppointmentRequest | undefined {
    const { providerId, locationId, serviceId, selection } = this;
    if (!providerId || !locationId || !serviceId || !selection) return undefined;
    return {
      providerId,
      locationId,
      serviceId,
      start: new Date(selection.start).toISOString(),
      end: new Date(selection.end).toISOString(),
    };
  }

  private move(direction: -1 | 1): void {
    this.rangeStart = addDays(this.firstVisibleDay, direction * this.visibleDays);
    this.focusedSlot = 0;
    void this.loadAvailability();
  }

  /** Looks ahead as far as one question allows for the first open time, and shows its week. */
  private async jumpToNextOpen(): Promise<void> {
    const adapter = this.activeAdapter;
    const service = this.chosenService;
    const { providerId, locationId, serviceId } = this;
    if (!adapter || !service || !providerId || !locationId || !serviceId || this.availability.state !== 'ready') return;
    const earliest = Date.parse(this.availability.value.earliestStart);
    const latest = Date.parse(this.availability.value.latestEnd);
    const range = this.visibleRange;
    // Shown a week long past, or one reaching the horizon (a link's old or far-off start), there
    // is nothing after it to find: the next available time is then the first there is.
    const from = range.end > earliest && range.end < latest ? range.end : earliest;
    const until = Math.min(latest, from + 62 * 24 * 3600_000);
    if (until <= from) {
      this.notices = [this.text.nothingOpenAhead];
      return;
    }
    this.searchingAhead = true;
    try {
      const ahead = await adapter.getAvailability({
        providerId,
        locationId,
        serviceId,
        start: new Date(from).toISOString(),
        end: new Date(until).toISOString(),
      });
      const [first] = openStartTimes(subtract(ahead.open.map(toInterval), this.ownBusy.intervals), {
        durationMinutes: service.durationMinutes,
        stepMinutes: ahead.slotStepMinutes,
        timeZone: ahead.timeZone,
      });
      if (first === undefined) {
        this.notices = [this.text.nothingOpenAhead];
      } else {
        this.rangeStart = toPlainDate(first, this.displayZone);
        await this.loadAvailability();
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLButtonElement>('[part~="slot"]')?.focus();
      }
    } catch (error) {
      this.failed(error, () => void this.jumpToNextOpen());
    } finally {
      this.searchingAhead = false;
    }
  }

  // ---- saving and sending ------------------------------------------------------------------

  private async save(): Promise<void> {
    const request = this.request;
    if (!request || !this.selection) {
      this.error = { message: this.text.chooseTime };
      return;
    }
    if (this.saving) return;
    const reason = this.reason(this.problemsWith(this.selection.start));
    if (reason) {
      this.error = { message: reason };
      return;
    }
    const adapter = this.activeAdapter;
    this.saving = true;
    this.error = undefined;
    try {
      const result = adapter?.validateRequest ? await adapter.validateRequest(request) : { ok: true, problems: [] };
      if (!result.ok) {
        // The backend knows something the grid did not: show fresh times, not the stale choice.
        this.error = { message: this.reason(result.problems) ?? this.text.timeTaken };
        // Save is about to be disabled (no time chosen): focus on it would fall to the page.
        if ((this.renderRoot as ShadowRoot).activeElement?.matches('[part~="submit"]')) {
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus());
        }
        this.selection = undefined;
        this.availabilityCache.clear();
        void this.loadAvailability();
        void this.loadOwnAppointments();
        return;
      }
      this.idempotencyKey ??= createIdempotencyKey();
      this.focusNextStep = true;
      this.step = 'review';
    } catch (error) {
      this.failed(error, () => void this.save());
    } finally {
      this.saving = false;
    }
  }

  private async submit(): Promise<void> {
    const request = this.request;
    const adapter = this.activeAdapter;
    // A second click while the first is on its way sends nothing more.
    if (!request || !adapter || this.submitting) return;
    this.idempotencyKey ??= createIdempotencyKey();
    this.submitting = true;
    this.error = undefined;
    try {
      const options = { idempotencyKey: this.idempotencyKey };
      const appointment = this.changing
        ? await adapter.changeAppointment(this.changing.id, request, options)
        : await adapter.requestAppointment(request, options);
      this.submitted = appointment;
      this.idempotencyKey = undefined;
      this.availabilityCache.clear();
      this.focusNextStep = true;
      this.step = 'done';
      this.dispatchEvent(new RequestSubmitEvent(appointment));
      void this.loadOwnAppointments();
    } catch (caught) {
      const error = toBookingError(caught);
      this.dispatchEvent(new RequestFailEvent(request, error));
      if (error.code === 'conflict' || error.code === 'rule-violation') {
        // The time is gone or not allowed: back to Availability with fresh times, other choices kept.
        this.error = { message: this.reason(error.problems, error.code === 'conflict') ?? error.message };
        this.selection = undefined;
        this.idempotencyKey = undefined;
        this.availabilityCache.clear();
        this.focusNextStep = true;
        this.step = 'availability';
        void this.loadAvailability();
      } else if (this.needsSignIn(error)) {
        // Every choice and the key are kept: once signed in, Submit sends the same request.
        this.error = this.signIn.prompting ? undefined : { message: error.message };
      } else {
        // The same key goes with the retry, so a request that did arrive is not made twice.
        this.error = { message: error.message, retry: worthRetrying(error) ? () => void this.submit() : undefined };
      }
    } finally {
      this.submitting = false;
    }
  }

  // ---- the grid ----------------------------------------------------------------------------

  /** Loads the grid the first time Availability is shown, and keeps it in step with the state. */
  private syncGrid(): void {
    const container = this.gridContainer;
    if (!container) {
      if (this.grid) {
        this.grid.destroy();
        this.grid = undefined;
        this.gridSignature = '';
      }
      return;
    }
    if (!this.grid && !this.gridLoading) {
      // Through the CSSOM: a style attribute would need 'unsafe-inline' under a strict CSP.
      container.style.minHeight = `${this.reservedGridHeight()}px`;
      this.gridLoading = import('../availability-grid/availability-grid.js')
        .then((module) => {
          const root = this.renderRoot as ShadowRoot;
          const sheet = module.calendarStyleSheet();
          if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
          const target = this.gridContainer;
          if (!target) return;
          this.grid = new module.AvailabilityGrid(target, this.gridOptions(), this.visibleHours());
          target.style.minHeight = '';
          this.gridSignature = '';
          // A retry that worked (on a later render) takes back the earlier failure's notice.
          this.notices = this.notices.filter((notice) => notice !== this.text.gridUnavailable);
          this.syncGrid();
        })
        .catch(() => {
          // Without the grid, the list of start times still books everything. Each later render
          // tries again, so the notice is said once, not once per attempt.
          if (!this.notices.includes(this.text.gridUnavailable)) this.notices = [...this.notices, this.text.gridUnavailable];
        })
        .finally(() => {
          this.gridLoading = undefined;
        });
      return;
    }
    if (!this.grid) return;
    const unavailable = this.availability.state === 'ready' ? this.openIndex.gapsWithin(this.visibleRange) : [this.visibleRange];
    const signature = JSON.stringify([this.displayZone, this.view, this.visibleRange, unavailable, this.selection, this.locale]);
    if (signature !== this.gridSignature) {
      this.gridSignature = signature;
      this.grid.update(this.gridOptions(), unavailable, this.selection);
      const hours = this.visibleHours();
      this.grid.setHours(hours.first, hours.last);
    }
    // The grid first appears once the times are known and it is drawn at their hours: shown
    // earlier, it would be laid out again under the client's eyes.
    const settled = this.availability.state === 'ready' || this.availability.state === 'error';
    if (settled && !this.grid.isShown) {
      const grid = this.grid;
      void grid.show().then(() => {
        if (this.grid === grid) this.requestUpdate();
      });
    }
  }

  private gridOptions() {
    return {
      timeZone: this.displayZone,
      locale: this.locale,
      firstDay: firstDayOfWeek(this.locale),
      view: this.view,
      date: this.visibleRange.start,
      slotMinutes: this.slotMinutes,
      allows: (start: number) => this.problemsWith(start).length === 0,
      onChoose: (start: number) => this.choose(start),
      selectionLabel: this.text.selectedTime,
    };
  }

  /** The grid's row length: the practice's slot step once the times are known. */
  private get slotMinutes(): number {
    return this.availability.state === 'ready' ? this.availability.value.slotStepMinutes : 15;
  }

  /**
   * Room kept for the grid's rows until its code has arrived, so the list and buttons below it do
   * not jump when it draws (its header row adds a little more).
   */
  private reservedGridHeight(): number {
    const { first, last } = this.visibleHours();
    return hoursHeight(first, last, this.slotMinutes);
  }

  /** Whole hours around every open time in view, so the grid shows them without scrolling. */
  private visibleHours(): { first: number; last: number } {
    const open = this.openIndex.within(this.visibleRange);
    if (!open.length) return { first: 8 * 60, last: 18 * 60 };
    let first = 24 * 60;
    let last = 0;
    for (const interval of open) {
      const startDay = formatPlainDate(toPlainDate(interval.start, this.displayZone));
      const endDay = formatPlainDate(toPlainDate(interval.end - 1, this.displayZone));
      // Open time across local midnight needs the whole day shown.
      if (startDay !== endDay) return { first: 0, last: 24 * 60 };
      first = Math.min(first, minuteOfDay(interval.start, this.displayZone));
      last = Math.max(last, minuteOfDay(interval.end - 1, this.displayZone) + 1);
    }
    return { first: Math.floor(first / 60) * 60, last: Math.min(24 * 60, Math.ceil(last / 60) * 60) };
  }

  // ---- event handlers ----------------------------------------------------------------------

  /**
   * Back online: what failed to load meanwhile loads again, and the times shown are fetched
   * afresh. The client's own Save and Submit wait for their Try again (with the same key).
   */
  protected override backOnline(): void {
    if (this.providers.state === 'error') void this.loadProviders();
    else if (this.locations.state === 'error') void this.loadLocations();
    else if (this.services.state === 'error') void this.loadServices();
    if (this.step === 'availability') {
      this.availabilityCache.clear();
      void this.loadAvailability();
    }
  }

  /**
   * Signed in after a refusal: what was refused loads again, and the client's own times with it.
   * A refused Save or Submit waits for the client to press it again, every choice still made.
   */
  protected override afterSignIn(): void {
    this.error = undefined;
    super.afterSignIn();
    if (this.providers.state === 'ready') void this.loadOwnAppointments();
  }

  /** What a failed action says: its reason and Try again, or nothing more than the sign-in prompt. */
  private failed(error: unknown, retry: () => void): void {
    if (this.needsSignIn(error)) this.error = this.signIn.prompting ? undefined : { message: messageOf(error) };
    else this.error = { message: messageOf(error), retry };
  }

  /**
   * One day at a time where the form is narrow (a phone, or a narrow column). Measured on window
   * resizes rather than with a ResizeObserver, whose notifications would race FullCalendar's own.
   */
  private measure(): void {
    const width = this.getBoundingClientRect().width;
    if (width === 0) return;
    const view = width < narrowWidth * textScale() ? 'day' : 'week';
    if (view === this.view) return;
    this.view = view;
    if (this.step === 'availability') void this.loadAvailability();
  }

  private onResize = (): void => {
    cancelAnimationFrame(this.resizeFrame);
    // Measured in the next frame, after this frame's layout (and FullCalendar's own resize
    // handling) has settled.
    this.resizeFrame = requestAnimationFrame(() => this.measure());
  };
  private resizeFrame = 0;

  private onProviderChange(event: Event): void {
    this.providerId = (event.target as HTMLSelectElement).value || undefined;
    this.selection = undefined;
    this.notices = [];
    void this.loadLocations();
  }

  private onLocationChange(event: Event): void {
    this.locationId = (event.target as HTMLSelectElement).value || undefined;
    this.selection = undefined;
    this.notices = [];
    void this.loadServices();
  }

  private onServiceChange(event: Event): void {
    this.serviceId = (event.target as HTMLSelectElement).value || undefined;
    this.selection = undefined;
    this.notices = [];
  }

  private onZoneChange(event: Event): void {
    const zone = (event.target as HTMLSelectElement).value;
    if (!isValidTimeZone(zone)) return;
    this.displayZone = zone;
    if (this.selection) this.rangeStart = toPlainDate(this.selection.start, zone);
    void this.loadAvailability();
  }

  private onContinue(): void {
    if (!this.providerId || !this.locationId || !this.serviceId) return;
    this.focusNextStep = true;
    this.goToAvailability();
  }

  private onBack(): void {
    this.focusNextStep = true;
    this.error = undefined;
    this.step = this.step === 'review' ? 'availability' : 'choose';
  }

  /** Arrow keys, Home and End move between start times; Tab leaves the list. */
  private onSlotKeydown(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const next =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? Math.min(buttons.length - 1, index + 1)
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? Math.max(0, index - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    this.focusedSlot = next;
    buttons[next].focus();
  }

  private onViewAppointments(): void {
    this.dispatchEvent(new ViewAppointmentsEvent(this.submitted));
  }

  /** The dialog closed: by Escape, the close button, `close()`, or `open` set to false. */
  private onDialogClose(): void {
    // The close event of a dialog that show() has opened again since: it is no longer closed.
    if (this.dialog?.open) return;
    this.open = false;
    this.dispatchEvent(new SelfScheduleCloseEvent());
    this.opener?.focus();
    this.opener = undefined;
  }

  // ---- public methods ----------------------------------------------------------------------

  /** Opens the form (the dialog, in `modal` mode); focus returns to the opener when it closes. */
  async show(): Promise<void> {
    if (!this.modal) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('select, button')?.focus();
      return;
    }
    if (this.open && this.dialog?.open) return;
    this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (this.step === 'done') this.startOver();
    if (this.open && this.dialog) {
      // close() a moment ago, its close event not yet arrived: finish that close, then open again.
      this.dispatchEvent(new SelfScheduleCloseEvent());
      this.dialog.showModal();
      this.dispatchEvent(new SelfScheduleOpenEvent());
    } else {
      this.open = true;
    }
    await this.updateComplete;
  }

  /** Closes the dialog. */
  close(): void {
    this.dialog?.close();
  }

  /**
   * Pre-fills the form from a therapist's link (the page's own address by default). Values that
   * cannot be read are left out with a notice.
   */
  prefillFromLink(link: string | URL | URLSearchParams = location.href): void {
    const { choice, rejected } = readTherapistLink(link);
    this.provider = choice.provider;
    this.location = choice.location;
    this.service = choice.service;
    this.start = choice.start;
    if (rejected.length) {
      void this.updateComplete.then(() => {
        this.notices = [...this.notices, this.text.malformedLink];
      });
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderSelect(
    field: 'provider' | 'location' | 'service',
    loadable: Loadable<Array<{ id: string; name: string; credentials?: string }>>,
    value: string | undefined,
    onChange: (event: Event) => void,
    hint: string,
    retry: () => void,
  ): TemplateResult {
    const text = this.text;
    const id = `${field}-select`;
    const options = loadable.state === 'ready' ? loadable.value : [];
    return html`
      <div part="field">
        <label for=${id}>${text[field]}</label>
        <span class="hint" id="${id}-hint">${hint}</span>
        <select
          id=${id}
          aria-describedby="${id}-hint"
          ?disabled=${loadable.state !== 'ready'}
          aria-busy=${loadable.state === 'pending' ? 'true' : 'false'}
          @change=${onChange}
        >
          <option value="" ?selected=${!value}>${loadable.state === 'pending' ? text.loading : text.choose}</option>
          ${options.map(
            (option) =>
              html`<option value=${option.id} ?selected=${option.id === value}>
                ${option.name}${option.credentials ? `, ${option.credentials}` : ''}
              </option>`,
          )}
        </select>
        ${loadable.state === 'error'
          ? html`<p part="error" role="alert">
              ${messageOf(loadable.error)}
              ${refusedSignIn(loadable.error) ? nothing : html`<button type="button" @click=${retry}>${text.retry}</button>`}
            </p>`
          : nothing}
      </div>
    `;
  }

  private renderChoose(): TemplateResult {
    const text = this.text;
    if (this.providers.state === 'ready' && this.providers.value.length === 0) {
      return html`<p part="notice">${text.noSelfScheduling}</p>`;
    }
    const locationsEmpty = this.locations.state === 'ready' && this.locations.value.length === 0;
    const servicesEmpty = this.services.state === 'ready' && this.services.value.length === 0;
    const ready = Boolean(this.providerId && this.locationId && this.chosenService && this.locations.state === 'ready');
    // A time clicked on a calendar, said from the start; a link with all three choices goes on to
    // Availability instead (the service is pre-filled until then), which says it there.
    const start = this.prefill?.service ? NaN : Date.parse(this.prefill?.start ?? '');
    return html`
      ${Number.isFinite(start) ? html`<p>${text.chosenStart(formatDateTime(start, this.locale, this.displayZone))}</p>` : nothing}
      ${this.renderSelect('provider', this.providers, this.providerId, this.onProviderChange, text.providerHint, () => void this.loadProviders())}
      ${this.providerId
        ? this.renderSelect('location', this.locations, this.locationId, this.onLocationChange, text.locationHint, () => void this.loadLocations())
        : nothing}
      ${locationsEmpty ? html`<p>${text.noLocations}</p>` : nothing}
      ${this.providerId && this.locationId
        ? this.renderSelect('service', this.services, this.serviceId, this.onServiceChange, text.serviceHint, () => void this.loadServices())
        : nothing}
      ${servicesEmpty ? html`<p>${text.noServices}</p>` : nothing}
      <div class="actions">
        <button class="primary" ?disabled=${!ready} @click=${this.onContinue}>${text.continue}</button>
      </div>
    `;
  }

  private choiceSummary(): TemplateResult {
    const provider = this.providers.state === 'ready' ? this.providers.value.find((p) => p.id === this.providerId) : undefined;
    const location = this.locations.state === 'ready' ? this.locations.value.find((l) => l.id === this.locationId) : undefined;
    const service = this.chosenService;
    return html`<p class="choice-summary">
      ${[provider?.name, location?.name, service ? `${service.name} (${this.text.minutes(service.durationMinutes)})` : undefined]
        .filter(Boolean)
        .join(' · ')}
    </p>`;
  }

  private renderZonePicker(): TemplateResult {
    // In a fixed order, the chosen zone last, so the list does not reorder under the choice.
    const zones = new Set([currentZoneName(browserTimeZone())]);
    if (this.availability.state === 'ready') zones.add(this.availability.value.timeZone);
    zones.add(this.displayZone);
    const all = ((Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [])
      .map(currentZoneName)
      .sort();
    const now = this.now();
    return html`
      <div class="zone">
        <label for="zone-select">${this.text.timeZone}</label>
        <select id="zone-select" @change=${this.onZoneChange}>
          ${[...zones].map(
            (zone) =>
              html`<option value=${zone} ?selected=${zone === this.displayZone}>${zoneName(zone, this.locale, now)} (${zone})</option>`,
          )}
          <optgroup label=${this.text.allTimeZones}>
            ${all.filter((zone) => !zones.has(zone)).map((zone) => html`<option value=${zone}>${zone}</option>`)}
          </optgroup>
        </select>
      </div>
    `;
  }

  private renderStartTimes(starts: number[]): TemplateResult {
    const text = this.text;
    const byDay = new Map<string, number[]>();
    for (const start of starts) {
      const day = formatPlainDate(toPlainDate(start, this.displayZone));
      byDay.set(day, [...(byDay.get(day) ?? []), start]);
    }
    const focusIndex = this.focusedSlot < starts.length ? this.focusedSlot : 0;
    let index = 0;
    return html`
      <section part="slots" aria-labelledby="slots-heading" @keydown=${this.onSlotKeydown}>
        <h3 id="slots-heading">${text.startTimes}</h3>
        ${[...byDay.values()].map(
          (dayStarts) => html`
            <h4>${formatDay(dayStarts[0], this.locale, this.displayZone)}</h4>
            <ul>
              ${dayStarts.map((start) => {
                const position = index++;
                const selected = this.selection?.start === start;
                return html`<li>
                  <button
                    part="slot"
                    type="button"
                    tabindex=${position === focusIndex ? 0 : -1}
                    aria-pressed=${selected ? 'true' : 'false'}
                    aria-label=${text.startTimeLabel(formatDateTime(start, this.locale, this.displayZone))}
                    @click=${() => this.choose(start)}
                  >
                    ${formatTime(start, this.locale, this.displayZone)}
                  </button>
                </li>`;
              })}
            </ul>
          `,
        )}
      </section>
    `;
  }

  private renderAvailability(): TemplateResult {
    const text = this.text;
    const range = this.visibleRange;
    const loading = this.availability.state === 'pending' || this.availability.state === 'idle';
    const starts = this.startTimes;
    const day = this.view === 'day';
    // A phone, a narrow layout or a touch screen: one tap chooses a time there (see availability-grid.ts).
    const touch = day || globalThis.matchMedia?.('(pointer: coarse)').matches;
    return html`
      ${this.choiceSummary()}
      <h3 data-step-heading tabindex="-1">${text.availability}</h3>
      <p class="hint">${touch ? text.availabilityHintTouch : text.availabilityHint}</p>
      <div class="toolbar">
        <button type="button" @click=${() => this.move(-1)}>${day ? text.previousDay : text.previousWeek}</button>
        <span class="range" aria-live="polite">${formatRange(range.start, range.end - 1, this.locale, this.displayZone)}</span>
        <button type="button" @click=${() => this.move(1)}>${day ? text.nextDay : text.nextWeek}</button>
      </div>
      ${this.renderZonePicker()}
      <div class="availability" aria-busy=${loading || (this.grid && !this.grid.isShown) ? 'true' : 'false'}>
        <div part="calendar" id="grid"></div>
        <div>
          ${this.availability.state === 'error'
            ? html`<p part="error" role="alert">
                ${messageOf(this.availability.error)}
                ${refusedSignIn(this.availability.error)
                  ? nothing
                  : html`<button type="button" @click=${() => void this.loadAvailability()}>${text.retry}</button>`}
              </p>`
            : loading
              ? html`<p role="status">${text.loadingTimes}</p>`
              : starts.length
                ? this.renderStartTimes(starts)
                : html`<p>${day ? text.noOpenTimesDay : text.noOpenTimes}</p>
                    <button type="button" ?disabled=${this.searchingAhead} @click=${() => void this.jumpToNextOpen()}>
                      ${text.jumpToNextOpen}
                    </button>`}
        </div>
      </div>
      <p>
        <strong>${text.selectedTime}:</strong>
        ${this.selection ? formatDateTime(this.selection.start, this.locale, this.displayZone) : text.noTimeSelected}
      </p>
      <div class="actions">
        <button type="button" @click=${this.onBack}>${text.back}</button>
        <button
          type="button"
          part="submit"
          class="primary"
          ?disabled=${!this.selection}
          aria-disabled=${this.saving ? 'true' : 'false'}
          @click=${() => void this.save()}
        >
          ${this.saving ? text.saving : text.save}
        </button>
      </div>
    `;
  }

  private renderReview(): TemplateResult {
    const text = this.text;
    const provider = this.providers.state === 'ready' ? this.providers.value.find((p) => p.id === this.providerId) : undefined;
    const location = this.locations.state === 'ready' ? this.locations.value.find((l) => l.id === this.locationId) : undefined;
    const service = this.chosenService;
    const selection = this.selection!;
    return html`
      <h3 data-step-heading tabindex="-1">${text.review}</h3>
      <dl>
        <dt>${text.provider}</dt>
        <dd>${provider ? `${provider.name}${provider.credentials ? `, ${provider.credentials}` : ''}` : ''}</dd>
        <dt>${text.location}</dt>
        <dd>${location ? (location.kind === 'in-person' ? `${location.name}\n${location.address}` : `${location.name} · ${text.telehealth}`) : ''}</dd>
        <dt>${text.service}</dt>
        <dd>${service?.name ?? ''}</dd>
        <dt>${text.length}</dt>
        <dd>${service ? text.minutes(service.durationMinutes) : ''}</dd>
        <dt>${text.when}</dt>
        <dd>${formatDateTime(selection.start, this.locale, this.displayZone)} (${this.displayZone})</dd>
      </dl>
      <div class="actions">
        <button type="button" ?disabled=${this.submitting} @click=${this.onBack}>${text.back}</button>
        <button
          type="button"
          part="submit"
          class="primary"
          aria-disabled=${this.submitting ? 'true' : 'false'}
          @click=${() => void this.submit()}
        >
          ${this.submitting ? text.submitting : this.changing ? text.submitChange : text.submit}
        </button>
      </div>
    `;
  }

  private renderDone(): TemplateResult {
    const text = this.text;
    const appointmentsHref = webHref(this.appointmentsHref);
    return html`
      <h3 data-step-heading tabindex="-1">${this.changing ? text.changeDoneHeading : text.doneHeading}</h3>
      <p>${text.doneMessage}</p>
      <div class="actions">
        ${appointmentsHref
          ? html`<a part="submit" class="button primary" href=${appointmentsHref} @click=${this.onViewAppointments}>
              ${text.viewAppointments}
            </a>`
          : html`<button type="button" part="submit" class="primary" @click=${this.onViewAppointments}>
              ${text.viewAppointments}
            </button>`}
      </div>
    `;
  }

  private renderBody(): TemplateResult {
    const text = this.text;
    if (!this.activeAdapter) return html`<p part="notice">${text.notConnected}</p>`;
    const steps: Record<FormStep, () => TemplateResult> = {
      choose: () => this.renderChoose(),
      availability: () => this.renderAvailability(),
      review: () => this.renderReview(),
      done: () => this.renderDone(),
    };
    const signIn = this.signIn;
    return html`
      <div part="notice" role="status" class=${this.notices.length || signIn.noticeText(text) ? 'shown' : ''}>
        ${this.notices.map((notice) => html`<p>${notice}</p>`)} ${signIn.renderNotice(text)}
      </div>
      <div part="error" role="alert" class=${this.error || !this.online || signIn.alertText(text) ? 'shown' : ''}>
        ${this.online ? nothing : html`<p>${text.offline}</p>`}
        ${this.error
          ? html`${this.error.message}
            ${this.error.retry ? html`<button type="button" @click=${this.error.retry}>${text.retry}</button>` : nothing}`
          : nothing}
        ${signIn.renderAlert(text)}
      </div>
      ${signIn.prompting ? signIn.renderPrompt(text) : steps[this.step]()}
    `;
  }

  override render(): TemplateResult {
    const text = this.text;
    if (!this.modal) {
      return html`<section part="form" aria-labelledby="heading">
        <h2 id="heading">${this.changing ? text.changeHeading : text.heading}</h2>
        ${this.renderBody()}
      </section>`;
    }
    return html`
      <dialog part="dialog" aria-labelledby="heading" @close=${this.onDialogClose}>
        <div class="dialog-header">
          <h2 id="heading">${this.changing ? text.changeHeading : text.heading}</h2>
          <button type="button" @click=${this.close}>${text.close}</button>
        </div>
        <section part="form">${this.open ? this.renderBody() : nothing}</section>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'self-schedule-form': SelfScheduleForm;
  }
}
