/**
 * What every element of the library shares: finding its BookingAdapter (a directly set
 * `adapter`, else one provided through context, else a RestAdapter made from `api-base`, sending
 * `access-token`, whose code is downloaded only then), signing in when the practice asks (see
 * sign-in-controller.ts), the locale its dates are written in, and whether the browser is online.
 */
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type BookingAdapter, bookingAdapterContext } from '../../adapters/booking-adapter.js';
import type { BookingError } from '../../adapters/errors.js';
import { LazyAdapter } from '../../adapters/lazy-adapter.js';
import type { SignedInClient } from '../../model/sign-in-schemas.js';
import { refusedSignIn } from './loadable.js';
import { signInFromLink } from './sign-in-link.js';
import { SignInController } from './sign-in-controller.js';
import type { SignInReason } from './sign-in.events.js';

/** Answers of isLanguageTag: `locale` is read for every date an element writes, and a tag's validity never changes. */
const languageTags = new Map<string, boolean>();

function isLanguageTag(lang: string): boolean {
  let valid = languageTags.get(lang);
  if (valid === undefined) {
    try {
      valid = Intl.getCanonicalLocales(lang).length > 0;
    } catch {
      valid = false;
    }
    languageTags.set(lang, valid);
  }
  return valid;
}

/**
 * The language of the nearest `lang` attribute (crossing shadow roots), else the browser's. A
 * `lang` that is no language tag (`Intl` would throw on it) is passed over, as a browser does.
 */
export function localeOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    const lang = node instanceof Element ? node.getAttribute('lang') : null;
    if (lang && isLanguageTag(lang)) return lang;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return navigator.language || 'en-US';
}

export class BookingElement extends LitElement {
  /** The backend to book with. Takes precedence over a provided adapter and `api-base`. */
  @property({ attribute: false }) adapter?: BookingAdapter;

  /**
   * The base URL of a backend speaking the REST contract (docs/rest-api.md), for pages that
   * have no script of their own: the element makes its own RestAdapter, sending cookies (and
   * `access-token`, when set).
   */
  @property({ attribute: 'api-base', reflect: true }) apiBase?: string;

  /**
   * A portal's token for the client (a short-lived JWT), sent as `Authorization: Bearer <token>`
   * by the adapter that `api-base` makes. Read at every request, so setting a fresh one before the
   * old one expires applies at once; setting one after a 401 loads again what was refused. Not
   * reflected: a page sets it, the element never writes it back into the DOM.
   */
  @property({ attribute: 'access-token' }) accessToken?: string;

  /**
   * The clock, in epoch milliseconds: `Date.now` by default. It decides what is past and what is
   * upcoming; a demo or a test with a practice on a moved clock sets its own.
   */
  @property({ attribute: false }) now: () => number = Date.now;

  /** An adapter provided by an ancestor through `bookingAdapterContext`. */
  @consume({ context: bookingAdapterContext, subscribe: true })
  @state()
  protected providedAdapter?: BookingAdapter;

  /**
   * False between the browser's `offline` and `online` events: the element says so, keeps every
   * choice, and carries on through `backOnline()` when the connection returns.
   */
  @state() protected online = true;

  /** Whether the practice asked who the client is: the event, the prompt and the e-mail link. */
  protected readonly signIn = new SignInController(this, () => this.afterSignIn());

  private restAdapter?: { base: string; adapter: BookingAdapter };
  /** The exchange of the page's sign-in link, which this element's calls wait for. */
  private linkExchange?: Promise<SignedInClient>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.takeSignInLink();
    this.online = typeof navigator === 'undefined' || navigator.onLine !== false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('apiBase') && this.hasUpdated) this.takeSignInLink();
    // A token set after a refusal: what was refused is asked again, with it.
    if (changed.has('accessToken') && this.hasUpdated && this.signIn.satisfied()) this.afterSignIn();
  }

  /** The connection is back: load again whatever failed meanwhile. Each element knows what that is. */
  protected backOnline(): void {}

  /** Signed in since a refusal (a new token, or a session found): load again what was refused. */
  protected afterSignIn(): void {
    this.backOnline();
  }

  /**
   * Whether `error` is the practice asking who the client is (`unauthorized`): then the event is
   * fired and the prompt shown (once per failure), and the caller offers no Try again.
   */
  protected needsSignIn(error: unknown, reason: SignInReason = 'session'): boolean {
    if (!refusedSignIn(error)) return false;
    this.signIn.require(error as BookingError, reason);
    return true;
  }

  /** With `api-base`, exchanges the page's sign-in link (`#ss-sign-in=…`), or joins the exchange on its way. */
  private takeSignInLink(): void {
    if (!this.apiBase) return;
    const exchange = signInFromLink(this.apiBase);
    if (!exchange || exchange === this.linkExchange) return;
    this.linkExchange = exchange;
    exchange.catch((error: unknown) => {
      if (this.linkExchange === exchange && refusedSignIn(error)) {
        this.needsSignIn(error, 'link');
      }
    });
  }

  /** The headers of every call of the `api-base` adapter: after the link's exchange, the portal's token. */
  private async restHeaders(): Promise<Record<string, string>> {
    // The link's session cookie must be set before the first call goes, or it would be refused.
    await this.linkExchange?.catch(() => undefined);
    return this.accessToken ? { Authorization: `Bearer ${this.accessToken}` } : {};
  }

  private onOnline = (): void => {
    if (this.online) return;
    this.online = true;
    this.backOnline();
  };

  private onOffline = (): void => {
    this.online = false;
  };

  /** The adapter in use, or undefined when the page has given none. */
  protected get activeAdapter(): BookingAdapter | undefined {
    if (this.adapter) return this.adapter;
    if (this.providedAdapter) return this.providedAdapter;
    if (!this.apiBase) return undefined;
    if (this.restAdapter?.base !== this.apiBase) {
      const baseUrl = this.apiBase;
      // Imported on the first call: a page that gives its own adapter never downloads RestAdapter.
      const adapter = new LazyAdapter(async () => {
        const { RestAdapter } = await import('../../adapters/rest/rest-adapter.js');
        return new RestAdapter({ baseUrl, credentials: 'include', headers: () => this.restHeaders() });
      });
      this.restAdapter = { base: baseUrl, adapter };
    }
    return this.restAdapter.adapter;
  }

  /** The language dates are written in: see localeOf. */
  protected get locale(): string {
    return localeOf(this);
  }
}
