/**
 * What every element of the library shares: finding its BookingAdapter (a directly set
 * `adapter`, else one provided through context, else a RestAdapter made from `api-base`), the
 * locale its dates are written in, and whether the browser is online.
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { type BookingAdapter, bookingAdapterContext } from '../../adapters/booking-adapter.js';
import { RestAdapter } from '../../adapters/rest/rest-adapter.js';

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

export class BookingElement extends LitElement {
  /** The backend to book with. Takes precedence over a provided adapter and `api-base`. */
  @property({ attribute: false }) adapter?: BookingAdapter;

  /**
   * The base URL of a backend speaking the REST contract (docs/rest-api.md), for pages that
   * have no script of their own: the element makes its own RestAdapter, sending cookies.
   */
  @property({ attribute: 'api-base', reflect: true }) apiBase?: string;

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

  private restAdapter?: { base: string; adapter: RestAdapter };

  override connectedCallback(): void {
    super.connectedCallback();
    this.online = typeof navigator === 'undefined' || navigator.onLine !== false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
  }

  /** The connection is back: load again whatever failed meanwhile. Each element knows what that is. */
  protected backOnline(): void {}

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
      this.restAdapter = { base: this.apiBase, adapter: new RestAdapter({ baseUrl: this.apiBase, credentials: 'include' }) };
    }
    return this.restAdapter.adapter;
  }

  /**
   * The language of the nearest `lang` attribute (crossing shadow roots), else the browser's. A
   * `lang` that is no language tag (`Intl` would throw on it) is passed over, as a browser does.
   */
  protected get locale(): string {
    let node: Node | null = this as Node;
    while (node) {
      const lang = node instanceof Element ? node.getAttribute('lang') : null;
      if (lang && isLanguageTag(lang)) return lang;
      node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
    }
    return navigator.language || 'en-US';
  }
}
