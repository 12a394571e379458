import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { readTherapistLink } from '../../booking/therapist-link.js';
import type { Appointment } from '../../model/schemas.js';
import type { ProblemMessages } from '../../scheduling/problems.js';
import { browserTimeZone, isValidTimeZone } from '../../scheduling/time-zone.js';
import { AppointmentStore } from '../shared/appointment-store.js';
import { baseStyles } from '../shared/base.styles.js';
import { BookingElement } from '../shared/booking-element.js';
import { showModalWhile } from '../shared/dialogs.js';
import { firstDayOfWeek, formatDateTime, nameWithCredentials } from '../shared/format.js';
import { NarrowLayout } from '../shared/narrow-layout.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import { untimed } from '../shared/timed-adapter.js';
import { BookingFlow, type ChoiceField, type Prefill, prefillOf } from './booking-flow.js';
import { GridController, type GridView } from './grid-controller.js';
import { RequestSubmitEvent, SelfScheduleCloseEvent, SelfScheduleOpenEvent, ViewAppointmentsEvent } from './self-schedule-form.events.js';
import { type StepView, renderAvailability, renderChoices, renderDone, renderReview } from './self-schedule-form.steps.js';
import { type FormStrings, defaultFormStrings } from './self-schedule-form.strings.js';
import { formStyles } from './self-schedule-form.styles.js';

/** Below this width (in px at the usual text size) the grid shows one day at a time. */
const narrowWidth = 640;

