/**
 * What the Appointments and Calendar tabs share: watching the client's appointments (pushed or
 * polled by the adapter), keeping the versions learnt first-hand until the watch catches up,
 * knowing whether any therapist self-schedules, and announcing status changes. Each element adds
 * how it shows them.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { createIdempotencyKey } from '../../adapters/idempotency.js';
import { bookableProviders } from '../../booking/choices.js';
import type { Appointment, AppointmentStatus, Provider } from '../../model/schemas.js';
import { browserTimeZone, isValidTimeZone } from '../../scheduling/time-zone.js';
import {
  AppointmentCancelEvent,
  AppointmentCancelFailEvent,
  AppointmentChangeEvent,
  AppointmentStatusChangeEvent,
} from '../appointment-status/appointment-status.events.js';
import type { RequestSubmitEvent, ViewAppointmentsEvent } from '../self-schedule-form/self-schedule-form.events.js';
import type { SelfScheduleForm } from '../self-schedule-form/self-schedule-form.js';
import { BookingElement } from './booking-element.js';
import { formatDateTime, nameWithCredentials } from './format.js';
import { type Loadable, idle, messageOf, pending, refusedSignIn, toBookingError, worthRetrying } from './loadable.js';
import type { SignInReason } from './sign-in.events.js';
import type { SignInStrings } from './sign-in-prompt.strings.js';

/** Statuses whose appointments still hold their time. */
export const holding = new Set<AppointmentStatus>(['unconfirmed', 'confirmed']);

/** The words a view announces status changes with, and its sign-in prompt's. */
export type StatusWords = Record<AppointmentStatus, string> & SignInStrings & {
  statusChanged: (provider: string, when: string, status: string) => string;
  requested: (provider: string, when: string, status: string) => string;
  changed: (provider: string, when: string, status: string) => string;
  formLoadFailed: string;
  /** Said while the browser is offline. */
  offline: string;
  /** Said when who self-schedules could not be loaded, so New Appointment is not offered. */
  bookableFailed: string;
  retry: string;
  status: string;
  declineNote: string;
};

export abstract class AppointmentsView extends BookingElement {
  /** The zone times are shown in (IANA name); the browser's by default. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  @state() protected list: Loadable<Appointment[]> = idle;
  /** A refresh that failed after the list had loaded: the list stays, with a word that it may be stale. */
  @state() protected refreshError?: unknown;
  /** Therapists who self-schedule: New Appointment is shown only when there is one. */
  @state() protected bookable: Loadable<Provider[]> = idle;
  @state() protected notices: string[] = [];
  /** The form is rendered once first asked for, so a visit that books nothing loads nothing for it. */
  @state() protected formWanted = false;
  /** The form's code could not be downloaded (offline, a CDN hiccup); the next open tries again. */
  @state() protected formLoadFailed = false;
  /** A cancellation is on its way. */
  @state() protected cancelling = false;
  /** Why the last cancellation failed, and whether Try again is worth offering. */
  @state() protected cancelError?: { message: string; retryable: boolean };

  /** The appointment the form is changing, to tell a change from a new request. */
  protected changingFrom?: Appointment;
  /** The watch in progress; callbacks of an earlier one are ignored. */
  protected watch?: { adapter: BookingAdapter; stop?: () => void };
  /** The adapter the list came from: reconnecting to the same one keeps the list meanwhile. */
  protected listFrom?: BookingAdapter;
  /** Status of each appointment as last shown, to tell what changed. */
  protected statuses = new Map<string, AppointmentStatus>();
  /** Versions we learnt of first-hand (a request, a change, a cancellation), newer than the watch's. */
  protected local = new Map<string, Appointment>();
  /** One idempotency key per appointment the client means to cancel, until it is cancelled. */
  private cancelKeys = new Map<string, string>();

  /** The words for statuses and their announcements. */
  protected abstract get statusWords(): StatusWords;

