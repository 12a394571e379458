/**
 * The sign-in prompt's e-mail form: an address, Send sign-in link, and what came of it (sending,
 * sent, refused, failed). Loaded by SignInController the first time an element with `api-base`
 * and no `access-token` is refused, with the `/auth` calls it needs; one per failure, so a new
 * failure starts with a fresh form (the address typed is kept only within one).
 *
 * Its news is not said here but in the element's own live regions, through `alertText()` and
 * `noticeText()`; the answer to a request is the same words for every address, whatever the
 * server says.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BookingError } from '../../adapters/errors.js';
import { hasSession, requestSignInLink } from '../../adapters/rest/sign-in.js';
import { signInLinkRequestSchema } from '../../model/sign-in-schemas.js';
import { messageOf, toBookingError } from './loadable.js';
import type { SignInStrings } from './sign-in-prompt.strings.js';

/** The form's steps. */
export type EmailStep =
  | { step: 'editing' }
  | { step: 'sending' }
  | { step: 'sent' }
  | { step: 'failed'; problem: 'invalid' | 'too-many' | BookingError };

interface EmailHost extends ReactiveControllerHost {
  readonly apiBase?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class EmailSignIn {
  step: EmailStep = { step: 'editing' };
  /** What the client typed, kept through failures and re-renders. */
  private address = '';

  constructor(private readonly host: EmailHost) {}

  /** A link was sent (the last request was answered). */
  get sent(): boolean {
    return this.step.step === 'sent';
  }

  /** Whether the page has a session now (signed in by the link in another tab, say). */
  hasSession(): Promise<boolean> {
    const apiBase = this.host.apiBase;
    return apiBase ? hasSession(apiBase) : Promise.resolve(false);
  }

  alertText(text: SignInStrings): string | undefined {
    const step = this.step;
    if (step.step !== 'failed') return undefined;
    if (step.problem === 'invalid') return text.signInEmailInvalid;
    if (step.problem === 'too-many') return text.signInTooMany;
    return `${text.signInSendFailed} ${messageOf(step.problem)}`;
  }

  noticeText(text: SignInStrings): string | undefined {
    return this.step.step === 'sent' ? text.signInLinkSent : undefined;
  }

  private setStep(step: EmailStep): void {
    this.step = step;
    this.host.requestUpdate();
  }

  private onInput = (event: Event): void => {
    this.address = (event.target as HTMLInputElement).value;
  };

  private onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const apiBase = this.host.apiBase;
    if (this.step.step === 'sending' || !apiBase) return;
    const email = this.address.trim();
    if (!signInLinkRequestSchema.safeParse({ email }).success) {
      this.setStep({ step: 'failed', problem: 'invalid' });
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>('#sign-in-email')?.focus();
      return;
    }
    this.setStep({ step: 'sending' });
    try {
      // The server's words are not shown: ours are the same for every address, whatever it says.
      await requestSignInLink(apiBase, email);
      this.setStep({ step: 'sent' });
    } catch (caught) {
      const error = toBookingError(caught);
      this.setStep({ step: 'failed', problem: error.status === 429 ? 'too-many' : error });
    }
  };

  /** The field and the button, under the prompt's heading and its `#sign-in-how` words. */
  render(text: SignInStrings): TemplateResult {
    const step = this.step;
    const sending = step.step === 'sending';
    const invalid = step.step === 'failed' && step.problem === 'invalid';
    return html`
      <form novalidate @submit=${this.onSubmit}>
        <label for="sign-in-email">${text.signInEmail}</label>
        <input
          id="sign-in-email"
          name="email"
          type="email"
          autocomplete="email"
          spellcheck="false"
          required
          aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'sign-in-how sign-in-alert' : 'sign-in-how'}
          .value=${this.address}
          @input=${this.onInput}
        />
        <div class="actions">
          <button type="submit" class="primary" aria-disabled=${sending ? 'true' : 'false'}>
            ${sending ? text.sendingSignInLink : text.sendSignInLink}
          </button>
        </div>
      </form>
    `;
  }
}
