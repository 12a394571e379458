/**
 * What `<appointment-requests>` does when the practice refuses it (401, or 403 for someone who is
 * not staff): fire `ss-auth-required` once for the failure and, unless the host prevents it, show
 * a prompt in place of the list. With `api-base` and no `access-token` the prompt is a staff
 * sign-in form (e-mail and password, staff-sign-in.ts's calls); otherwise it says to sign in
 * again, which is the portal's to do (it answers the event with a fresh token).
 *
 * A ReactiveController, like the client elements' SignInController (whose e-mail-link flow does
 * not fit staff): the element renders `renderPrompt()` where its content goes and `alertText()`
 * in its own alert region.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BookingError } from '../../adapters/errors.js';
import { signInStaff } from '../../adapters/rest/staff-sign-in.js';
import { type StaffMember, staffSignInSchema } from '../../model/practice-api-schemas.js';
import { messageOf, toBookingError } from '../shared/loadable.js';
import { focusIsWithinOrNowhere } from '../shared/sign-in-controller.js';
import { AuthRequiredEvent } from '../shared/sign-in.events.js';
import type { RequestsStrings } from './appointment-requests.strings.js';

export type StaffSignInState =
  /** Nothing was refused (or staff have signed in since). */
  | { kind: 'not-asked' }
  /** A 401 or 403 arrived: the event was fired; `prompt` unless the host prevented it. */
  | { kind: 'required'; forbidden: boolean; prompt: boolean };

/** The form's steps. */
export type StaffFormStep =
  | { step: 'editing' }
  | { step: 'sending' }
  | { step: 'failed'; problem: 'missing' | 'mismatch' | 'too-many' | BookingError };

export interface StaffSignInHost extends ReactiveControllerHost, HTMLElement {
  readonly apiBase?: string;
  readonly accessToken?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

const notAsked = { kind: 'not-asked' } as const;

export class StaffSignIn implements ReactiveController {
  state: StaffSignInState = notAsked;
  step: StaffFormStep = { step: 'editing' };
  private email = '';
  private password = '';
  /** Where focus goes after the next update: the prompt's heading, or a field to correct. */
  private focusNext?: string;

  constructor(
    private readonly host: StaffSignInHost,
    /** Called with who signed in through the form: the host says so and loads again. */
    private readonly onSignedIn: (staff: StaffMember) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const id = this.focusNext;
    if (!id) return;
    this.focusNext = undefined;
    const target = this.host.renderRoot.querySelector<HTMLElement>(`#${id}`);
    // The heading is taken only from inside the element or from nowhere (a page load), never from
    // elsewhere in the page; a field to correct is where the person already is.
    if (target && (id !== 'sign-in-heading' || focusIsWithinOrNowhere(this.host))) target.focus();
  }

  /** Sign-in is needed and the host has not taken it over: the prompt is shown. */
  get prompting(): boolean {
    return this.state.kind === 'required' && this.state.prompt;
  }

  /** The prompt is a form where the element reaches the API itself and has no portal token. */
  get offersForm(): boolean {
    return Boolean(this.host.apiBase) && !this.host.accessToken;
  }

  /**
   * The practice refused a call with `error` (401, or 403). The first refusal fires
   * `ss-auth-required` and shows the prompt unless a listener prevents it; later ones while sign-in
   * is still needed only update whether it was a 403.
   */
  require(error: BookingError): void {
    const forbidden = error.code === 'forbidden';
    if (this.state.kind === 'required') {
      if (this.state.forbidden !== forbidden) {
        this.state = { ...this.state, forbidden };
        this.host.requestUpdate();
      }
      return;
    }
    this.state = { kind: 'required', forbidden, prompt: true };
    this.step = { step: 'editing' };
    const event = new AuthRequiredEvent(error, 'session');
    this.host.dispatchEvent(event);
    if (event.defaultPrevented) this.state = { ...this.state, prompt: false };
    else this.focusNext = 'sign-in-heading';
    this.host.requestUpdate();
  }

