import { consume } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BookingError } from '../../adapters/errors.js';
import { type PracticeAdapter, practiceAdapterContext } from '../../adapters/practice-adapter.js';
import { RestPracticeAdapter } from '../../adapters/rest/rest-practice-adapter.js';
import {
  type ConfirmProblem,
  type PracticeAppointment,
  type PracticeAppointmentQuery,
  maxDeclineNoteLength,
} from '../../model/practice-api-schemas.js';
import { appointmentStyles } from '../shared/appointment.styles.js';
import { listFailure } from '../shared/appointment-templates.js';
import { LongWait } from '../shared/long-wait.js';
import { secondsAttribute } from '../shared/seconds.js';
import { baseStyles } from '../shared/base.styles.js';
import { localeOf } from '../shared/booking-element.js';
import { domId } from '../shared/dom-id.js';
import { formatDateTime, formatTimeRange, nameWithCredentials } from '../shared/format.js';
import { type Loadable, idle, messageOf, pending, toBookingError } from '../shared/loadable.js';
import { signInPromptStyles } from '../shared/sign-in-prompt.styles.js';
import { RequestConfirmedEvent, RequestDeclinedEvent, StaffSignedInEvent } from './appointment-requests.events.js';
import { type RequestsStrings, defaultRequestsStrings } from './appointment-requests.strings.js';
import { requestsStyles } from './appointment-requests.styles.js';
import { StaffSignIn } from './staff-sign-in.js';

type Decision = 'confirm' | 'decline';

/** A confirmation or decline that did not go through, said in the alert region. */
interface DecisionError {
  appointment: PracticeAppointment;
  decision: Decision;
  error: BookingError;
}

/** Oldest request first: the one waiting longest is answered first. */
const byRequested = (a: PracticeAppointment, b: PracticeAppointment) =>
  Date.parse(a.createdAt) - Date.parse(b.createdAt) || Date.parse(a.start) - Date.parse(b.start);

/** Whether the practice refused who is asking: sign in (401), or sign in as staff (403). */
const refusesWho = (error: unknown): boolean => {
  const code = toBookingError(error).code;
  return code === 'unauthorized' || code === 'forbidden';
};

