/**
 * The markup the Appointments and Calendar tabs (and, for the list's failure, the therapist's
 * inbox) share, as plain template functions: what the element passes in is all they show.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Appointment } from '../../model/schemas.js';
import type { AppointmentsViewStrings } from './appointments-view.strings.js';
import type { AppointmentsWatch } from './appointments-watch.js';
import type { CancelFlow } from './cancel-flow.js';
import type { NestedForm } from './nested-form.js';
import { nameWithCredentials } from './format.js';
import { type FaultWords, type Loadable, messageOf, retryHelps } from './loadable.js';
import type { SignInController } from './sign-in-controller.js';

/** An instant in the element's words and zone. */
type When = (instant: string) => string;

/**
 * Why the list is missing or may be stale, in plain words (see messageOf), with Try again only
 * where it can help (see retryHelps): not after a refusal (sign-in, not allowed, not found,
 * against the rules) nor an answer not understood, which would only come back the same.
 */
export function listFailure(
  failed: { list: Loadable<unknown>; refreshError?: unknown },
  words: { loadFailed: string; refreshFailed: string; retry: string; faults: FaultWords },
  retry: () => void,
): TemplateResult | typeof nothing {
  const { list, refreshError } = failed;
  if (list.state !== 'error' && refreshError === undefined) return nothing;
  const [message, error] =
    list.state === 'error' ? [`${words.loadFailed} ${messageOf(list.error, words.faults)}`, list.error] : [words.refreshFailed, refreshError];
  return html`<p>${message}</p>
    ${retryHelps(error) ? html`<button type="button" @click=${retry}>${words.retry}</button>` : nothing}`;
}

/**
 * A tab's polite status region and alert region, always present so changes are announced. While
 * the sign-in prompt is shown, it says what was refused; the regions carry its news.
 */
function liveRegions(
  state: { watch: AppointmentsWatch; signIn: SignInController; online: boolean; formLoadFailed: boolean },
  words: AppointmentsViewStrings,
): TemplateResult {
  const { watch, signIn, online, formLoadFailed } = state;
  const prompting = signIn.prompting;
  const listFailed = !prompting && (watch.list.state === 'error' || watch.refreshError !== undefined);
  const bookable = watch.bookable;
  const bookableFailed = !prompting && bookable.state === 'error';
  const shown = listFailed || formLoadFailed || !online || bookableFailed || signIn.alertText(words);
  return html`
    <div part="notice" role="status" class=${watch.notices.length || signIn.noticeText(words) ? 'shown' : ''}>
      ${watch.notices.map((notice) => html`<p>${notice}</p>`)} ${signIn.renderNotice(words)}
    </div>
    <div part="error" role="alert" class=${shown ? 'shown' : ''}>
      ${online ? nothing : html`<p>${words.offline}</p>`}
      ${listFailed ? listFailure(watch, words, watch.retry) : nothing} ${formLoadFailed ? html`<p>${words.formLoadFailed}</p>` : nothing}
      ${bookableFailed && bookable.state === 'error'
        ? html`<p>${words.bookableFailed} ${messageOf(bookable.error, words.faults)}</p>
            ${listFailed || !retryHelps(bookable.error) ? nothing : html`<button type="button" @click=${watch.retry}>${words.retry}</button>`}`
        : nothing}
      ${signIn.renderAlert(words)}
    </div>
  `;
}

export interface TabFrame {
  text: AppointmentsViewStrings & { heading: string; notConnected: string };
  /** Whether the tab has an adapter. */
  connected: boolean;
  watch: AppointmentsWatch;
  signIn: SignInController;
  online: boolean;
  form: NestedForm;
  /** New Appointment was pressed. */
  onNew(opener: HTMLElement): void;
  /** Said under New Appointment while it is offered. */
  hint?: string;
  /** The list or calendar, unless the sign-in prompt takes its place. */
  content(): TemplateResult;
  /** The tab's own dialog. */
  dialog: TemplateResult;
}

/**
 * What both tabs are: a heading with New Appointment (where a therapist self-schedules), the live
 * regions, the content (or the sign-in prompt in its place, or a word that no practice is
 * connected), then the tab's dialog and the form.
 */
export function tabFrame(tab: TabFrame): TemplateResult {
  const { text, connected, watch, signIn } = tab;
  const prompting = signIn.prompting;
  const offersNew = connected && watch.offersNew && !prompting;
  return html`
    <section class="body" aria-labelledby="heading">
      <div class="header">
        <h2 id="heading">${text.heading}</h2>
        ${offersNew
          ? html`<button type="button" part="new-appointment" class="primary" @click=${(event: Event) => tab.onNew(event.currentTarget as HTMLElement)}>
              ${text.newAppointment}
            </button>`
          : nothing}
      </div>
      ${offersNew && tab.hint ? html`<p class="hint">${tab.hint}</p>` : nothing}
      ${liveRegions({ watch, signIn, online: tab.online, formLoadFailed: tab.form.loadFailed }, text)}
      ${!connected ? html`<p>${text.notConnected}</p>` : prompting ? signIn.renderPrompt(text) : tab.content()}
    </section>
    ${tab.dialog} ${tab.form.render()}
  `;
}

