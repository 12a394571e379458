/**
 * What an element does when the practice answers 401: fire `ss-auth-required` once for the
 * failure, and unless the host prevents it, show a prompt in place of what could not be loaded.
 * With `api-base` and no `access-token` the prompt signs the client in by e-mail link (the link
 * is opened later, in this tab or another); otherwise it says to sign in again, which is the
 * portal's to do (it answers the event with a fresh token).
 *
 * A ReactiveController every element holds (through BookingElement), so the three share one
 * behaviour and each renders the prompt where its content goes, and its words in its own live
 * regions: `renderAlert()` in the alert region, `renderNotice()` in the status region. The e-mail
 * form and the `/auth` calls (sign-in-prompt.ts) are imported the first time they are needed, so
 * a page whose client is signed in never downloads them.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { BookingError } from '../../adapters/errors.js';
import { AuthRequiredEvent, type SignInReason } from './sign-in.events.js';
import type { SignInStrings } from './sign-in-prompt.strings.js';
// Types only: the e-mail form arrives with `import()` when sign-in is first needed.
import type { EmailSignIn } from './sign-in-prompt.js';

export type SignInState =
  /** Nothing was refused (or the client has signed in since). */
  | { kind: 'not-asked' }
  /** A 401 arrived: the event was fired; `prompt` unless the host prevented it. */
  | { kind: 'required'; reason: SignInReason; prompt: boolean };

export interface SignInHost extends ReactiveControllerHost, HTMLElement {
  readonly apiBase?: string;
  readonly accessToken?: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

const notAsked = { kind: 'not-asked' } as const;

/** Whether focus is in `host` (through shadow roots), or on nothing at all. */
export function focusIsWithinOrNowhere(host: HTMLElement): boolean {
  let active: Element | null = document.activeElement;
  if (!active || active === document.body) return true;
  while (active) {
    if (active === host) return true;
    active = active.shadowRoot?.activeElement ?? null;
  }
  return false;
}

export class SignInController implements ReactiveController {
  state: SignInState = notAsked;
  /** The e-mail form of the present failure, once its code has arrived. */
  private email?: EmailSignIn;
  private emailLoading?: Promise<void>;
  private focusOnShow = false;

  constructor(
    private readonly host: SignInHost,
    /** Called when a session turned up while the prompt was shown: the host loads again what failed. */
    private readonly onSignedIn: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostUpdated(): void {
    if (!this.focusOnShow || !this.prompting) return;
    this.focusOnShow = false;
    // After the host's own updated(), which may close a dialog the heading would be inert behind.
    void this.host.updateComplete.then(() => {
      const heading = this.host.renderRoot.querySelector<HTMLElement>('#sign-in-heading');
      // Taken only from inside the element (its button went with the content) or from nowhere
      // (a page load), never from elsewhere in the page, such as another element's prompt.
      if (heading && focusIsWithinOrNowhere(this.host)) heading.focus();
    });
  }

  /** Sign-in is needed and the host has not taken it over: the prompt is shown. */
  get prompting(): boolean {
    return this.state.kind === 'required' && this.state.prompt;
  }

  get required(): boolean {
    return this.state.kind === 'required';
  }

  /** The prompt signs in by e-mail where the element reaches the API itself and has no portal token. */
  get offersEmail(): boolean {
    return Boolean(this.host.apiBase) && !this.host.accessToken;
  }

  /**
   * The practice refused `error`'s call, or the page's sign-in link (`reason`). The first refusal
   * fires `ss-auth-required` and shows the prompt unless a listener prevents it; later ones while
   * sign-in is still needed change nothing (a link's refusal still gets its words said).
   */
  require(error: BookingError, reason: SignInReason): void {
    if (this.state.kind === 'required') {
      if (reason === 'link' && this.state.reason !== 'link') {
        this.state = { ...this.state, reason };
        this.host.requestUpdate();
      }
      return;
    }
    this.state = { kind: 'required', reason, prompt: true };
    const event = new AuthRequiredEvent(error, reason);
    this.host.dispatchEvent(event);
    if (event.defaultPrevented) this.state = { ...this.state, prompt: false };
    else this.focusOnShow = true;
    this.host.requestUpdate();
  }

  /** Sign-in is no longer needed (a new token, a session found, an answer that came through). Returns whether it was. */
  satisfied(): boolean {
    if (this.state.kind === 'not-asked') return false;
    this.state = notAsked;
    this.email = undefined;
    this.focusOnShow = false;
    this.host.requestUpdate();
    return true;
  }

  /** Imports the e-mail form for the present failure; a failed download is tried again at the next render. */
  private loadEmailForm(): void {
    if (this.email || this.emailLoading) return;
    this.emailLoading = import('./sign-in-prompt.js')
      .then(({ EmailSignIn }) => {
        // Signed in while it downloaded: no form needed.
        if (this.state.kind !== 'required') return;
        this.email = new EmailSignIn(this.host);
        this.host.requestUpdate();
      })
      .catch(() => undefined)
      .finally(() => {
        this.emailLoading = undefined;
      });
  }

  // ---- event handlers ----------------------------------------------------------------------

  /** Back in this tab, perhaps from the e-mail's link opened in another: is there a session now? */
  private onVisibilityChange = (): void => {
    const { state, email } = this;
    if (document.visibilityState !== 'visible' || !email || !this.offersEmail) return;
    email.hasSession().then(
      (signedIn) => {
        if (signedIn && this.state === state && this.satisfied()) this.onSignedIn();
      },
      () => {
        // Not knowing, the prompt stays: the client may still use it.
      },
    );
  };

  // ---- rendering ---------------------------------------------------------------------------

  /** What goes in the element's alert region: a link that failed, or a link that could not be sent. */
  alertText(text: SignInStrings): string | undefined {
    const state = this.state;
    if (state.kind !== 'required' || !state.prompt) return undefined;
    const failed = this.email?.alertText(text);
    if (failed) return failed;
    if (state.reason === 'link' && !this.email?.sent) return text.signInLinkExpired;
    return undefined;
  }

  /** What goes in the element's status region: the link is on its way. */
  noticeText(text: SignInStrings): string | undefined {
    return this.prompting ? this.email?.noticeText(text) : undefined;
  }

  renderAlert(text: SignInStrings): TemplateResult | typeof nothing {
    const alert = this.alertText(text);
    return alert ? html`<p id="sign-in-alert">${alert}</p>` : nothing;
  }

  renderNotice(text: SignInStrings): TemplateResult | typeof nothing {
    const notice = this.noticeText(text);
    return notice ? html`<p>${notice}</p>` : nothing;
  }

  /** The prompt, where the element's content would be; nothing unless it is shown. */
  renderPrompt(text: SignInStrings): TemplateResult | typeof nothing {
    if (!this.prompting) return nothing;
    const byEmail = this.offersEmail;
    if (byEmail) this.loadEmailForm();
    return html`
      <section part="sign-in" aria-labelledby="sign-in-heading">
        <h3 id="sign-in-heading" tabindex="-1">${text.signInHeading}</h3>
        ${byEmail
          ? html`<p id="sign-in-how">${text.signInByEmail}</p>
              ${this.email?.render(text) ?? nothing}`
          : html`<p>${text.signInElsewhere}</p>`}
      </section>
    `;
  }
}