  /** View My Appointments in the nested form. */
  protected abstract onViewAppointments(event: ViewAppointmentsEvent): void;
  /** The nested form's dialog closed. */
  protected abstract onFormClose(): void;
  /** What went wrong with the list, for the alert region. */
  protected abstract renderError(): TemplateResult | typeof nothing;

  /** Clears what the element keeps about a list, when the list comes from another adapter. */
  protected forgetList(): void {}

  /** Hears each status change before it is announced (to close a panel, say). */
  protected statusChanged(_appointment: Appointment, _before: AppointmentStatus): void {}

  /** Closes the element's own dialogs, when the sign-in prompt takes the place of what they were about. */
  protected closeDialogs(): void {}

  /**
   * The prompt replaces the list, so a dialog about one of its appointments closes (its opener is
   * gone too); the New Appointment form stays as it is, its choices with it.
   */
  protected override needsSignIn(error: unknown, reason?: SignInReason): boolean {
    const needed = super.needsSignIn(error, reason);
    if (needed && this.signIn.prompting) this.closeDialogs();
    return needed;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page: willUpdate starts watching again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopWatching();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const adapter = this.activeAdapter;
    if (this.isConnected && adapter !== this.watch?.adapter) this.startWatching(adapter);
  }

  protected get displayZone(): string {
    return this.timeZone && isValidTimeZone(this.timeZone) ? this.timeZone : browserTimeZone();
  }

  protected startWatching(adapter: BookingAdapter | undefined): void {
    this.stopWatching();
    if (adapter !== this.listFrom) {
      this.listFrom = adapter;
      this.list = adapter ? pending : idle;
      this.statuses.clear();
      this.local.clear();
      this.notices = [];
      this.bookable = idle;
      this.cancelKeys.clear();
      this.forgetList();
      if (adapter) void this.loadBookable(adapter);
    }
    this.refreshError = undefined;
    if (!adapter) return;
    const watch: { adapter: BookingAdapter; stop?: () => void } = { adapter };
    this.watch = watch;
    // The adapter may call back before watchAppointments returns; `watch` tells stale callbacks apart.
    const stop = adapter.watchAppointments({
      onChange: (appointments) => {
        if (this.watch !== watch) return;
        // The list came through: the client is signed in (in another tab, say) whatever was refused before.
        const wasRefused = this.signIn.satisfied();
        this.absorb(appointments, true);
        if (wasRefused && this.bookable.state === 'error') void this.loadBookable(adapter);
      },
      onError: (error) => {
        if (this.watch !== watch) return;
        if (this.list.state === 'ready') this.refreshError = error;
        else this.list = { state: 'error', error };
        this.needsSignIn(error);
      },
    });
    if (this.watch === watch) watch.stop = stop;
    else stop();
  }

  protected stopWatching(): void {
    this.watch?.stop?.();
    this.watch = undefined;
  }

  private async loadBookable(adapter: BookingAdapter): Promise<void> {
    this.bookable = pending;
    try {
      const providers = bookableProviders(await adapter.listProviders());
      if (adapter === this.listFrom) this.bookable = { state: 'ready', value: providers };
    } catch (error) {
      // Not knowing, New Appointment stays hidden: it would open onto an error.
      if (adapter === this.listFrom) {
        this.bookable = { state: 'error', error };
        this.needsSignIn(error);
      }
    }
  }

  /** Back online: the list is refreshed at once (polling may have backed off meanwhile), and anything that failed is asked again. */
  protected override backOnline(): void {
    if (this.activeAdapter) this.retry();
  }

  /** Watches afresh after an error, keeping a list already shown; asks again who self-schedules if that failed. */
  protected retry(): void {
    const adapter = this.activeAdapter;
    if (this.list.state === 'error') this.list = pending;
    if (adapter && adapter === this.listFrom && this.bookable.state === 'error') void this.loadBookable(adapter);
    this.startWatching(adapter);
  }

