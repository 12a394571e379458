import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Appointment, AppointmentStatus } from '../../model/schemas.js';
import { appointmentStyles } from '../shared/appointment.styles.js';
import { appointmentTerms, cancelConfirmation, managePanel, statusTerms, tabFrame } from '../shared/appointment-templates.js';
import { holdsTime } from '../../scheduling/practice-rules.js';
import { AppointmentsWatch, byStart } from '../shared/appointments-watch.js';
import { baseStyles } from '../shared/base.styles.js';
import { BookingElement } from '../shared/booking-element.js';
import { CancelFlow } from '../shared/cancel-flow.js';
import { FocusReturn, showModalWhile } from '../shared/dialogs.js';
import { domId } from '../shared/dom-id.js';
import { appointmentZone, formatDateTime, shownZone } from '../shared/format.js';
import { NestedForm } from '../shared/nested-form.js';
import type { SignInReason } from '../shared/sign-in.events.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import type { ViewAppointmentsEvent } from '../self-schedule-form/self-schedule-form.events.js';
import { type StatusStrings, defaultStatusStrings } from './appointment-status.strings.js';
import { statusStyles } from './appointment-status.styles.js';

/**
 * The Appointments tab: the client's Upcoming Appointments with each one's Status, a New
 * Appointment button, and Manage Appointment to change or cancel.
 *
 * **Upcoming and past.** An appointment is listed under Upcoming Appointments, soonest first,
 * when it has not ended (its end is after `now()`) and either its status is Unconfirmed or
 * Confirmed, or it became Declined or Cancelled while this element was showing it (the
 * therapist declined, or the client cancelled here): it then stays in place with its new status,
 * so the client sees what happened where they were looking, until the list is loaded afresh.
 * Every other appointment (ended ones, and ones already Declined or Cancelled when the list was
 * loaded) is past: behind the "Show past appointments" button (`aria-expanded`), most recent
 * first. Which side an appointment falls on is worked out again each time the list changes.
 *
 * **Times** are written with their zone named ("Monday, December 7, 2026 at 10:00 AM EST"): an
 * in-person appointment's in its location's zone, a telehealth one's in the client's (`time-zone`).
 *
 * **Live status.** The list comes from the adapter's `watchAppointments` (pushed by a
 * MemoryAdapter, polled by a RestAdapter), started when the element is connected or its adapter
 * changes and stopped when it is disconnected. A status that changes while the list is shown is
 * updated in place and announced politely in the `notice` region.
 *
 * **Failures** are said in plain words that say what to do (a server's own text and the fields an
 * answer got wrong stay on the error, for the host), with Try again only where trying again can
 * help: a lost connection, a time limit or the server failing; not after a refusal or an answer
 * that was not understood.
 *
 * **New Appointment** is shown only where at least one therapist self-schedules; it opens a
 * `<self-schedule-form modal>` in this element's shadow root, with the same adapter and
 * `time-zone`. **Change appointment** opens the same form with `changing` set, so it starts at
 * Availability and sends a change. **Cancel appointment** asks first in a dialog showing the
 * practice's cancellation policy and until when changes are allowed, and sends one request per
 * intention (an idempotency key reused on Try again). The form's own events (`ss-open`,
 * `ss-close`, `ss-request-submit`, …) also reach the page, since they bubble and are composed.
 *
 * @summary Shows a client's appointments and their status, live, with New Appointment and Manage Appointment.
 *
 * @fires ss-status-change - An appointment's status changed while shown; `appointment` and `previousStatus` say how.
 * @fires ss-appointment-cancel - The client cancelled an appointment; `appointment` is it, now cancelled.
 * @fires ss-appointment-cancel-fail - Cancelling failed; `error` says why, and the confirmation offers Try again.
 * @fires ss-appointment-change - The client moved an appointment; `appointment` is it at its new time, `previous` as it was.
 * @fires ss-request-submit - (From the New Appointment form inside.) A request or a change was accepted.
 * @fires ss-auth-required - The practice answered 401 (once per failure); `error` and `reason` (`session` or `link`) say why. Cancelable: `preventDefault()` keeps the sign-in prompt hidden.
 *
 * @csspart list - A list of appointments (upcoming, or past).
 * @csspart appointment - One appointment.
 * @csspart status - An appointment's status badge (its status is always written in it).
 * @csspart status-unconfirmed - The badge of an Unconfirmed appointment (with `status`).
 * @csspart status-confirmed - The badge of a Confirmed appointment.
 * @csspart status-declined - The badge of a Declined appointment.
 * @csspart decline-note - The therapist's note on a declined request, below its status.
 * @csspart status-cancelled - The badge of a Cancelled appointment.
 * @csspart manage - An appointment's Manage Appointment button and the actions it reveals.
 * @csspart new-appointment - The New Appointment button.
 * @csspart dialog - The native dialog asking to confirm a cancellation.
 * @csspart error - The alert regions where errors appear.
 * @csspart notice - The status region where changes are announced.
 * @csspart sign-in - The sign-in prompt, shown in place of the list when the practice asks who the client is.
 *
 * @cssprop --ss-font - Font family.
 * @cssprop --ss-color-text - Text colour.
 * @cssprop --ss-color-muted - Secondary text colour, and the Declined and Cancelled badges.
 * @cssprop --ss-color-background - Background colour.
 * @cssprop --ss-color-surface - Background of buttons and panels.
 * @cssprop --ss-color-border - Border colour.
 * @cssprop --ss-color-control-border - Border of buttons and selects (at least 3:1 against the background).
 * @cssprop --ss-color-primary - Colour of primary actions.
 * @cssprop --ss-color-on-primary - Text on the primary colour.
 * @cssprop --ss-color-error - Colour of errors.
 * @cssprop --ss-color-unavailable - Passed on to the form: fill of greyed-out times.
 * @cssprop --ss-color-unavailable-hatch - Passed on to the form: hatching over greyed-out times (at least 3:1 against open time).
 * @cssprop --ss-unavailable-pattern - Passed on to the form: pattern over greyed-out times.
 * @cssprop --ss-color-focus - Focus ring colour.
 * @cssprop --ss-color-confirmed - Colour of the Confirmed badge.
 * @cssprop --ss-color-unconfirmed - Colour of the Unconfirmed badge.
 * @cssprop --ss-radius - Corner radius.
 */
