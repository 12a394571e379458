import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Appointment } from '../../model/schemas.js';
import {
  type PlainDate,
  addDays,
  formatPlainDate,
  fromWallClock,
  minuteOfDay,
  parsePlainDate,
  startOfDay,
  startOfWeek,
  toPlainDate,
} from '../../scheduling/time-zone.js';
import { appointmentStyles } from '../shared/appointment.styles.js';
import { appointmentTerms, cancelConfirmation, managePanel, statusTerms, tabFrame } from '../shared/appointment-templates.js';
import { holdsTime } from '../../scheduling/practice-rules.js';
import { AppointmentsWatch, byStart } from '../shared/appointments-watch.js';
import { baseStyles } from '../shared/base.styles.js';
import { BookingElement } from '../shared/booking-element.js';
import { CancelFlow } from '../shared/cancel-flow.js';
import { FocusReturn, showModalWhile } from '../shared/dialogs.js';
import { appointmentZone, firstDayOfWeek, formatDateTime, formatRange, shownZone, zoneName } from '../shared/format.js';
import { NarrowLayout } from '../shared/narrow-layout.js';
import { NestedForm } from '../shared/nested-form.js';
import type { SignInReason } from '../shared/sign-in.events.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import type { ViewAppointmentsEvent } from '../self-schedule-form/self-schedule-form.events.js';
// Types only: FullCalendar itself arrives with `import()` when the calendar is first shown.
import type { AppointmentCalendarView, CalendarEntry, CalendarViewName, CalendarViewOptions } from './calendar-view.js';
import {
  AppointmentSelectEvent,
  type CalendarRange,
  RangeChangeEvent,
  TimePickEvent,
} from './appointment-calendar.events.js';
import { type CalendarStrings, defaultCalendarStrings } from './appointment-calendar.strings.js';
import { calendarStyles } from './appointment-calendar.styles.js';

/** Below this width (in px at the usual text size) the calendar becomes a list (FullCalendar's list views). */
const narrowWidth = 640;

/** Pixels per half-hour row of the week and day grids. */
const rowHeight = 28;

/** Hours the week and day grids show at least, widened to show every appointment in view. */
const defaultHours = { first: 7 * 60, last: 21 * 60 };

/** A day clicked in the month view opens the form at this local time that day. */
const monthClickMinute = 9 * 60;

/**
 * The most appointments drawn on the calendar for the range shown (the list under it has them
 * all). No client has this many in a month; a backend sending thousands must not hold the page in
 * FullCalendar's layout: 6,666 in one week took it 13 s on a busy 2-core machine, 200 take 1 s.
 */
const maxDrawn = 200;

const timeViews: Record<CalendarRange, CalendarViewName> = { week: 'timeGridWeek', month: 'dayGridMonth', day: 'timeGridDay' };
const listViews: Record<CalendarRange, CalendarViewName> = { week: 'listWeek', month: 'listMonth', day: 'listDay' };