/** The status as a badge (its word always in it), then the therapist's note when they declined with one: `<dt>`/`<dd>` pairs. */
export function statusTerms(appointment: Appointment, words: AppointmentsViewStrings): TemplateResult {
  return html`<dt>${words.status}</dt>
    <dd><span part="status status-${appointment.status}">${words[appointment.status]}</span></dd>
    ${appointment.declineNote
      ? html`<dt>${words.declineNote}</dt>
          <dd part="decline-note">${appointment.declineNote}</dd>`
      : nothing}`;
}

/** The therapist, the service and where, as `<dt>`/`<dd>` pairs; `service` words the service. */
export function appointmentTerms(appointment: Appointment, words: AppointmentsViewStrings, service: string): TemplateResult {
  const location = appointment.location;
  const where = location.kind === 'in-person' ? `${location.name}\n${location.address}` : `${location.name} · ${words.telehealth}`;
  return html`<dt>${words.provider}</dt>
    <dd>${nameWithCredentials(appointment.provider)}</dd>
    <dt>${words.service}</dt>
    <dd>${service}</dd>
    <dt>${words.location}</dt>
    <dd>${where}</dd>`;
}

export interface ManageOptions {
  /** Change appointment is offered (the therapist still takes requests online). */
  canChange: boolean;
  open: boolean;
  /** The id of the panel Manage Appointment reveals. */
  panelId: string;
  /** The id of what names the appointment, where the buttons need it said. */
  describedBy?: string;
  toggle(): void;
  change(opener: HTMLElement): void;
  cancel(opener: HTMLElement): void;
}

/** Manage Appointment and the panel it reveals (until when, Change, Cancel), or why it can no longer be changed online. */
export function managePanel(appointment: Appointment, options: ManageOptions, words: AppointmentsViewStrings, when: When): TemplateResult | typeof nothing {
  const { manage } = appointment;
  const { canChange, open, panelId, describedBy = nothing } = options;
  if (!canChange && !manage.canCancel) {
    return manage.reason ? html`<p class="reason">${manage.reason}</p>` : nothing;
  }
  const opener = (event: Event) => event.currentTarget as HTMLElement;
  return html`
    <div part="manage">
      <button type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls=${panelId} aria-describedby=${describedBy} @click=${options.toggle}>
        ${words.manage}
      </button>
      <div id=${panelId} class="manage-actions" ?hidden=${!open}>
        ${manage.until ? html`<p class="until">${words.manageUntil(when(manage.until))}</p>` : nothing}
        <div class="actions">
          ${canChange
            ? html`<button type="button" aria-describedby=${describedBy} @click=${(event: Event) => options.change(opener(event))}>${words.change}</button>`
            : nothing}
          ${manage.canCancel
            ? html`<button type="button" aria-describedby=${describedBy} @click=${(event: Event) => options.cancel(opener(event))}>${words.cancel}</button>`
            : nothing}
        </div>
      </div>
    </div>
  `;
}

/**
 * The cancel confirmation: the question, the practice's policy and until when, the last failure
 * (with Try again where worth it), Keep appointment and Yes, cancel (busy while sending).
 */
export function cancelConfirmation(
  appointment: Appointment,
  flow: CancelFlow,
  words: AppointmentsViewStrings,
  when: When,
  actions: { keep(): void; confirm(): void },
): TemplateResult {
  const { error, sending } = flow;
  const { cancellationPolicy, until } = appointment.manage;
  return html`
    <h3 id="cancel-heading" tabindex="-1">${words.cancelHeading}</h3>
    <p id="cancel-question">${words.cancelQuestion(nameWithCredentials(appointment.provider), when(appointment.start))}</p>
    ${cancellationPolicy
      ? html`<h4>${words.cancelPolicy}</h4>
          <p class="policy">${cancellationPolicy}</p>`
      : nothing}
    ${until ? html`<p class="until">${words.manageUntil(when(until))}</p>` : nothing}
    <div part="error" role="alert" class=${error ? 'shown' : ''}>
      ${error
        ? html`<p>${error.message}</p>
            ${error.retryable ? html`<button type="button" @click=${actions.confirm}>${words.retry}</button>` : nothing}`
        : nothing}
    </div>
    <div class="actions">
      <button type="button" @click=${actions.keep}>${words.keep}</button>
      <button type="button" class="primary" aria-disabled=${sending ? 'true' : 'false'} @click=${actions.confirm}>
        ${sending ? words.cancelling : words.confirmCancel}
      </button>
    </div>
  `;
}
