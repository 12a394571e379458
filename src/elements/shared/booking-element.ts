/**
 * What every element of the library shares: finding its BookingAdapter (a directly set
 * `adapter`, else one provided through context, else the page's one RestAdapter for its
 * `api-base`, shared with every element using the same API (shared-adapters.ts), sending
 * `access-token`, its code downloaded only then), timing its calls (a long wait said, a
 * `request-timeout`, failures reported as `ss-error`: timed-adapter.ts), signing in when the
 * practice asks (see sign-in-controller.ts), the locale its dates are written in, and whether the
 * browser is online.
 */
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type BookingAdapter, bookingAdapterContext } from '../../adapters/booking-adapter.js';
import type { BookingError } from '../../adapters/errors.js';
import type { AppointmentsWatchHooks } from './appointments-watch.js';
import type { SignedInClient } from '../../model/sign-in-schemas.js';
import { BookingFailureEvent } from './failure.events.js';
import { refusedSignIn } from './loadable.js';
import { secondsAttribute } from './seconds.js';
import { type SharedAdapterMember, joinSharedAdapter, leaveSharedAdapter } from './shared-adapters.js';
import { type AdapterOperation, TimedAdapter } from './timed-adapter.js';
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

/** Counts settings of `access-token` across the page: the freshest token is the one sent. */
let accessTokenSettings = 0;

export class BookingElement extends LitElement implements SharedAdapterMember {
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
   * Seconds between checks for changes (a therapist confirming, say) where the backend cannot
   * push them; the adapter's own pace otherwise (30 s for `api-base`). Elements sharing a backend
   * share one check, at the shortest pace any of them asks for. Paused while the page is hidden.
   */
  @property({ attribute: 'refresh-interval', type: Number, reflect: true }) refreshInterval?: number;

  /**
   * The longest, in seconds, a call to the backend may take before it fails as timed out; the
   * adapter's own limit otherwise (60 s for `api-base`). A slow answer is waited for until then,
   * and the element says that the wait is long.
   */
  @property({ attribute: 'request-timeout', type: Number, reflect: true }) requestTimeout?: number;

  /** Milliseconds before a call still unanswered is said to be taking long. */
  @property({ attribute: false }) slowAfterMs = 5000;

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

  /** Some call of this element has waited longer than `slowAfterMs`: it says the wait is long. */
  @state() protected slow = false;

  /** Whether the practice asked who the client is: the event, the prompt and the e-mail link. */
  protected readonly signIn = new SignInController(this, () => this.afterSignIn());

  /** The page's shared adapter for `api-base`, while this element uses it. */
  private restAdapter?: { base: string; adapter: BookingAdapter };
  /** The adapter in use, timed for this element (see timed-adapter.ts). */
  private timed?: TimedAdapter;
  /** The exchange of the page's sign-in link, which this element's calls wait for. */
  private linkExchange?: Promise<SignedInClient>;
  /** @internal When `access-token` was last set, among every element of the page. */
  accessTokenSetAt = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.takeSignInLink();
    this.online = typeof navigator === 'undefined' || navigator.onLine !== false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.restAdapter) leaveSharedAdapter(this.restAdapter.base, this);
    this.restAdapter = undefined;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('accessToken')) this.accessTokenSetAt = ++accessTokenSettings;
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

  /** @internal The exchange of the page's sign-in link, which calls of the shared adapter wait for. */
  get signingIn(): Promise<unknown> | undefined {
    return this.linkExchange;
  }

  private onOnline = (): void => {
    if (this.online) return;
    this.online = true;
    this.backOnline();
  };

  private onOffline = (): void => {
    this.online = false;
  };

  /** The adapter in use, timed for this element, or undefined when the page has given none. */
  protected get activeAdapter(): BookingAdapter | undefined {
    const adapter = this.adapter ?? this.providedAdapter ?? this.sharedRestAdapter();
    if (!adapter) return undefined;
    if (this.timed?.inner !== adapter) {
      this.timed = new TimedAdapter(adapter, {
        slowAfterMs: () => this.slowAfterMs,
        timeoutMs: () => secondsAttribute(this.requestTimeout),
        slowChanged: (slow) => (this.slow = slow),
        failed: (error, operation) => this.reportFailure(error, operation),
      });
    }
    return this.timed;
  }

  /** What every element's AppointmentsWatch takes from the element: its adapter, sign-in, pace, voice and failures. */
  protected watchHooks(): AppointmentsWatchHooks {
    return {
      adapter: () => this.activeAdapter,
      signIn: this.signIn,
      needsSignIn: (error) => this.needsSignIn(error),
      pollIntervalMs: () => secondsAttribute(this.refreshInterval),
      // A hidden element leaves announcing to one that is shown.
      audible: () => this.checkVisibility(),
      failed: (error) => this.reportFailure(error, 'watchAppointments'),
      slowAfterMs: () => this.slowAfterMs,
    };
  }

  /** Tells the host everything about a failure (`ss-error`), while the element shows plain words. */
  protected reportFailure(error: unknown, operation: AdapterOperation | 'watchAppointments'): void {
    this.dispatchEvent(new BookingFailureEvent(error, operation));
  }

  /** The page's adapter for `api-base` (joined on first use, left when `api-base` changes or the element leaves). */
  private sharedRestAdapter(): BookingAdapter | undefined {
    if (this.restAdapter?.base !== this.apiBase) {
      if (this.restAdapter) leaveSharedAdapter(this.restAdapter.base, this);
      this.restAdapter = this.apiBase ? { base: this.apiBase, adapter: joinSharedAdapter(this.apiBase, this) } : undefined;
    }
    // Out of the page, the element is no member: its token and sign-in are no longer the page's.
    if (!this.isConnected && this.restAdapter) {
      leaveSharedAdapter(this.restAdapter.base, this);
      const { adapter } = this.restAdapter;
      this.restAdapter = undefined;
      return adapter;
    }
    return this.restAdapter?.adapter;
  }

  /** The language dates are written in: see localeOf. */
  protected get locale(): string {
    return localeOf(this);
  }
}
