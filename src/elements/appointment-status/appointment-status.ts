import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Appointment, AppointmentStatus } from '../../model/schemas.js';
import { appointmentStyles } from '../shared/appointment.styles.js';
import { baseStyles } from '../shared/base.styles.js';
import { AppointmentsView, type StatusWords, holding } from '../shared/appointments-view.js';
import { messageOf, refusedSignIn } from '../shared/loadable.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import type { ViewAppointmentsEvent } from '../self-schedule-form/self-schedule-form.events.js';
import { type StatusStrings, defaultStatusStrings } from './appointment-status.strings.js';
import { statusStyles } from './appointment-status.styles.js';

const byStart = (a: Appointment, b: Appointment) => Date.parse(a.start) - Date.parse(b.start);

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
 * **Live status.** The list comes from the adapter's `watchAppointments` (pushed by a
 * MemoryAdapter, polled by a RestAdapter), started when the element is connected or its adapter
 * changes and stopped when it is disconnected. A status that changes while the list is shown is
 * updated in place and announced politely in the `notice` region.
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
export class AppointmentStatusElement extends AppointmentsView {
  static override styles = [baseStyles, appointmentStyles, statusStyles, signInPromptStyles];

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

  private formOpener?: HTMLElement;
  private cancelOpener?: HTMLElement;
  /** Where focus goes when a dialog closes, instead of back to its opener. */
  private focusAfterClose?: string;

  protected override updated(changed: PropertyValues): void {
    // Only on a change of `confirming`: a dialog closed by Escape must not reopen before its close event.
    if (!changed.has('confirming')) return;
    const dialog = this.cancelDialog;
    if (this.confirming && dialog && !dialog.open) dialog.showModal();
    else if (!this.confirming && dialog?.open) dialog.close();
  }

  // ---- loading ----------------------------------------------------------------------------

  private get text(): StatusStrings {
    return { ...defaultStatusStrings, ...this.strings };
  }

  protected get statusWords(): StatusWords {
    return this.text;
  }

  protected override forgetList(): void {
    this.settledHere = new Set();
    this.managing = new Set();
  }

  protected override closeDialogs(): void {
    this.confirming = undefined;
    this.cancelError = undefined;
  }

  /** An upcoming appointment declined or cancelled while shown stays where it is, its panel closed. */
  protected override statusChanged(appointment: Appointment, before: AppointmentStatus): void {
    const wasUpcoming = holding.has(before) && Date.parse(appointment.end) > this.now();
    if (wasUpcoming && !holding.has(appointment.status)) this.settledHere = new Set([...this.settledHere, appointment.id]);
    if (!holding.has(appointment.status)) this.managing = new Set([...this.managing].filter((id) => id !== appointment.id));
  }

  // ---- what is shown -------------------------------------------------------------------------

  private isUpcoming(appointment: Appointment, now: number): boolean {
    if (Date.parse(appointment.end) <= now) return false;
    return holding.has(appointment.status) || this.settledHere.has(appointment.id);
  }

  /** Change appointment needs the therapist to still take requests online (when we know). */
  private canChange(appointment: Appointment): boolean {
    if (!appointment.manage.canChange) return false;
    if (this.bookable.state !== 'ready') return true;
    return this.bookable.value.some((provider) => provider.id === appointment.provider.id);
  }

  private get showsNewAppointment(): boolean {
    return this.bookable.state === 'ready' && this.bookable.value.length > 0;
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
    this.formOpener = opener;
    const form = await this.nestedForm();
    if (!form) return;
    this.changingFrom = changing;
    form.changing = changing;
    await form.show();
  }

  /** View My Appointments: they are right here, so the form closes onto the appointment. */
  protected override onViewAppointments(event: ViewAppointmentsEvent): void {
    this.focusAfterClose = event.appointment?.id;
    this.closeForm();
  }

  protected override onFormClose(): void {
    // The form would return focus to its opener, which from inside our shadow root is this host.
    const heading = this.focusAfterClose ? this.heading(this.focusAfterClose) : undefined;
    this.focusAfterClose = undefined;
    (heading ?? (this.formOpener?.isConnected ? this.formOpener : undefined))?.focus();
    this.formOpener = undefined;
  }

  private askToCancel(appointment: Appointment, opener: HTMLElement): void {
    this.cancelOpener = opener;
    this.cancelError = undefined;
    this.confirming = appointment;
  }

  private async confirmCancel(): Promise<void> {
    const cancelled = await this.sendCancel(this.confirming);
    if (!cancelled) return;
    this.focusAfterClose = cancelled.id;
    this.confirming = undefined;
  }

  /** The confirmation closed: by Escape, Keep appointment, or a successful cancellation. */
  private onCancelDialogClose(): void {
    this.confirming = undefined;
    this.cancelError = undefined;
    const heading = this.focusAfterClose ? this.heading(this.focusAfterClose) : undefined;
    this.focusAfterClose = undefined;
    (heading ?? (this.cancelOpener?.isConnected ? this.cancelOpener : undefined))?.focus();
    this.cancelOpener = undefined;
  }