/**
 * The Calendar tab: the client's appointments on a week, month or day calendar, each labelled
 * with its service, provider and status in words; New Appointment, or a click on the calendar at
 * the date and time wanted, to request one; a click on an appointment for its details and Manage
 * Appointment.
 *
 * **Views.** Week (the default), Month and Day, switched with the toolbar's buttons
 * (`aria-pressed`), with Previous, Today and Next. It starts at the week (month, day) holding
 * `initial-date`, else `now()`. Where the element is narrower than 640 px (a phone) the calendar
 * becomes a list of the same week (month, day): measured on window resizes in the next animation
 * frame, never with a ResizeObserver, and the calendar's height is worked out from the hours or
 * appointments shown, never 'auto' (both would race FullCalendar's own resize observers into
 * "ResizeObserver loop" errors).
 *
 * **Zones.** The calendar is drawn in one zone, the client's (`time-zone`), named under the
 * toolbar. The list under it and the details write each time with its zone: an in-person
 * appointment's where it happens, a telehealth one's in the client's.
 *
 * **Labels, never colour alone.** An appointment reads "Individual Therapy with Dr. Maya Chen —
 * Confirmed" on the calendar and in the list under it. Declined and Cancelled appointments stay
 * where they were, struck through and with the word, so the client can see what happened to a
 * time they asked for; Unconfirmed ones have a dashed border. Under the calendar, the appointments
 * of the range shown are listed as buttons ("No appointments in this week" when there are none):
 * the same appointments, in time order, for keyboard and screen-reader users (FullCalendar's own
 * events are focusable buttons too) and wherever the calendar could not be loaded.
 *
 * **Asking for a time.** Where at least one therapist self-schedules, New Appointment opens a
 * `<self-schedule-form modal>` in this element's shadow root (same adapter, `now` and
 * `time-zone`), and so does a click, a tap or a drag on empty time in the week or day view: the
 * form opens with that time as its `start` (provider, location and service cleared for the client
 * to choose), and at Availability shows it chosen, or says in a notice why it is not open. In the
 * month view a click on a day opens the form at 09:00 that day (local time). `ss-time-pick` is
 * fired first; a listener may `preventDefault()` it to handle the click itself.
 *
 * **Details and Manage Appointment.** A click on an appointment (or Enter on it, or its button in
 * the list) opens a dialog with its status, date and time with the zone, length, provider,
 * service and location (address, or telehealth), and Manage Appointment: Change appointment (the
 * form with `changing` set) and Cancel appointment (a confirmation with the cancellation policy;
 * one request per intention, its idempotency key reused on Try again), or why it can no longer
 * be changed online.
 *
 * **Live.** Appointments come from the adapter's `watchAppointments` (pushed by a MemoryAdapter,
 * polled by a RestAdapter), so a therapist's confirmation, or a change made in another view, shows
 * here without a reload; status changes are announced politely in the `notice` region.
 *
 * **Failures** are said in plain words that say what to do (a server's own text and the fields an
 * answer got wrong stay on the error, for the host), with Try again only where trying again can
 * help: a lost connection, a time limit or the server failing; not after a refusal or an answer
 * that was not understood.
 *
 * @summary Shows a client's appointments on a calendar, live, with New Appointment, click-to-request and Manage Appointment.
 *
 * @fires ss-appointment-select - The client opened an appointment's details; `appointment` is it.
 * @fires ss-time-pick - The client clicked empty time; `start` is what the form opens at. Cancelable: `preventDefault()` keeps the form closed.
 * @fires ss-range-change - The client moved to another week, month or day, or switched views; `view`, `start` and `end` say which.
 * @fires ss-status-change - An appointment's status changed while shown; `appointment` and `previousStatus` say how.
 * @fires ss-appointment-cancel - The client cancelled an appointment; `appointment` is it, now cancelled.
 * @fires ss-appointment-cancel-fail - Cancelling failed; `error` says why, and the confirmation offers Try again.
 * @fires ss-appointment-change - The client moved an appointment; `appointment` is it at its new time, `previous` as it was.
 * @fires ss-request-submit - (From the form inside.) A request or a change was accepted.
 * @fires ss-auth-required - The practice answered 401 (once per failure); `error` and `reason` (`session` or `link`) say why. Cancelable: `preventDefault()` keeps the sign-in prompt hidden.
 *
 * @csspart toolbar - Previous, Today and Next, the range shown, and the Week, Month and Day buttons.
 * @csspart calendar - The calendar (FullCalendar, inside this element's shadow root).
 * @csspart list - The list of the appointments in the range shown, under the calendar.
 * @csspart appointment - One appointment's button in that list.
 * @csspart details - The dialog with an appointment's details (and the cancel confirmation).
 * @csspart status - The status badge in the details (its status is always written in it).
 * @csspart status-unconfirmed - The badge of an Unconfirmed appointment (with `status`).
 * @csspart status-confirmed - The badge of a Confirmed appointment.
 * @csspart status-declined - The badge of a Declined appointment.
 * @csspart decline-note - The therapist's note on a declined request, below its status.
 * @csspart status-cancelled - The badge of a Cancelled appointment.
 * @csspart manage - Manage Appointment and the actions it reveals.
 * @csspart new-appointment - The New Appointment button.
 * @csspart error - The alert regions where errors appear.
 * @csspart notice - The status region where changes are announced.
 * @csspart sign-in - The sign-in prompt, shown in place of the calendar when the practice asks who the client is.
 *
 * @cssprop --ss-font - Font family.
 * @cssprop --ss-color-text - Text colour.
 * @cssprop --ss-color-muted - Secondary text colour, and Declined and Cancelled appointments.
 * @cssprop --ss-color-background - Background colour.
 * @cssprop --ss-color-surface - Background of buttons, panels and Unconfirmed appointments.
 * @cssprop --ss-color-border - Border colour.
 * @cssprop --ss-color-control-border - Border of buttons and selects (at least 3:1 against the background).
 * @cssprop --ss-color-primary - Colour of primary actions and the pressed view button.
 * @cssprop --ss-color-on-primary - Text on the primary colour.
 * @cssprop --ss-color-error - Colour of errors, and the calendar's now line.
 * @cssprop --ss-color-unavailable - Passed on to the form: fill of greyed-out times.
 * @cssprop --ss-color-unavailable-hatch - Passed on to the form: hatching over greyed-out times (at least 3:1 against open time).
 * @cssprop --ss-unavailable-pattern - Passed on to the form: pattern over greyed-out times.
 * @cssprop --ss-color-focus - Focus ring colour.
 * @cssprop --ss-color-confirmed - Colour of Confirmed appointments.
 * @cssprop --ss-color-unconfirmed - Colour of the dashed border of Unconfirmed appointments.
 * @cssprop --ss-radius - Corner radius.
 */