  /**
   * Takes in appointments: the whole list from the watch, or single ones learnt first-hand.
   * Announces status changes (except `own`, which its caller words itself).
   */
  protected absorb(incoming: Appointment[], fromWatch: boolean, own?: { id: string; message: string }): void {
    let merged: Map<string, Appointment>;
    if (fromWatch) {
      merged = new Map(incoming.map((appointment) => [appointment.id, appointment]));
      // A poll sent before our own change answers with the old version: the newer one wins.
      for (const [id, mine] of this.local) {
        const theirs = merged.get(id);
        if (!theirs || Date.parse(mine.updatedAt) > Date.parse(theirs.updatedAt)) merged.set(id, mine);
        else this.local.delete(id);
      }
    } else {
      for (const appointment of incoming) this.local.set(appointment.id, appointment);
      // Before the first list there is nothing to add to; the watch's list will bring these.
      if (this.list.state !== 'ready') return;
      merged = new Map(this.list.value.map((appointment) => [appointment.id, appointment]));
      for (const appointment of incoming) merged.set(appointment.id, appointment);
    }

    const words = this.statusWords;
    const messages: string[] = [];
    for (const appointment of merged.values()) {
      const before = this.statuses.get(appointment.id);
      this.statuses.set(appointment.id, appointment.status);
      if (before === undefined || before === appointment.status) continue;
      this.statusChanged(appointment, before);
      if (appointment.id !== own?.id) {
        messages.push(words.statusChanged(appointment.provider.name, this.when(appointment.start), words[appointment.status]));
      }
      this.dispatchEvent(new AppointmentStatusChangeEvent(appointment, before));
    }
    if (own) messages.push(own.message);
    this.list = { state: 'ready', value: [...merged.values()] };
    if (fromWatch) this.refreshError = undefined;
    if (messages.length) this.notices = messages;
  }

  /**
   * A request or change sent through the nested form, shown and announced at once, so a REST
   * poll need not catch up first (the watch brings the same later).
   */
  protected onFormSubmit(event: RequestSubmitEvent): void {
    const appointment = event.appointment;
    const previous = this.changingFrom?.id === appointment.id ? this.changingFrom : undefined;
    const words = this.statusWords;
    const when = this.when(appointment.start);
    const status = this.statusWord(appointment.status);
    const message = (previous ? words.changed : words.requested)(appointment.provider.name, when, status);
    this.absorb([appointment], false, { id: appointment.id, message });
    if (previous) this.dispatchEvent(new AppointmentChangeEvent(appointment, previous));
  }

  /**
   * Cancels `appointment` for the client, and says so with `ss-appointment-cancel`; a call while
   * one is on its way sends nothing. A failure is kept in `cancelError` (and `ss-appointment-cancel-fail`)
   * with its key, so Try again sends the same intention and a cancel that did arrive is not made
   * twice. Resolves with the cancelled appointment, or undefined when nothing was cancelled.
   */
  protected async sendCancel(appointment: Appointment | undefined): Promise<Appointment | undefined> {
    const adapter = this.activeAdapter;
    if (!appointment || !adapter || this.cancelling) return undefined;
    let idempotencyKey = this.cancelKeys.get(appointment.id);
    if (!idempotencyKey) {
      idempotencyKey = createIdempotencyKey();
      this.cancelKeys.set(appointment.id, idempotencyKey);
    }
    this.cancelling = true;
    this.cancelError = undefined;
    try {
      const cancelled = await adapter.cancelAppointment(appointment.id, { idempotencyKey });
      this.cancelKeys.delete(appointment.id);
      this.absorb([cancelled], false);
      this.dispatchEvent(new AppointmentCancelEvent(cancelled));
      return cancelled;
    } catch (caught) {
      const error = toBookingError(caught);
      this.cancelError = { message: error.message, retryable: worthRetrying(error) };
      this.dispatchEvent(new AppointmentCancelFailEvent(appointment, error));
      this.needsSignIn(error);
      return undefined;
    } finally {
      this.cancelling = false;
    }
  }