@customElement('appointment-status')
export class AppointmentStatusElement extends BookingElement {
  static override styles = [baseStyles, appointmentStyles, statusStyles, signInPromptStyles];

  /**
   * The client's zone (IANA name), the browser's by default: telehealth times are shown in it; an
   * in-person appointment's times are shown where it happens. Every time names its zone.
   */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Replacement text for any of the element's words. */
  @property({ attribute: false }) strings: Partial<StatusStrings> = {};

  @state() private pastShown = false;
  /** Appointments whose Manage Appointment panel is open. */
  @state() private managing = new Set<string>();
  /** Appointments that became Declined or Cancelled while shown as upcoming: they stay there. */
  @state() private settledHere = new Set<string>();
  /** The appointment the cancel confirmation is about. */
  @state() private confirming?: Appointment;

  @query('dialog[part~="dialog"]') private cancelDialog?: HTMLDialogElement;

  private readonly watch = new AppointmentsWatch(this, {
    ...this.watchHooks(),
    words: () => this.text,
    when: (instant: string, appointment?: Appointment) => this.when(instant, appointment),
    statusChanged: (appointment, before) => this.statusChanged(appointment, before),
    forget: () => {
      this.settledHere = new Set();
      this.managing = new Set();
    },
  });

  private readonly cancel = new CancelFlow(this, this.watch, () => this.text.faults);

  private readonly form = new NestedForm(this, this.watch, {
    // View My Appointments: they are right here, so the form closes onto the appointment.
    viewAppointments: (event: ViewAppointmentsEvent) => {
      if (event.appointment) this.formFocus.endOn(event.appointment.id);
      this.form.close();
    },
    closed: () => this.formFocus.restore(),
  });

  private readonly heading = (id: string) => (this.renderRoot as ShadowRoot).getElementById(domId('appointment', id));
  private readonly formFocus = new FocusReturn(this.heading);
  private readonly cancelFocus = new FocusReturn(this.heading);

  protected override updated(changed: PropertyValues): void {
    if (changed.has('confirming')) showModalWhile(this.cancelDialog, Boolean(this.confirming));
  }

  /** Back online, or signed in since a refusal: the list is watched afresh (polling may have backed off meanwhile). */
  protected override backOnline(): void {
    this.watch.retry();
  }

  /** The prompt replaces the list, so the cancel confirmation about one of its appointments closes (its opener is gone too). */
  protected override needsSignIn(error: unknown, reason?: SignInReason): boolean {
    const needed = super.needsSignIn(error, reason);
    if (needed && this.signIn.prompting) this.closeConfirmation();
    return needed;
  }

  // ---- words -------------------------------------------------------------------------------

  private get text(): StatusStrings {
    return { ...defaultStatusStrings, ...this.strings };
  }

  /** An instant of `appointment` in its zone (see appointmentZone), the zone named; without one, in the client's. */
  private when(instant: string, appointment?: Appointment): string {
    const clientZone = shownZone(this.timeZone);
    return formatDateTime(Date.parse(instant), this.locale, appointment ? appointmentZone(appointment, clientZone) : clientZone);
  }

  // ---- what is shown -------------------------------------------------------------------------

  /** An upcoming appointment declined or cancelled while shown stays where it is, its panel closed. */
  private statusChanged(appointment: Appointment, before: AppointmentStatus): void {
    const wasUpcoming = holdsTime(before) && Date.parse(appointment.end) > this.now();
    if (wasUpcoming && !holdsTime(appointment.status)) this.settledHere = new Set([...this.settledHere, appointment.id]);
    if (!holdsTime(appointment.status)) this.managing = new Set([...this.managing].filter((id) => id !== appointment.id));
  }