@customElement('appointment-calendar')
export class AppointmentCalendarElement extends BookingElement {
  static override styles = [baseStyles, appointmentStyles, calendarStyles, signInPromptStyles];

  /**
   * The client's zone (IANA name), the browser's by default: the calendar is drawn in it (as its
   * caption says), and telehealth times are written in it; the list and the details write an
   * in-person appointment's time where it happens. Every written time names its zone.
   */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** A day to start at (`YYYY-MM-DD`, or an ISO instant); the day of `now()` by default. */
  @property({ attribute: 'initial-date' }) initialDate?: string;

  /** The range shown: `week`, `month` or `day`. The client switches it with the toolbar. */
  @property() view: CalendarRange = 'week';

  /** Replacement text for any of the element's words. */
  @property({ attribute: false }) strings: Partial<CalendarStrings> = {};

  /** A day in the range shown. */
  @state() private anchor?: PlainDate;
  @state() private calendarFailed = false;
  /** The appointment whose details are open. */
  @state() private detailsId?: string;
  /** Its latest version, should it leave the list while shown. */
  private detailsSnapshot?: Appointment;
  @state() private manageOpen = false;
  /** The details dialog asks to confirm a cancellation. */
  @state() private confirming = false;

  @query('dialog[part~="details"]') private detailsDialog?: HTMLDialogElement;
  @query('#calendar') private calendarContainer?: HTMLElement;

  /** The form is open or opening: a second click (or `select` after `dateClick`) opens nothing more. */
  private formBusy = false;
  private lastPick?: { start: number; at: number };

  private calendarView?: AppointmentCalendarView;
  private calendarHolder?: HTMLElement;
  private calendarLoading?: Promise<void>;

  private readonly watch = new AppointmentsWatch(this, {
    ...this.watchHooks(),
    words: () => this.text,
    when: (instant: string, appointment?: Appointment) => this.when(instant, appointment),
    // A declined or cancelled appointment can no longer be managed: its panel closes.
    statusChanged: (appointment) => {
      if (appointment.id === this.detailsId && !holdsTime(appointment.status)) this.manageOpen = false;
    },
    forget: () => {
      this.detailsId = undefined;
    },
  });

  private readonly cancel = new CancelFlow(this, this.watch, () => this.text.faults);