/** The steps as the client sees them: sending happens on the review. */
export type FormStep = 'choose' | 'availability' | 'review' | 'done';

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
 * @csspart moving - Under Change Appointment's heading: which appointment is being moved.
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
 * @cssprop --ss-current-time-pattern - Pattern over the old time of the appointment being moved, on the grid.
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

  /**
   * The zone times are shown in (IANA name). Without it, an in-person location's times are shown
   * in the location's zone and telehealth in the browser's. The client can change it.
   */
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

  /** Which start time holds the list's one tab stop. */
  @state() private focusedSlot = 0;

  private readonly flow = new BookingFlow(
    {
      words: () => this.text,
      locale: () => this.locale,
      problemMessages: () => this.problemMessages,
      now: () => this.now(),
      changed: () => this.requestUpdate(),
      needsSignIn: (error) => this.needsSignIn(error),
      isPrompting: () => this.signIn.prompting,
      signedIn: () => this.signIn.satisfied(),
      emit: (event) => {
        this.dispatchEvent(event);
        // After the event, so a tab holding this form words the news first: then every element on
        // the page using this backend shows the request or change at once, not at its next check.
        if (event instanceof RequestSubmitEvent && this.activeAdapter) {
          AppointmentStore.of(untimed(this.activeAdapter)).learn([event.appointment]);
        }
      },
    },
    browserTimeZone(),
  );

  private readonly grid = new GridController(
    this,
    this.flow.window,
    () => ({
      container: this.renderRoot.querySelector<HTMLElement>('#grid'),
      locale: this.locale,
      selectionLabel: this.text.selectedTime,
      selection: this.flow.state.step === 'availability' ? this.flow.state.selection : undefined,
      current: this.currentTime,
    }),
    (start) => this.onChoose(start),
  );

  // A modal form is as wide as its dialog, wherever the element itself stands.
  private readonly layout = new NarrowLayout(this, narrowWidth, (): Element => (this.modal && this.dialog?.open ? this.dialog : this));

  /** Set while the client's own action may change the step, so focus follows it (a page load does not). */
  private focusNextStep = false;
  private shownStep?: FormStep;
  /** Pre-fill still to apply: what the page gave, for the next start over. */
  private prefill?: Prefill;
  private opener?: HTMLElement | null;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('#zone-select') private zoneSelect?: HTMLSelectElement;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const flow = this.flow;
    flow.window.firstDay = firstDayOfWeek(this.locale);
    // Wide, the times show beside the choices as soon as they are made, as in the practice's own
    // pop-up. A phone keeps Continue: the three choices and a day's grid do not fit one screen,
    // and a thumb scrolling past the grid to Save would choose times on the way.
    const narrow = this.layout.narrow;
    flow.showTimesWithChoices = !narrow;
    flow.setView(narrow ? 'day' : 'week');
    if (changed.has('timeZone') && this.timeZone) flow.setZone(this.timeZone, 'host');
    const prefillChanged = (['provider', 'location', 'service', 'start', 'changing'] as const).some((key) => changed.has(key));
    if (prefillChanged) {
      this.prefill = prefillOf(this.changing, { provider: this.provider, location: this.location, service: this.service, start: this.start });
    }
    const adapter = this.activeAdapter;
    if (adapter !== flow.startedWith || (prefillChanged && this.hasUpdated)) {
      this.startOver();
    } else if (changed.has('timeZone') && this.timeZone && !isValidTimeZone(this.timeZone)) {
      flow.notify(this.text.unknownTimeZone(flow.window.zone));
    }
  }

  protected override firstUpdated(): void {
    if (!this.modal) this.dispatchEvent(new SelfScheduleOpenEvent());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open') && this.modal) {
      const opening = this.open && this.dialog?.open === false;
      showModalWhile(this.dialog, this.open);
      if (opening) this.dispatchEvent(new SelfScheduleOpenEvent());
    }
    const step = this.step;
    if (step !== this.shownStep) {
      this.shownStep = step;
      // The pressed button is gone: take focus to the new step's heading, which names it.
      if (this.focusNextStep) this.renderRoot.querySelector<HTMLElement>('[data-step-heading], select')?.focus();
      this.focusNextStep = false;
    }
    // Lit reuses <option>s by position, and the chosen zone moves from All time zones to the top:
    // the option the client picked may now hold another zone. Say the choice outright.
    if (this.zoneSelect) this.zoneSelect.value = this.flow.window.zone;
  }

  private get text(): FormStrings {
    return { ...defaultFormStrings, ...this.strings };
  }

  /** The appointment being moved, as the grid shows it: its old time, named. */
  private get currentTime(): GridView['current'] {
    const changing = this.flow.changing;
    if (!changing) return undefined;
    const start = Date.parse(changing.start);
    return {
      interval: { start, end: Date.parse(changing.end) },
      title: this.text.currentTime,
      label: this.text.currentTimeLabel(formatDateTime(start, this.locale, this.flow.window.zone)),
    };
  }

  private get step(): FormStep {
    const step = this.flow.state.step;
    return step === 'choosing' ? 'choose' : step === 'submitting' ? 'review' : step;
  }

  private startOver(): void {
    const unknownZone = Boolean(this.timeZone && !isValidTimeZone(this.timeZone));
    this.flow.start(this.activeAdapter, { prefill: this.prefill, changing: this.changing, unknownZone });
  }

  // ---- event handlers ----------------------------------------------------------------------

  /** Back online: what failed to load meanwhile loads again (Save and Submit wait for Try again). */
  protected override backOnline(): void {
    this.flow.reload();
  }

  /** Signed in after a refusal: what was refused loads again; a refused Save or Submit waits for the client. */
  protected override afterSignIn(): void {
    this.flow.afterSignIn();
  }

  /** Runs the client's `action`; if it changes the step, focus goes to the new step's heading. */
  private async act(action: () => Promise<unknown> | void): Promise<void> {
    this.focusNextStep = true;
    await action();
    await this.updateComplete;
    this.focusNextStep = false;
  }

  private onChoose(start: number): void {
    this.flow.pick(start);
    const index = this.flow.window.startTimes.indexOf(start);
    if (index >= 0) this.focusedSlot = index;
  }

  private async onSave(): Promise<void> {
    const fromSave = (this.renderRoot as ShadowRoot).activeElement?.matches('[part~="submit"]');
    await this.act(() => this.flow.save());
    // Save found the time taken and is disabled now (no time chosen): focus would fall to the page.
    const state = this.flow.state;
    if (fromSave && state.step === 'availability' && !state.selection) {
      this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus();
    }
  }

  private async onNextOpen(): Promise<void> {
    if (!(await this.flow.showNextOpen())) return;
    this.focusedSlot = 0;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part~="slot"]')?.focus();
  }

  private readonly handlers: StepView['on'] = {
    select: (field: ChoiceField, event: Event) => this.flow.select(field, (event.target as HTMLSelectElement).value),
    retryList: (field: ChoiceField) => void this.flow.retry(field),
    continue: () => void this.act(() => this.flow.toAvailability()),
    back: () => void this.act(() => this.flow.back()),
    zone: (event: Event) => this.flow.setZone((event.target as HTMLSelectElement).value),
    move: (direction: -1 | 1) => {
      this.focusedSlot = 0;
      this.flow.move(direction);
    },
    retryTimes: () => void this.flow.refreshTimes(),
    nextOpen: () => void this.onNextOpen(),
    choose: (start: number) => this.onChoose(start),
    focusSlot: (index: number) => {
      this.focusedSlot = index;
    },
    save: () => void this.onSave(),
    submit: () => void this.act(() => this.flow.submit()),
    viewAppointments: () => {
      const state = this.flow.state;
      this.dispatchEvent(new ViewAppointmentsEvent(state.step === 'done' ? state.appointment : undefined));
    },
  };

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
    if (this.flow.state.step === 'done') this.startOver();
    if (this.open && this.dialog) {
      // close() a moment ago, its close event not yet arrived: finish that close, then open again.
      this.dispatchEvent(new SelfScheduleCloseEvent());
      this.dialog.showModal();
      this.dispatchEvent(new SelfScheduleOpenEvent());
    } else {
      this.open = true;
    }
    await this.updateComplete;
    this.layout.measure();
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
    if (rejected.length) void this.updateComplete.then(() => this.flow.notify(this.text.malformedLink));
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderStep(): TemplateResult | typeof nothing {
    const flow = this.flow;
    const view: StepView = {
      flow,
      text: this.text,
      locale: this.locale,
      now: this.now(),
      focusedSlot: this.focusedSlot,
      gridDrawing: this.grid.drawing,
      slow: this.slow,
      // A phone, a narrow layout or a touch screen: one tap chooses a time there (see availability-grid.ts).
      touch: flow.window.view === 'day' || Boolean(globalThis.matchMedia?.('(pointer: coarse)').matches),
      appointmentsHref: this.appointmentsHref,
      on: this.handlers,
    };
    const { step } = flow.state;
    if (step === 'review' || step === 'submitting') return renderReview(view);
    if (step === 'done') return renderDone(view);
    // One template for both, so the selects stay the same elements (and keep focus) as the times
    // appear beside them.
    const wide = flow.showTimesWithChoices;
    return html`${step === 'choosing' || wide ? renderChoices(view, !wide) : nothing}${renderAvailability(view, !wide)}`;
  }

  private renderBody(): TemplateResult {
    const text = this.text;
    if (!this.activeAdapter) return html`<p part="notice">${text.notConnected}</p>`;
    const { notices, error } = this.flow;
    const signIn = this.signIn;
    const shownNotices = this.grid.failed ? [...notices, text.gridUnavailable] : notices;
    return html`
      <div part="notice" role="status" class=${shownNotices.length || signIn.noticeText(text) ? 'shown' : ''}>
        ${shownNotices.map((notice) => html`<p>${notice}</p>`)} ${signIn.renderNotice(text)}
      </div>
      <div part="error" role="alert" class=${error || !this.online || signIn.alertText(text) ? 'shown' : ''}>
        ${this.online ? nothing : html`<p>${text.offline}</p>`}
        ${error ? html`${error.message} ${error.retry ? html`<button type="button" @click=${error.retry}>${text.retry}</button>` : nothing}` : nothing}
        ${signIn.renderAlert(text)}
      </div>
      ${signIn.prompting ? signIn.renderPrompt(text) : this.renderStep()}
    `;
  }

  /** Under Change Appointment's heading: which appointment is moving, in the zone the form shows. */
  private renderMoving(): TemplateResult | typeof nothing {
    const changing = this.flow.changing;
    if (!changing || this.flow.state.step === 'done') return nothing;
    const when = formatDateTime(Date.parse(changing.start), this.locale, this.flow.window.zone);
    return html`<p id="moving" part="moving">${this.text.moving(when, nameWithCredentials(changing.provider))}</p>`;
  }

  override render(): TemplateResult {
    const text = this.text;
    const heading = html`<h2 id="heading">${this.changing ? text.changeHeading : text.heading}</h2>`;
    // The dialog and the section are described by the Moving line, so opening it says which appointment moves.
    const describedBy = this.flow.changing && this.flow.state.step !== 'done' ? 'moving' : nothing;
    if (!this.modal) {
      return html`<section part="form" aria-labelledby="heading" aria-describedby=${describedBy}>
        ${heading} ${this.renderMoving()} ${this.renderBody()}
      </section>`;
    }
    return html`
      <dialog part="dialog" aria-labelledby="heading" aria-describedby=${this.open ? describedBy : nothing} @close=${this.onDialogClose}>
        <div class="dialog-header">
          ${heading}
          <button type="button" @click=${this.close}>${text.close}</button>
        </div>
        <section part="form">${this.open ? html`${this.renderMoving()} ${this.renderBody()}` : nothing}</section>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'self-schedule-form': SelfScheduleForm;
  }
}