  /** Sign-in is no longer needed (a list came through, a new token). Returns whether it was. */
  satisfied(): boolean {
    if (this.state.kind === 'not-asked') return false;
    this.state = notAsked;
    this.step = { step: 'editing' };
    this.password = '';
    this.focusNext = undefined;
    this.host.requestUpdate();
    return true;
  }

  /** What goes in the element's alert region while the prompt is shown. */
  alertText(text: RequestsStrings): string | undefined {
    const step = this.step;
    if (!this.prompting || step.step !== 'failed') return undefined;
    if (step.problem === 'missing') return text.signInMissing;
    if (step.problem === 'mismatch') return text.signInMismatch;
    if (step.problem === 'too-many') return text.signInTooMany;
    return `${text.signInFailed} ${messageOf(step.problem)}`;
  }

  private setStep(step: StaffFormStep, focus?: string): void {
    this.step = step;
    this.focusNext = focus;
    this.host.requestUpdate();
  }

  // ---- event handlers ----------------------------------------------------------------------

  private onEmail = (event: Event): void => {
    this.email = (event.target as HTMLInputElement).value;
  };

  private onPassword = (event: Event): void => {
    this.password = (event.target as HTMLInputElement).value;
  };

  private onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const apiBase = this.host.apiBase;
    if (this.step.step === 'sending' || !apiBase) return;
    const credentials = { email: this.email.trim(), password: this.password };
    if (!staffSignInSchema.safeParse(credentials).success) {
      this.setStep({ step: 'failed', problem: 'missing' }, credentials.email ? 'staff-password' : 'staff-email');
      return;
    }
    this.setStep({ step: 'sending' });
    try {
      const staff = await signInStaff(apiBase, credentials);
      this.password = '';
      if (this.satisfied()) this.onSignedIn(staff);
    } catch (caught) {
      const error = toBookingError(caught);
      if (error.code === 'unauthorized') {
        this.password = '';
        this.setStep({ step: 'failed', problem: 'mismatch' }, 'staff-password');
      } else {
        this.setStep({ step: 'failed', problem: error.status === 429 ? 'too-many' : error });
      }
    }
  };

  // ---- rendering ---------------------------------------------------------------------------

  private renderField(
    id: string,
    label: string,
    type: 'email' | 'password',
    autocomplete: string,
    value: string,
    invalid: boolean,
    onInput: (event: Event) => void,
  ): TemplateResult {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        name=${type}
        type=${type}
        autocomplete=${autocomplete}
        spellcheck="false"
        required
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? 'sign-in-how sign-in-alert' : 'sign-in-how'}
        .value=${value}
        @input=${onInput}
      />
    </div>`;
  }

  private renderForm(text: RequestsStrings): TemplateResult {
    const step = this.step;
    const sending = step.step === 'sending';
    const failed = step.step === 'failed' && (step.problem === 'missing' || step.problem === 'mismatch');
    const emailInvalid = failed && (step.problem === 'mismatch' || !this.email.trim());
    const passwordInvalid = failed && (step.problem === 'mismatch' || !this.password);
    return html`
      <form novalidate @submit=${this.onSubmit}>
        ${this.renderField('staff-email', text.signInEmail, 'email', 'username', this.email, emailInvalid, this.onEmail)}
        ${this.renderField('staff-password', text.signInPassword, 'password', 'current-password', this.password, passwordInvalid, this.onPassword)}
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
            ${sending ? text.signingIn : text.signIn}
          </button>
        </div>
      </form>
    `;
  }

  /** The prompt, where the element's content would be; nothing unless it is shown. */
  renderPrompt(text: RequestsStrings): TemplateResult | typeof nothing {
    const state = this.state;
    if (state.kind !== 'required' || !state.prompt) return nothing;
    return html`
      <section part="sign-in" aria-labelledby="sign-in-heading">
        <h3 id="sign-in-heading" tabindex="-1">${text.signInHeading}</h3>
        ${state.forbidden ? html`<p class="staff-only">${text.staffOnly}</p>` : nothing}
        ${this.offersForm
          ? html`<p id="sign-in-how">${text.signInHow}</p>
              ${this.renderForm(text)}`
          : state.forbidden
            ? nothing
            : html`<p>${text.signInElsewhere}</p>`}
      </section>
    `;
  }
}