  private readonly form = new NestedForm(this, this.watch, {
    viewAppointments: (event) => this.onViewAppointments(event),
    closed: () => this.onFormClose(),
  });

  /** Where the calendar becomes a list (FullCalendar's list views). */
  private readonly layout = new NarrowLayout(this, narrowWidth);

  private readonly listButton = (id: string) =>
    this.renderRoot.querySelector<HTMLElement>(`[part~="appointment"][data-id="${CSS.escape(id)}"]`);
  private readonly formFocus = new FocusReturn(this.listButton);
  private readonly detailsFocus = new FocusReturn(this.listButton);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.destroyCalendar();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!this.anchor || changed.has('initialDate')) this.anchor = this.initialDay();
    if (changed.has('view') && !Object.hasOwn(timeViews, this.view)) this.view = 'week';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('detailsId')) showModalWhile(this.detailsDialog, Boolean(this.detailsId));
    this.syncCalendar();
  }

  /** Back online, or signed in since a refusal: the list is watched afresh (polling may have backed off meanwhile). */
  protected override backOnline(): void {
    this.watch.retry();
  }

  /** The prompt replaces the calendar, so the details of one of its appointments close (their opener is gone too). */
  protected override needsSignIn(error: unknown, reason?: SignInReason): boolean {
    const needed = super.needsSignIn(error, reason);
    if (needed && this.signIn.prompting) {
      this.detailsId = undefined;
      this.confirming = false;
      this.cancel.reset();
    }
    return needed;
  }

  // ---- loading ----------------------------------------------------------------------------

  private get text(): CalendarStrings {
    return { ...defaultCalendarStrings, ...this.strings };
  }

  private initialDay(): PlainDate {
    const given = this.initialDate?.trim() ?? '';
    const asDate = parsePlainDate(given);
    if (asDate) return asDate;
    const instant = Date.parse(given);
    return toPlainDate(Number.isFinite(instant) ? instant : this.now(), this.displayZone);
  }

  // ---- words ---------------------------------------------------------------------------------

  private get displayZone(): string {
    return shownZone(this.timeZone);
  }

  /** The zone `appointment`'s times are written in: where it happens, or the client's for telehealth. */
  private zoneOf(appointment: Appointment | undefined): string {
    return appointment ? appointmentZone(appointment, this.displayZone) : this.displayZone;
  }

  /** An instant of `appointment` in its zone, the zone named; without one, in the calendar's. */
  private when(instant: string, appointment?: Appointment): string {
    return formatDateTime(Date.parse(instant), this.locale, this.zoneOf(appointment));
  }

  private titleOf(appointment: Appointment): string {
    return this.text.eventTitle(appointment.service.name, appointment.provider.name);
  }

  /** "Individual Therapy with Dr. Maya Chen — Confirmed": the status always in words. */
  private label(appointment: Appointment): string {
    const text = this.text;
    return `${this.titleOf(appointment)}${text.statusSeparator}${text[appointment.status]}`;
  }

  private get timeFormat(): Intl.DateTimeFormat {
    return new Intl.DateTimeFormat(this.locale, { hour: 'numeric', minute: '2-digit', timeZone: this.displayZone });
  }

  private rangeLabel(range: { start: number; end: number }): string {
    if (this.view === 'month') {
      return new Intl.DateTimeFormat(this.locale, { year: 'numeric', month: 'long', timeZone: this.displayZone }).format(range.start);
    }
    return formatRange(range.start, range.end - 1, this.locale, this.displayZone);
  }

  // ---- what is shown -------------------------------------------------------------------------

  private get firstDay(): number {
    return firstDayOfWeek(this.locale);
  }

  /** The range shown, as instants (its first day's local midnight to the next range's). */
  private get range(): { start: number; end: number } {
    const anchor = this.anchor ?? this.initialDay();
    let first: PlainDate;
    let next: PlainDate;
    if (this.view === 'month') {
      first = { year: anchor.year, month: anchor.month, day: 1 };
      next = anchor.month === 12 ? { year: anchor.year + 1, month: 1, day: 1 } : { year: anchor.year, month: anchor.month + 1, day: 1 };
    } else if (this.view === 'day') {
      first = anchor;
      next = addDays(anchor, 1);
    } else {
      const firstDay = this.firstDay;
      first = startOfWeek(anchor, (firstDay === 0 ? 7 : firstDay) as 1 | 2 | 3 | 4 | 5 | 6 | 7);
      next = addDays(first, 7);
    }
    return { start: startOfDay(first, this.displayZone), end: startOfDay(next, this.displayZone) };
  }

  /** The appointments overlapping the range shown, soonest first. */
  private get visible(): Appointment[] {
    const { start, end } = this.range;
    return this.watch.appointments.filter((a) => Date.parse(a.start) < end && Date.parse(a.end) > start).sort(byStart);
  }

  private get calendarViewName(): CalendarViewName {
    return (this.layout.narrow ? listViews : timeViews)[this.view];
  }

  /** Whole hours around every appointment in view, at least `defaultHours`. */
  private visibleHours(appointments: Appointment[]): { first: number; last: number } {
    let { first, last } = defaultHours;
    const zone = this.displayZone;
    for (const appointment of appointments) {
      const start = Date.parse(appointment.start);
      const end = Date.parse(appointment.end);
      if (formatPlainDate(toPlainDate(start, zone)) !== formatPlainDate(toPlainDate(end - 1, zone))) return { first: 0, last: 24 * 60 };
      first = Math.min(first, Math.floor(minuteOfDay(start, zone) / 60) * 60);
      last = Math.max(last, Math.min(24 * 60, Math.ceil((minuteOfDay(end - 1, zone) + 1) / 60) * 60));
    }
    return { first, last };
  }

  /**
   * The calendar's height in pixels, from what it shows: every row of the time grids (so nothing
   * scrolls inside them), six weeks of the month, or room for each day and appointment of a list.
   */
  private contentHeight(view: CalendarViewName, visible: Appointment[], hours: { first: number; last: number }): number {
    if (view === 'timeGridWeek' || view === 'timeGridDay') return ((hours.last - hours.first) / 30) * rowHeight;
    if (view === 'dayGridMonth') return 6 * 100;
    const days = new Set(visible.map((a) => formatPlainDate(toPlainDate(Date.parse(a.start), this.displayZone)))).size;
    return Math.max(120, days * 44 + visible.length * 56 + 8);
  }

  // ---- the calendar ------------------------------------------------------------------------

  /** Loads FullCalendar the first time the calendar is shown, and keeps it in step with the state. */
  private syncCalendar(): void {
    const container = this.calendarContainer;
    if (container !== this.calendarHolder) this.destroyCalendar();
    if (!container) return;
    if (!this.calendarView) {
      // The calendar's room, kept in step with what it will show until its code arrives, so the
      // list under it does not jump when it is drawn.
      container.style.minHeight = this.calendarFailed ? '' : `${this.calendarOptions().contentHeight}px`;
      if (this.calendarLoading) return;
      this.calendarLoading = import('./calendar-view.js')
        .then((module) => {
          module.adoptCalendarStyles(this.renderRoot as ShadowRoot);
          const target = this.calendarContainer;
          if (!target || !this.isConnected) return;
          this.calendarHolder = target;
          const view = new module.AppointmentCalendarView(target, this.calendarOptions(), this.entries());
          this.calendarView = view;
          target.style.minHeight = '';
          // Busy until it is on screen (see fullcalendar-settle.ts).
          this.requestUpdate();
          void view.shown.then(() => {
            if (this.calendarView === view) this.requestUpdate();
          });
        })
        .catch(() => {
          // Without the calendar, the list under it still opens every appointment.
          this.calendarFailed = true;
        })
        .finally(() => {
          this.calendarLoading = undefined;
        });
      return;
    }
    this.calendarView?.update(this.calendarOptions(), this.entries());
  }

  private destroyCalendar(): void {
    this.calendarView?.destroy();
    this.calendarView = undefined;
    this.calendarHolder = undefined;
  }

  private calendarOptions(): CalendarViewOptions {
    const view = this.calendarViewName;
    const visible = this.visible.slice(0, maxDrawn);
    const hours = this.visibleHours(visible);
    return {
      timeZone: this.displayZone,
      locale: this.locale,
      firstDay: this.firstDay,
      view,
      date: formatPlainDate(this.anchor ?? this.initialDay()),
      now: this.now,
      pickable: this.watch.offersNew,
      firstMinute: hours.first,
      lastMinute: hours.last,
      contentHeight: this.contentHeight(view, visible, hours),
      noEventsText: this.emptyText,
      onPickTime: (start) => void this.pick(start, false),
      onPickDay: (date) => {
        const day = parsePlainDate(date);
        if (day) void this.pick(fromWallClock({ ...day, hour: monthClickMinute / 60, minute: 0 }, this.displayZone), true);
      },
      onOpen: (id, element) => this.openDetails(id, element),
    };
  }

  private entries(): CalendarEntry[] {
    const text = this.text;
    // Intl's own words ("10:00 – 10:50 AM"); FullCalendar's range text drops the space before the meridiem.
    const format = this.timeFormat;
    // Only the range shown goes to FullCalendar: every change of range or list updates it anyway.
    return this.visible.slice(0, maxDrawn).map((appointment) => {
      const start = Date.parse(appointment.start);
      return {
        id: appointment.id,
        start: appointment.start,
        end: appointment.end,
        title: this.titleOf(appointment),
        separator: text.statusSeparator,
        statusText: text[appointment.status],
        status: appointment.status,
        time: format.formatRange(start, Date.parse(appointment.end)),
        startTime: format.format(start),
      };
    });
  }

  private get emptyText(): string {
    const text = this.text;
    return this.view === 'month' ? text.emptyMonth : this.view === 'day' ? text.emptyDay : text.emptyWeek;
  }

  // ---- event handlers ----------------------------------------------------------------------

  private announceRange(): void {
    const { start, end } = this.range;
    this.dispatchEvent(new RangeChangeEvent(this.view, new Date(start).toISOString(), new Date(end).toISOString()));
  }

  private move(direction: -1 | 1): void {
    const anchor = this.anchor ?? this.initialDay();
    if (this.view === 'month') {
      const month = anchor.month - 1 + direction;
      this.anchor = { year: anchor.year + Math.floor(month / 12), month: ((month % 12) + 12) % 12 + 1, day: 1 };
    } else {
      this.anchor = addDays(anchor, direction * (this.view === 'day' ? 1 : 7));
    }
    this.announceRange();
  }

  private goToToday(): void {
    this.anchor = toPlainDate(this.now(), this.displayZone);
    this.announceRange();
  }

  private switchView(view: CalendarRange): void {
    if (view === this.view) return;
    this.view = view;
    this.announceRange();
  }

  /** Empty time was clicked: the form opens there, once, unless a listener takes the click. */
  private async pick(start: number, allDay: boolean): Promise<void> {
    if (!this.watch.offersNew || this.formBusy) return;
    // A mouse click reports both `dateClick` and `select`: one is enough.
    const at = performance.now();
    if (this.lastPick?.start === start && at - this.lastPick.at < 1000) return;
    this.lastPick = { start, at };
    const iso = new Date(start).toISOString();
    const event = new TimePickEvent(iso, allDay);
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    await this.openForm({ start: iso });
  }

  /** Opens the form: for a new request (at `start`, if given) or to change `changing`. */
  private async openForm(prefill: { start?: string; changing?: Appointment }, opener?: HTMLElement): Promise<void> {
    if (this.formBusy) return;
    this.formBusy = true;
    this.formFocus.openedFrom(opener);
    const form = await this.form.open(prefill.changing);
    if (!form) {
      this.formBusy = false;
      return;
    }
    if (!prefill.changing) {
      // The client picks these in the form; a time picked again is applied afresh.
      form.provider = undefined;
      form.location = undefined;
      form.service = undefined;
      if (prefill.start && form.start === prefill.start) {
        form.start = undefined;
        await form.updateComplete;
      }
    }
    form.start = prefill.start;
    await form.show();
  }

  /** View My Appointments: they are right here, so the form closes onto the appointment's week. */
  private onViewAppointments(event: ViewAppointmentsEvent): void {
    const appointment = event.appointment;
    if (appointment) {
      this.anchor = toPlainDate(Date.parse(appointment.start), this.displayZone);
      this.formFocus.endOn(appointment.id);
    }
    this.form.close();
  }

  private onFormClose(): void {
    this.formBusy = false;
    // Once the list has rendered (the week View My Appointments moved to, say).
    this.formFocus.restore(undefined, this.updateComplete);
  }

  private openDetails(id: string, opener?: HTMLElement): void {
    const appointment = this.watch.find(id);
    if (!appointment) return;
    this.detailsFocus.openedFrom(opener);
    this.detailsSnapshot = appointment;
    this.manageOpen = false;
    this.confirming = false;
    this.cancel.reset();
    this.detailsId = id;
    this.dispatchEvent(new AppointmentSelectEvent(appointment));
  }

  /** The details closed: by Escape, Close, Change appointment or a successful cancellation. */
  private onDetailsClose(): void {
    const id = this.detailsId;
    this.detailsId = undefined;
    this.confirming = false;
    this.manageOpen = false;
    this.cancel.reset();
    // Change appointment: the form has taken focus, and keeps it.
    if (this.formBusy) this.detailsFocus.forget();
    else this.detailsFocus.restore(id);
  }

  private async changeAppointment(appointment: Appointment): Promise<void> {
    const opener = this.listButton(appointment.id) ?? undefined;
    // The form's dialog replaces this one.
    this.detailsDialog?.close();
    this.formFocus.endOn(appointment.id);
    await this.openForm({ changing: appointment }, opener);
  }

  /** Asks to confirm a cancellation (`true`) or goes back to the details: focus goes to the heading shown. */
  private confirmingCancel(confirming: boolean): void {
    this.cancel.reset();
    this.confirming = confirming;
    void this.updateComplete.then(() => {
      if (this.detailsId) this.renderRoot.querySelector<HTMLElement>(confirming ? '#cancel-heading' : '#details-heading')?.focus();
    });
  }

  private async confirmCancel(): Promise<void> {
    const cancelled = await this.cancel.send(this.watch.find(this.detailsId) ?? this.detailsSnapshot);
    if (!cancelled) return;
    this.detailsFocus.endOn(cancelled.id);
    this.detailsDialog?.close();
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderToolbar(range: { start: number; end: number }): TemplateResult {
    const text = this.text;
    const [previous, next] =
      this.view === 'month' ? [text.previousMonth, text.nextMonth] : this.view === 'day' ? [text.previousDay, text.nextDay] : [text.previousWeek, text.nextWeek];
    const views: CalendarRange[] = ['week', 'month', 'day'];
    return html`
      <div part="toolbar">
        <div class="group">
          <button type="button" @click=${() => this.move(-1)}>${previous}</button>
          <button type="button" @click=${this.goToToday}>${text.today}</button>
          <button type="button" @click=${() => this.move(1)}>${next}</button>
        </div>
        <h3 class="range" id="range-heading" aria-live="polite">${this.rangeLabel(range)}</h3>
        <div class="group" role="group" aria-label=${text.view}>
          ${views.map(
            (view) =>
              html`<button type="button" aria-pressed=${view === this.view ? 'true' : 'false'} @click=${() => this.switchView(view)}>
                ${text[view]}
              </button>`,
          )}
        </div>
      </div>
    `;
  }

  private renderAgenda(visible: Appointment[]): TemplateResult {
    const text = this.text;
    const heading = this.view === 'month' ? text.appointmentsInMonth : this.view === 'day' ? text.appointmentsOnDay : text.appointmentsInWeek;
    const ready = this.watch.list.state === 'ready';
    return html`
      <section class="agenda" aria-labelledby="agenda-heading">
        <h4 id="agenda-heading">${heading}</h4>
        ${visible.length
          ? html`<ul part="list" aria-labelledby="agenda-heading">
              ${repeat(
                visible,
                (appointment) => appointment.id,
                (appointment) => html`<li>
                  <button
                    type="button"
                    part="appointment"
                    class=${`${appointment.status}${holdsTime(appointment.status) ? '' : ' settled'}`}
                    data-id=${appointment.id}
                    aria-haspopup="dialog"
                    @click=${(event: Event) => this.openDetails(appointment.id, event.currentTarget as HTMLElement)}
                  >
                    <span class="when">${this.when(appointment.start, appointment)}</span>
                    <span class="what">${this.label(appointment)}</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : ready
            ? html`<p class="empty">${this.emptyText}</p>`
            : nothing}
      </section>
    `;
  }

  private renderDetailsBody(appointment: Appointment): TemplateResult {
    const text = this.text;
    const manage = {
      canChange: this.watch.canChange(appointment),
      open: this.manageOpen,
      panelId: 'manage-actions',
      toggle: () => (this.manageOpen = !this.manageOpen),
      change: () => void this.changeAppointment(appointment),
      cancel: () => this.confirmingCancel(true),
    };
    return html`
      <h3 id="details-heading" tabindex="-1">${this.titleOf(appointment)}</h3>
      <dl>
        ${statusTerms(appointment, text)}
        <dt>${text.when}</dt>
        <dd>${this.when(appointment.start, appointment)} (${this.zoneOf(appointment)})</dd>
        <dt>${text.length}</dt>
        <dd>${text.minutes(appointment.service.durationMinutes)}</dd>
        ${appointmentTerms(appointment, text, appointment.service.name)}
      </dl>
      ${managePanel(appointment, manage, text, (instant) => this.when(instant, appointment))}
      <div class="actions">
        <button type="button" @click=${() => this.detailsDialog?.close()}>${text.close}</button>
      </div>
    `;
  }

  private renderDetails(): TemplateResult {
    const appointment = this.watch.find(this.detailsId) ?? (this.detailsId ? this.detailsSnapshot : undefined);
    const labelledBy = this.confirming ? 'cancel-heading' : 'details-heading';
    const actions = { keep: () => this.confirmingCancel(false), confirm: () => void this.confirmCancel() };
    return html`
      <dialog part="details" aria-labelledby=${labelledBy} @close=${this.onDetailsClose}>
        ${appointment
          ? this.confirming
            ? cancelConfirmation(appointment, this.cancel, this.text, (instant) => this.when(instant, appointment), actions)
            : this.renderDetailsBody(appointment)
          : nothing}
      </dialog>
    `;
  }

  private renderCalendar(): TemplateResult {
    const text = this.text;
    const range = this.range;
    const visible = this.visible;
    const loading = this.watch.list.state === 'pending';
    return html`
      ${loading ? html`<p role="status">${this.watch.waitingLong ? text.slow : text.loading}</p>` : nothing}
      ${this.renderToolbar(range)}
      <p class="grid-zone" id="grid-zone">${text.gridZone(zoneName(this.displayZone, this.locale, range.start))}</p>
      ${this.calendarFailed ? html`<p class="hint">${text.calendarUnavailable}</p>` : nothing}
      ${visible.length > maxDrawn ? html`<p class="hint">${text.tooManyToDraw(maxDrawn, visible.length)}</p>` : nothing}
      <div part="calendar" id="calendar" aria-busy=${loading || (this.calendarView && !this.calendarView.isShown) ? 'true' : 'false'}></div>
      ${this.renderAgenda(visible)}
    `;
  }

  override render(): TemplateResult {
    const text = this.text;
    return tabFrame({
      text,
      connected: Boolean(this.activeAdapter),
      watch: this.watch,
      signIn: this.signIn,
      online: this.online,
      form: this.form,
      onNew: (opener) => void this.openForm({}, opener),
      hint: text.pickHint,
      content: () => this.renderCalendar(),
      dialog: this.renderDetails(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-calendar': AppointmentCalendarElement;
  }
}