/**
 * The therapist's inbox: appointment requests waiting for confirmation, oldest request first,
 * each with the client, service, location and time (in the location's zone, the zone said), when
 * it was asked for, and what stands in the way of confirming it. Confirm, or Decline with an
 * optional note to the client.
 *
 * **Live.** The list comes from the adapter's `watchAppointments` (pushed by a
 * MemoryPracticeAdapter, polled every 15 s by a RestPracticeAdapter), started when the element is
 * connected or its adapter or `provider` changes, stopped when it is disconnected. Requests that
 * arrive meanwhile are announced politely ("1 new request").
 *
 * **Failures** are said in plain words that say what to do (a server's own text and the fields an
 * answer got wrong stay on the error, for the host), with Try again only where trying again can
 * help: a lost connection, a time limit or the server failing; not after a refusal or an answer
 * that was not understood.
 *
 * **Deciding.** Confirm sends one call however often it is pressed (the button says it is busy
 * meanwhile); a request with conflicts offers Decline only, with the reasons written out. Decline
 * opens a note field (optional, at most 1000 characters, counted), with Decline request and Keep
 * request (Escape keeps it too). After a decision the row leaves, the outcome is announced in the
 * `notice` region, focus moves to the next request's first button (or the heading when none is
 * left), and `ss-request-confirmed` / `ss-request-declined` carry the appointment. A refusal (409:
 * decided elsewhere meanwhile, or its time no longer fits) says the server's words and reloads the
 * list; a network or server failure says so, keeps the note, and offers Try again.
 *
 * **Signing in.** On 401 (or 403, for someone who is not staff) the element fires
 * `ss-auth-required` and, unless a listener prevents it, shows in place of the list a staff
 * sign-in form (with `api-base` and no `access-token`: e-mail and password, answered by
 * `ss-staff-signed-in`) or a word to sign in again (the portal's to do, with a fresh token).
 *
 * @summary A therapist's inbox of appointment requests, live, with Confirm and Decline.
 *
 * @fires ss-request-confirmed - A request was confirmed; `appointment` is it, now confirmed.
 * @fires ss-request-declined - A request was declined; `appointment` is it, now declined, with `declineNote`.
 * @fires ss-auth-required - The practice answered 401 or 403 (once per failure); `error` says which. Cancelable: `preventDefault()` keeps the sign-in prompt hidden.
 * @fires ss-staff-signed-in - A member of staff signed in through the built-in form; `staff` is who.
 *
 * @csspart list - The list of requests.
 * @csspart request - One request.
 * @csspart conflicts - What stands in the way of confirming a request.
 * @csspart actions - A request's Confirm and Decline buttons.
 * @csspart confirm - A request's Confirm button.
 * @csspart decline-button - A request's Decline button.
 * @csspart decline - The note field and buttons that Decline opens.
 * @csspart error - The alert region where errors appear.
 * @csspart notice - The status region where decisions and new requests are announced.
 * @csspart sign-in - The staff sign-in prompt, shown in place of the list when the practice asks who is there.
 *
 * @cssprop --ss-font - Font family.
 * @cssprop --ss-color-text - Text colour.
 * @cssprop --ss-color-muted - Secondary text colour.
 * @cssprop --ss-color-background - Background colour.
 * @cssprop --ss-color-surface - Background of buttons and panels.
 * @cssprop --ss-color-border - Border colour.
 * @cssprop --ss-color-control-border - Border of buttons and fields (at least 3:1 against the background).
 * @cssprop --ss-color-primary - Colour of primary actions.
 * @cssprop --ss-color-on-primary - Text on the primary colour.
 * @cssprop --ss-color-error - Colour of errors.
 * @cssprop --ss-color-conflict - Colour of a request's conflicts (the error colour by default).
 * @cssprop --ss-color-focus - Focus ring colour.
 * @cssprop --ss-radius - Corner radius.
 */
@customElement('appointment-requests')
export class AppointmentRequestsElement extends LitElement {
  static override styles = [baseStyles, appointmentStyles, signInPromptStyles, requestsStyles];

  /** The backend. Takes precedence over one provided through `practiceAdapterContext` and over `api-base`. */
  @property({ attribute: false }) adapter?: PracticeAdapter;

  /**
   * The base URL of a backend speaking the contract's practice API, for pages with no script of
   * their own: the element makes its own RestPracticeAdapter, sending cookies (the staff session)
   * and `access-token`, when set.
   */
  @property({ attribute: 'api-base', reflect: true }) apiBase?: string;

  /**
   * A portal's token for a member of staff (a JWT with `role: "staff"`), sent as
   * `Authorization: Bearer <token>` by the adapter `api-base` makes. Read at every request;
   * setting one after a refusal loads again. Not reflected.
   */
  @property({ attribute: 'access-token' }) accessToken?: string;

  /** Only this therapist's requests (a provider id). The server limits a therapist to their own anyway. */
  @property({ reflect: true }) provider?: string;

  /**
   * Seconds between checks for new requests where the backend cannot push them (the reference
   * server does); 15 s otherwise. Paused while the page is hidden.
   */
  @property({ attribute: 'refresh-interval', type: Number, reflect: true }) refreshInterval?: number;

  /** Replacement text for any of the element's words. */
  @property({ attribute: false }) strings: Partial<RequestsStrings> = {};

  /** An adapter provided by an ancestor through `practiceAdapterContext`. */
  @consume({ context: practiceAdapterContext, subscribe: true })
  @state()
  protected providedAdapter?: PracticeAdapter;