  private isUpcoming(appointment: Appointment, now: number): boolean {
    if (Date.parse(appointment.end) <= now) return false;
    return holdsTime(appointment.status) || this.settledHere.has(appointment.id);
  }

  // ---- event handlers ----------------------------------------------------------------------

  private togglePast(): void {
    this.pastShown = !this.pastShown;
  }

  private toggleManage(id: string): void {
    const managing = new Set(this.managing);
    if (managing.has(id)) managing.delete(id);
    else managing.add(id);
    this.managing = managing;
  }

  private async openForm(opener: HTMLElement, changing?: Appointment): Promise<void> {
    this.formFocus.openedFrom(opener);
    const form = await this.form.open(changing);
    await form?.show();
  }

  private askToCancel(appointment: Appointment, opener: HTMLElement): void {
    this.cancelFocus.openedFrom(opener);
    this.cancel.reset();
    this.confirming = appointment;
  }

  private async confirmCancel(): Promise<void> {
    const cancelled = await this.cancel.send(this.confirming);
    if (!cancelled) return;
    this.cancelFocus.endOn(cancelled.id);
    this.confirming = undefined;
  }

  private closeConfirmation(): void {
    this.confirming = undefined;
    this.cancel.reset();
  }

  /** The confirmation closed: by Escape, Keep appointment, or a successful cancellation. */
  private onCancelDialogClose(): void {
    this.closeConfirmation();
    this.cancelFocus.restore();
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderAppointment(appointment: Appointment): TemplateResult {
    const text = this.text;
    const id = appointment.id;
    const headingId = domId('appointment', id);
    const service = `${appointment.service.name} (${text.minutes(appointment.service.durationMinutes)})`;
    const manage = {
      canChange: this.watch.canChange(appointment),
      open: this.managing.has(id),
      panelId: domId('manage', id),
      describedBy: headingId,
      toggle: () => this.toggleManage(id),
      change: (opener: HTMLElement) => void this.openForm(opener, appointment),
      cancel: (opener: HTMLElement) => this.askToCancel(appointment, opener),
    };
    return html`
      <li part="appointment" data-id=${id}>
        <article aria-labelledby=${headingId}>
          <h4 id=${headingId} tabindex="-1">${this.when(appointment.start, appointment)}</h4>
          <dl>${statusTerms(appointment, text)} ${appointmentTerms(appointment, text, service)}</dl>
          ${managePanel(appointment, manage, text, (instant) => this.when(instant, appointment))}
        </article>
      </li>
    `;
  }

  private renderList(appointments: Appointment[], labelledBy: string): TemplateResult {
    return html`<ul part="list" aria-labelledby=${labelledBy}>
      ${repeat(appointments, (appointment) => appointment.id, (appointment) => this.renderAppointment(appointment))}
    </ul>`;
  }

  private renderAppointments(): TemplateResult {
    const text = this.text;
    const list = this.watch.list;
    if (list.state !== 'ready') {
      return html`
        <h3 id="upcoming-heading">${text.upcoming}</h3>
        ${list.state === 'pending' ? html`<p role="status">${this.watch.waitingLong ? text.slow : text.loading}</p>` : nothing}
      `;
    }
    const now = this.now();
    const upcoming = list.value.filter((appointment) => this.isUpcoming(appointment, now)).sort(byStart);
    const past = list.value.filter((appointment) => !this.isUpcoming(appointment, now)).sort((a, b) => byStart(b, a));
    return html`
      <h3 id="upcoming-heading">${text.upcoming}</h3>
      ${upcoming.length ? this.renderList(upcoming, 'upcoming-heading') : html`<p class="empty">${text.empty}</p>`}
      <button type="button" class="past-toggle" aria-expanded=${this.pastShown ? 'true' : 'false'} aria-controls="past" @click=${this.togglePast}>
        ${text.showPast}
      </button>
      <div id="past" ?hidden=${!this.pastShown}>
        ${this.pastShown
          ? html`<h3 id="past-heading">${text.past}</h3>
              ${past.length ? this.renderList(past, 'past-heading') : html`<p>${text.noPast}</p>`}`
          : nothing}
      </div>
    `;
  }

  private renderCancelDialog(): TemplateResult {
    const appointment = this.confirming;
    const actions = { keep: () => this.cancelDialog?.close(), confirm: () => void this.confirmCancel() };
    return html`
      <dialog part="dialog" aria-labelledby="cancel-heading" aria-describedby="cancel-question" @close=${this.onCancelDialogClose}>
        ${appointment ? cancelConfirmation(appointment, this.cancel, this.text, (instant) => this.when(instant, appointment), actions) : nothing}
      </dialog>
    `;
  }

  override render(): TemplateResult {
    return tabFrame({
      text: this.text,
      connected: Boolean(this.activeAdapter),
      watch: this.watch,
      signIn: this.signIn,
      online: this.online,
      form: this.form,
      onNew: (opener) => void this.openForm(opener),
      content: () => this.renderAppointments(),
      dialog: this.renderCancelDialog(),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-status': AppointmentStatusElement;
  }
}