  /**
   * The polite status region and the alert region, always present so changes are announced.
   * While the sign-in prompt is shown, it says what was refused; the regions carry its news.
   */
  protected renderLiveRegions(): TemplateResult {
    const words = this.statusWords;
    const signIn = this.signIn;
    const prompting = signIn.prompting;
    const listFailed = !prompting && (this.list.state === 'error' || this.refreshError !== undefined);
    const bookable = this.bookable;
    const bookableFailed = !prompting && bookable.state === 'error';
    const signInAlert = signIn.alertText(words);
    return html`
      <div part="notice" role="status" class=${this.notices.length || signIn.noticeText(words) ? 'shown' : ''}>
        ${this.notices.map((notice) => html`<p>${notice}</p>`)} ${signIn.renderNotice(words)}
      </div>
      <div
        part="error"
        role="alert"
        class=${listFailed || this.formLoadFailed || !this.online || bookableFailed || signInAlert ? 'shown' : ''}
      >
        ${this.online ? nothing : html`<p>${words.offline}</p>`}
        ${listFailed ? this.renderError() : nothing} ${this.formLoadFailed ? html`<p>${words.formLoadFailed}</p>` : nothing}
        ${bookableFailed && bookable.state === 'error'
          ? html`<p>${words.bookableFailed} ${messageOf(bookable.error)}</p>
              ${listFailed || refusedSignIn(bookable.error) ? nothing : html`<button type="button" @click=${this.retry}>${words.retry}</button>`}`
          : nothing}
        ${signIn.renderAlert(words)}
      </div>
    `;
  }

  /** The element's content, or the sign-in prompt in its place. */
  protected renderContentOrSignIn(content: () => TemplateResult): TemplateResult | typeof nothing {
    return this.signIn.prompting ? this.signIn.renderPrompt(this.statusWords) : content();
  }

  /**
   * The nested form, rendered and ready to show. Its code is imported on first use, so a visit
   * that only reads the list never downloads it; undefined when the download failed (announced).
   */
  protected async nestedForm(): Promise<SelfScheduleForm | undefined> {
    try {
      await import('../self-schedule-form/self-schedule-form.js');
    } catch {
      this.formLoadFailed = true;
      return undefined;
    }
    this.formLoadFailed = false;
    this.formWanted = true;
    await this.updateComplete;
    return this.renderedForm;
  }

  /** Closes the nested form, where it is open. */
  protected closeForm(): void {
    this.renderedForm?.close();
  }

  private get renderedForm(): SelfScheduleForm | undefined {
    return this.renderRoot.querySelector('self-schedule-form') ?? undefined;
  }

  /** The New Appointment / Change form, in a dialog, with this view's adapter, clock and zone. */
  protected renderForm(): TemplateResult | typeof nothing {
    if (!this.formWanted) return nothing;
    // api-base and access-token too: the form's own sign-in prompt offers what this element's would.
    return html`<self-schedule-form
      modal
      time-zone=${this.timeZone ?? nothing}
      api-base=${this.apiBase ?? nothing}
      access-token=${this.accessToken ?? nothing}
      .adapter=${this.activeAdapter}
      .now=${this.now}
      @ss-request-submit=${this.onFormSubmit}
      @ss-view-appointments=${this.onViewAppointments}
      @ss-close=${this.onFormClose}
    ></self-schedule-form>`;
  }

  protected when(instant: string | number): string {
    return formatDateTime(typeof instant === 'number' ? instant : Date.parse(instant), this.locale, this.displayZone);
  }

  protected statusWord(status: AppointmentStatus): string {
    return this.statusWords[status];
  }

  /** The status as a badge, then the therapist's note when they declined with one. */
  protected renderStatus(appointment: Appointment): TemplateResult {
    const words = this.statusWords;
    return html`<dt>${words.status}</dt>
      <dd><span part="status status-${appointment.status}">${this.statusWord(appointment.status)}</span></dd>
      ${appointment.declineNote
        ? html`<dt>${words.declineNote}</dt>
            <dd part="decline-note">${appointment.declineNote}</dd>`
        : nothing}`;
  }

  protected providerName(appointment: Appointment): string {
    return nameWithCredentials(appointment.provider);
  }
}