  private heading(id: string): HTMLElement | undefined {
    return (this.renderRoot as ShadowRoot).getElementById(`appointment-${id}`) ?? undefined;
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderLocation(appointment: Appointment): string {
    const location = appointment.location;
    return location.kind === 'in-person' ? `${location.name}\n${location.address}` : `${location.name} · ${this.text.telehealth}`;
  }

  private renderManage(appointment: Appointment): TemplateResult | typeof nothing {
    const text = this.text;
    const { manage } = appointment;
    const canChange = this.canChange(appointment);
    if (!canChange && !manage.canCancel) {
      return manage.reason ? html`<p class="reason">${manage.reason}</p>` : nothing;
    }
    const open = this.managing.has(appointment.id);
    const panelId = `manage-${appointment.id}`;
    const headingId = `appointment-${appointment.id}`;
    return html`
      <div part="manage">
        <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${panelId} aria-describedby=${headingId} @click=${() => this.toggleManage(appointment.id)}>
          ${text.manage}
        </button>
        <div id=${panelId} class="manage-actions" ?hidden=${!open}>
          ${manage.until ? html`<p class="until">${text.manageUntil(this.when(manage.until))}</p>` : nothing}
          <div class="actions">
            ${canChange
              ? html`<button type="button" aria-describedby=${headingId} @click=${(event: Event) => void this.openForm(event.currentTarget as HTMLElement, appointment)}>
                  ${text.change}
                </button>`
              : nothing}
            ${manage.canCancel
              ? html`<button type="button" aria-describedby=${headingId} @click=${(event: Event) => this.askToCancel(appointment, event.currentTarget as HTMLElement)}>
                  ${text.cancel}
                </button>`
              : nothing}
          </div>
        </div>
      </div>
    `;
  }

  private renderAppointment(appointment: Appointment): TemplateResult {
    const text = this.text;
    const headingId = `appointment-${appointment.id}`;
    return html`
      <li part="appointment" data-id=${appointment.id}>
        <article aria-labelledby=${headingId}>
          <h4 id=${headingId} tabindex="-1">${this.when(appointment.start)}</h4>
          <dl>
            ${this.renderStatus(appointment)}
            <dt>${text.provider}</dt>
            <dd>${this.providerName(appointment)}</dd>
            <dt>${text.service}</dt>
            <dd>${appointment.service.name} (${text.minutes(appointment.service.durationMinutes)})</dd>
            <dt>${text.location}</dt>
            <dd>${this.renderLocation(appointment)}</dd>
          </dl>
          ${this.renderManage(appointment)}
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
    const list = this.list;
    if (list.state !== 'ready') {
      return html`
        <h3 id="upcoming-heading">${text.upcoming}</h3>
        ${list.state === 'pending' ? html`<p role="status">${text.loading}</p>` : nothing}
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

  protected override renderError(): TemplateResult | typeof nothing {
    const text = this.text;
    if (this.list.state === 'error') {
      return html`<p>${text.loadFailed} ${messageOf(this.list.error)}</p>
        ${refusedSignIn(this.list.error) ? nothing : html`<button type="button" @click=${this.retry}>${text.retry}</button>`}`;
    }
    if (this.refreshError !== undefined) {
      return html`<p>${text.refreshFailed}</p>
        ${refusedSignIn(this.refreshError) ? nothing : html`<button type="button" @click=${this.retry}>${text.retry}</button>`}`;
    }
    return nothing;
  }

  private renderCancelDialog(): TemplateResult {
    const text = this.text;
    const appointment = this.confirming;
    const error = this.cancelError;
    return html`
      <dialog part="dialog" aria-labelledby="cancel-heading" aria-describedby="cancel-question" @close=${this.onCancelDialogClose}>
        ${appointment
          ? html`
              <h3 id="cancel-heading">${text.cancelHeading}</h3>
              <p id="cancel-question">${text.cancelQuestion(this.providerName(appointment), this.when(appointment.start))}</p>
              ${appointment.manage.cancellationPolicy
                ? html`<h4>${text.cancelPolicy}</h4>
                    <p class="policy">${appointment.manage.cancellationPolicy}</p>`
                : nothing}
              ${appointment.manage.until ? html`<p class="until">${text.manageUntil(this.when(appointment.manage.until))}</p>` : nothing}
              <div part="error" role="alert" class=${error ? 'shown' : ''}>
                ${error
                  ? html`<p>${error.message}</p>
                      ${error.retryable
                        ? html`<button type="button" @click=${() => void this.confirmCancel()}>${text.retry}</button>`
                        : nothing}`
                  : nothing}
              </div>
              <div class="actions">
                <button type="button" @click=${() => this.cancelDialog?.close()}>${text.keep}</button>
                <button
                  type="button"
                  class="primary"
                  aria-disabled=${this.cancelling ? 'true' : 'false'}
                  @click=${() => void this.confirmCancel()}
                >
                  ${this.cancelling ? text.cancelling : text.confirmCancel}
                </button>
              </div>
            `
          : nothing}
      </dialog>
    `;
  }

  override render(): TemplateResult {
    const text = this.text;
    const connected = Boolean(this.activeAdapter);
    return html`
      <section class="body" aria-labelledby="heading">
        <div class="header">
          <h2 id="heading">${text.heading}</h2>
          ${connected && this.showsNewAppointment && !this.signIn.prompting
            ? html`<button
                type="button"
                part="new-appointment"
                class="primary"
                @click=${(event: Event) => void this.openForm(event.currentTarget as HTMLElement)}
              >
                ${text.newAppointment}
              </button>`
            : nothing}
        </div>
        ${this.renderLiveRegions()}
        ${connected ? this.renderContentOrSignIn(() => this.renderAppointments()) : html`<p>${text.notConnected}</p>`}
      </section>
      ${this.renderCancelDialog()}
      ${this.renderForm()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-status': AppointmentStatusElement;
  }
}