  @state() private list: Loadable<PracticeAppointment[]> = idle;
  /** A refresh that failed after the list had loaded: the list stays, with a word that it may be stale. */
  @state() private refreshError?: unknown;
  @state() private notices: string[] = [];
  /** Decisions on their way, by appointment. */
  @state() private busy = new Map<string, Decision>();
  /** The request whose note field is open. */
  @state() private noteOpen?: string;
  /** The notes being written, by appointment: kept through failures and while the field is closed. */
  @state() private notes = new Map<string, string>();
  @state() private decisionError?: DecisionError;
  /** False between the browser's `offline` and `online` events. */
  @state() private online = true;

  private readonly signIn = new StaffSignIn(this, (staff) => {
    this.dispatchEvent(new StaffSignedInEvent(staff));
    this.refresh();
  });

  /** The watch in progress, and what it watches; callbacks of an earlier one are ignored. */
  private watch?: { adapter: PracticeAdapter; key: string; pollIntervalMs?: number; stop?: () => void };
  /** The first list is slow in coming: the element says it is still waiting. */
  private readonly wait = new LongWait(this, () => 5000);
  /** Requests decided here: hidden even if a poll sent before the decision still lists them. */
  private decided = new Set<string>();
  /** Ids of the requests last listed, to tell new ones; undefined before the first list. */
  private known?: Set<string>;
  private restAdapter?: { base: string; adapter: RestPracticeAdapter };
  /** An element id to focus after the next update. */
  private focusNext?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.online = navigator.onLine !== false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    // Back in the page: willUpdate starts watching again.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.stopWatching();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A token set after a refusal: what was refused is asked again, with it.
    if (changed.has('accessToken') && this.hasUpdated && this.signIn.satisfied()) this.refresh();
    const adapter = this.activeAdapter;
    const paceChanged = this.pollIntervalMs !== this.watch?.pollIntervalMs;
    if (this.isConnected && (adapter !== this.watch?.adapter || this.watchKey !== this.watch?.key || (adapter && paceChanged))) {
      this.startWatching(adapter);
    }
    if (this.list.state === 'pending') this.wait.start();
    else this.wait.stop();
  }

  /** `refresh-interval` in milliseconds, when it is a usable number of seconds. */
  private get pollIntervalMs(): number | undefined {
    return secondsAttribute(this.refreshInterval);
  }

  protected override updated(): void {
    const id = this.focusNext;
    if (!id) return;
    this.focusNext = undefined;
    this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`)?.focus();
  }

  // ---- the adapter and its watch ----------------------------------------------------------------

  /** The adapter in use, or undefined when the page has given none. */
  private get activeAdapter(): PracticeAdapter | undefined {
    if (this.adapter) return this.adapter;
    if (this.providedAdapter) return this.providedAdapter;
    if (!this.apiBase) return undefined;
    if (this.restAdapter?.base !== this.apiBase) {
      const headers = (): Record<string, string> => (this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {});
      const adapter = new RestPracticeAdapter({ baseUrl: this.apiBase, credentials: 'include', headers });
      this.restAdapter = { base: this.apiBase, adapter };
    }
    return this.restAdapter.adapter;
  }

  private get query(): PracticeAppointmentQuery {
    return { statuses: ['unconfirmed'], providerId: this.provider || undefined };
  }

  private get watchKey(): string {
    return this.provider ?? '';
  }

  private startWatching(adapter: PracticeAdapter | undefined): void {
    const same = adapter === this.watch?.adapter && this.watchKey === this.watch?.key;
    this.stopWatching();
    if (!same) {
      this.list = adapter ? pending : idle;
      this.known = undefined;
      this.decided.clear();
      this.notes = new Map();
      this.noteOpen = undefined;
      this.decisionError = undefined;
      this.notices = [];
    }
    this.refreshError = undefined;
    if (!adapter) return;
    const pollIntervalMs = this.pollIntervalMs;
    const watch: NonNullable<AppointmentRequestsElement['watch']> = { adapter, key: this.watchKey, pollIntervalMs };
    this.watch = watch;
    // The adapter may call back before watchAppointments returns; `watch` tells stale callbacks apart.
    const stop = adapter.watchAppointments(this.query, {
      onChange: (appointments) => {
        if (this.watch === watch) this.absorb(appointments);
      },
      onError: (error) => {
        if (this.watch !== watch) return;
        if (this.list.state === 'ready') this.refreshError = error;
        else this.list = { state: 'error', error };
        if (refusesWho(error)) this.signIn.require(toBookingError(error));
      },
    }, pollIntervalMs ? { pollIntervalMs } : {});
    if (this.watch === watch) watch.stop = stop;
    else stop();
  }

  private stopWatching(): void {
    this.watch?.stop?.();
    this.watch = undefined;
  }

  /**
   * Reads the requests again now, keeping the list shown meanwhile: for a host that learns of a
   * change sooner than the next poll would.
   */
  refresh(): void {
    if (this.list.state === 'error') this.list = pending;
    this.startWatching(this.activeAdapter);
  }

  /** Takes in a list from the watch: announces new requests, and keeps focus off rows that left. */
  private absorb(appointments: PracticeAppointment[]): void {
    // The list came through: whoever is asking is signed in, whatever was refused before.
    this.signIn.satisfied();
    const listed = new Set(appointments.map((appointment) => appointment.id));
    for (const id of this.decided) if (!listed.has(id)) this.decided.delete(id);
    const waiting = appointments.filter((appointment) => appointment.status === 'unconfirmed' && !this.decided.has(appointment.id)).sort(byRequested);
    const arrived = this.known ? waiting.filter((appointment) => !this.known!.has(appointment.id)).length : 0;
    const shown = this.shownRequests;
    this.known = new Set(waiting.map((appointment) => appointment.id));
    this.keepFocusOn(shown, waiting);
    this.list = { state: 'ready', value: waiting };
    this.refreshError = undefined;
    if (arrived) this.notices = [this.text.newRequests(arrived)];
    if (this.noteOpen && !this.known.has(this.noteOpen)) this.noteOpen = undefined;
  }

  /** Where focus was in a row that is leaving, it goes to the next request, or to the heading. */
  private keepFocusOn(before: PracticeAppointment[], after: PracticeAppointment[]): void {
    const active = (this.renderRoot as ShadowRoot).activeElement;
    const row = active?.closest<HTMLElement>('[part~="request"]');
    const id = row?.dataset.id;
    if (!id || after.some((appointment) => appointment.id === id)) return;
    this.focusNext = this.nextFocus(id, before, after);
  }

  /** The first button of the request after `id` (in `before`'s order) still in `after`, else the heading. */
  private nextFocus(id: string, before: PracticeAppointment[], after: PracticeAppointment[]): string {
    const remaining = new Set(after.map((appointment) => appointment.id));
    const index = before.findIndex((appointment) => appointment.id === id);
    const next = [...before.slice(index + 1), ...before.slice(0, Math.max(index, 0)).reverse()].find((appointment) =>
      remaining.has(appointment.id),
    );
    const nextNow = next && after.find((appointment) => appointment.id === next.id);
    if (!nextNow) return 'heading';
    return nextNow.conflicts.length ? domId('decline-button', nextNow.id) : domId('confirm', nextNow.id);
  }

  private get shownRequests(): PracticeAppointment[] {
    return this.list.state === 'ready' ? this.list.value : [];
  }

  // ---- event handlers ----------------------------------------------------------------------

  private onOnline = (): void => {
    if (this.online) return;
    this.online = true;
    if (this.activeAdapter) this.refresh();
  };

  private onOffline = (): void => {
    this.online = false;
  };

  private openNote(appointment: PracticeAppointment): void {
    if (this.busy.has(appointment.id)) return;
    if (this.noteOpen === appointment.id) {
      this.keepRequest(appointment);
      return;
    }
    this.noteOpen = appointment.id;
    this.focusNext = domId('note', appointment.id);
  }

  /** Keep request (or Escape): the note field closes, its words kept, and focus returns to Decline. */
  private keepRequest(appointment: PracticeAppointment): void {
    if (this.busy.get(appointment.id) === 'decline') return;
    this.noteOpen = undefined;
    this.focusNext = domId('decline-button', appointment.id);
  }

  private onNoteInput(appointment: PracticeAppointment, event: Event): void {
    this.notes = new Map(this.notes).set(appointment.id, (event.target as HTMLTextAreaElement).value);
  }

  private onNoteKeydown(appointment: PracticeAppointment, event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.keepRequest(appointment);
  }

  private noteOf(id: string): string {
    return this.notes.get(id) ?? '';
  }

  private sendDecline(appointment: PracticeAppointment): void {
    if (this.noteOf(appointment.id).length > maxDeclineNoteLength) {
      this.focusNext = domId('note', appointment.id);
      this.requestUpdate();
      return;
    }
    void this.decide(appointment, 'decline');
  }

  /**
   * Sends one decision (a second press while one is on its way sends nothing). A success takes
   * the row away and says so; a refusal says the server's words and reloads the list; a failure
   * says so and keeps everything as it was, note included, with Try again.
   */
  private async decide(appointment: PracticeAppointment, decision: Decision): Promise<void> {
    const adapter = this.activeAdapter;
    const id = appointment.id;
    if (!adapter || this.busy.has(id)) return;
    this.busy = new Map(this.busy).set(id, decision);
    this.decisionError = undefined;
    try {
      const note = this.noteOf(id).trim() || undefined;
      const decided = decision === 'confirm' ? await adapter.confirm(id) : await adapter.decline(id, note);
      this.settle(appointment, decided, decision);
    } catch (caught) {
      const error = toBookingError(caught);
      if (refusesWho(error)) {
        this.signIn.require(error);
        return;
      }
      this.decisionError = { appointment, decision, error };
      // Decided elsewhere, gone, or its time no longer fits: the list as it is now shows why.
      if (error.code === 'conflict' || error.code === 'not-found') this.refresh();
    } finally {
      const busy = new Map(this.busy);
      busy.delete(id);
      this.busy = busy;
    }
  }

  private settle(appointment: PracticeAppointment, decided: PracticeAppointment, decision: Decision): void {
    const id = appointment.id;
    const shown = this.shownRequests;
    const after = shown.filter((request) => request.id !== id);
    this.decided.add(id);
    this.known?.delete(id);
    const notes = new Map(this.notes);
    notes.delete(id);
    this.notes = notes;
    if (this.noteOpen === id) this.noteOpen = undefined;
    this.focusNext = this.nextFocus(id, shown, after);
    this.list = { state: 'ready', value: after };
    const text = this.text;
    const words = decision === 'confirm' ? text.confirmed : text.declined;
    this.notices = [words(appointment.client.name, appointment.service.name, this.when(appointment))];
    this.dispatchEvent(decision === 'confirm' ? new RequestConfirmedEvent(decided) : new RequestDeclinedEvent(decided));
  }

  private retryDecision(): void {
    const failed = this.decisionError;
    if (!failed) return;
    const current = this.shownRequests.find((appointment) => appointment.id === failed.appointment.id);
    if (current) void this.decide(current, failed.decision);
  }

  // ---- words -----------------------------------------------------------------------------------

  private get text(): RequestsStrings {
    return { ...defaultRequestsStrings, ...this.strings };
  }

  private get locale(): string {
    return localeOf(this);
  }

  /** The appointment's time where it happens: "Tuesday, December 8, 10:00 – 10:50 AM EST". */
  private when(appointment: PracticeAppointment): string {
    return formatTimeRange(Date.parse(appointment.start), Date.parse(appointment.end), this.locale, appointment.location.timeZone);
  }

  private conflictText(conflict: ConfirmProblem, appointment: PracticeAppointment): string {
    const text = this.text;
    switch (conflict.code) {
      case 'in-the-past':
        return text.conflictPast;
      case 'outside-hours':
        return text.conflictHours;
      case 'overlaps-appointment':
        return text.conflictOverlap(formatTimeRange(Date.parse(conflict.start), Date.parse(conflict.end), this.locale, appointment.location.timeZone));
    }
  }

  // ---- rendering ---------------------------------------------------------------------------

  private renderConflicts(appointment: PracticeAppointment): TemplateResult | typeof nothing {
    if (!appointment.conflicts.length) return nothing;
    const text = this.text;
    const reasons = [...new Set(appointment.conflicts.map((conflict) => this.conflictText(conflict, appointment)))];
    return html`
      <div part="conflicts" id=${domId('conflicts', appointment.id)}>
        <p class="conflicts-title"><span class="mark" aria-hidden="true">!</span>${text.cannotConfirm}</p>
        <ul>
          ${reasons.map((reason) => html`<li>${reason}</li>`)}
        </ul>
        <p>${text.conflictAdvice}</p>
      </div>
    `;
  }

  private renderNote(appointment: PracticeAppointment): TemplateResult | typeof nothing {
    const id = appointment.id;
    if (this.noteOpen !== id) return nothing;
    const text = this.text;
    const note = this.noteOf(id);
    const tooLong = note.length > maxDeclineNoteLength;
    const declining = this.busy.get(id) === 'decline';
    const [noteId, hintId, countId, errorId, requestId] = ['note', 'note-hint', 'note-count', 'note-error', 'request'].map((part) => domId(part, id));
    const describedBy = `${hintId} ${countId}${tooLong ? ` ${errorId}` : ''}`;
    return html`
      <div part="decline" id=${domId('decline', id)} @keydown=${(event: KeyboardEvent) => this.onNoteKeydown(appointment, event)}>
        <label for=${noteId}>${text.noteLabel}</label>
        <p class="hint" id=${hintId}>${text.noteHint}</p>
        <textarea
          id=${noteId}
          name="note"
          rows="3"
          aria-invalid=${tooLong ? 'true' : 'false'}
          aria-describedby=${describedBy}
          .value=${note}
          @input=${(event: Event) => this.onNoteInput(appointment, event)}
        ></textarea>
        <p class="count" id=${countId}>${text.noteCount(note.length, maxDeclineNoteLength)}</p>
        ${tooLong ? html`<p class="field-error" id=${errorId}>${text.noteTooLong(note.length, maxDeclineNoteLength)}</p>` : nothing}
        <div class="actions">
          <button
            type="button"
            class="primary"
            aria-describedby=${requestId}
            aria-disabled=${declining ? 'true' : 'false'}
            @click=${() => this.sendDecline(appointment)}
          >
            ${declining ? text.declining : text.sendDecline}
          </button>
          <button type="button" aria-describedby=${requestId} @click=${() => this.keepRequest(appointment)}>${text.keep}</button>
        </div>
      </div>
    `;
  }

  private renderRequest(appointment: PracticeAppointment): TemplateResult {
    const text = this.text;
    const id = appointment.id;
    const client = appointment.client.name;
    const busy = this.busy.get(id);
    const conflicted = appointment.conflicts.length > 0;
    const { location, service } = appointment;
    const zone = location.timeZone;
    const requestId = domId('request', id);
    return html`
      <li part="request" class=${conflicted ? 'has-conflicts' : ''} data-id=${id}>
        <article aria-labelledby=${requestId}>
          <h3 id=${requestId} tabindex="-1">${client}</h3>
          <dl>
            ${this.provider
              ? nothing
              : html`<dt>${text.provider}</dt>
                  <dd>${nameWithCredentials(appointment.provider)}</dd>`}
            <dt>${text.service}</dt>
            <dd>${service.name} (${text.minutes(service.durationMinutes)})</dd>
            <dt>${text.location}</dt>
            <dd>${location.name}</dd>
            <dt>${text.when}</dt>
            <dd>${this.when(appointment)}</dd>
            <dt>${text.requested}</dt>
            <dd class="requested">${formatDateTime(Date.parse(appointment.createdAt), this.locale, zone)}</dd>
          </dl>
          ${this.renderConflicts(appointment)}
          <div part="actions" class="actions">
            ${conflicted
              ? nothing
              : html`<button
                  type="button"
                  part="confirm"
                  class="primary"
                  id=${domId('confirm', id)}
                  aria-label=${busy === 'confirm' ? text.confirmingLabel(client) : text.confirmLabel(client)}
                  aria-disabled=${busy ? 'true' : 'false'}
                  @click=${() => void this.decide(appointment, 'confirm')}
                >
                  ${busy === 'confirm' ? text.confirming : text.confirm}
                </button>`}
            <button
              type="button"
              part="decline-button"
              id=${domId('decline-button', id)}
              aria-label=${text.declineLabel(client)}
              aria-describedby=${conflicted ? domId('conflicts', id) : nothing}
              aria-expanded=${this.noteOpen === id ? 'true' : 'false'}
              aria-controls=${domId('decline', id)}
              aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => this.openNote(appointment)}
            >
              ${text.decline}
            </button>
          </div>
          ${this.renderNote(appointment)}
        </article>
      </li>
    `;
  }

  private renderRequests(): TemplateResult {
    const text = this.text;
    const list = this.list;
    if (list.state === 'pending') return html`<p role="status">${this.wait.long ? text.slow : text.loading}</p>`;
    if (list.state !== 'ready') return html``;
    if (!list.value.length) return html`<p class="empty">${text.empty}</p>`;
    return html`<ul part="list" aria-labelledby="heading">
      ${repeat(list.value, (appointment) => appointment.id, (appointment) => this.renderRequest(appointment))}
    </ul>`;
  }

  private renderErrors(): TemplateResult | typeof nothing {
    const text = this.text;
    const prompting = this.signIn.prompting;
    const parts: TemplateResult[] = [];
    if (!this.online) parts.push(html`<p>${text.offline}</p>`);
    const listFailed = prompting ? nothing : listFailure({ list: this.list, refreshError: this.refreshError }, text, this.refresh);
    if (listFailed !== nothing) parts.push(listFailed);
    const failed = this.decisionError;
    if (!prompting && failed) {
      const client = failed.appointment.client.name;
      const what = failed.decision === 'confirm' ? text.confirmFailed(client) : text.declineFailed(client);
      // A decision sends no idempotency key: after an answer not understood, the list (reloaded on
      // a refusal) says whether it went through, so only a failure that may pass offers Try again.
      const retry = failed.error.retryable && !this.busy.has(failed.appointment.id);
      parts.push(html`<p>${what} ${messageOf(failed.error, text.faults)}</p>
        ${retry ? html`<button type="button" @click=${this.retryDecision}>${text.retry}</button>` : nothing}`);
    }
    const signInAlert = this.signIn.alertText(text);
    if (signInAlert) parts.push(html`<p id="sign-in-alert">${signInAlert}</p>`);
    return parts.length ? html`${parts}` : nothing;
  }

  override render(): TemplateResult {
    const text = this.text;
    const errors = this.renderErrors();
    const connected = Boolean(this.activeAdapter);
    return html`
      <section class="body" aria-labelledby="heading">
        <h2 id="heading" tabindex="-1">${text.heading}</h2>
        <div part="notice" role="status" class=${this.notices.length ? 'shown' : ''}>
          ${this.notices.map((notice) => html`<p>${notice}</p>`)}
        </div>
        <div part="error" role="alert" class=${errors === nothing ? '' : 'shown'}>${errors}</div>
        ${!connected
          ? html`<p>${text.notConnected}</p>`
          : this.signIn.prompting
            ? this.signIn.renderPrompt(text)
            : this.renderRequests()}
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'appointment-requests': AppointmentRequestsElement;
  }
}
