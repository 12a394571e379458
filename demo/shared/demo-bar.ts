/**
 * The strip above every demo page: links between the four pages, Reset demo data, and what the
 * demo has to say about its data. It belongs to the demo, not to the practice: each page below it
 * keeps its own look.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { buildTherapistLink } from '../../src/booking/therapist-link.js';

/** Fired when the visitor asks to reset the demo data. */
export class DemoResetEvent extends Event {
  constructor() {
    super('demo-reset', { bubbles: true, composed: true });
  }
}

/** A link Dr. Chen might send, so the link page has something to show when reached from the bar. */
export const exampleTherapistLink = (): string =>
  buildTherapistLink('./book.html', { provider: 'dr-chen', location: 'riverside', service: 'individual-50' });

interface DemoPage {
  href: string;
  name: string;
}

const pages: DemoPage[] = [
  { href: './', name: 'Practice website' },
  { href: './portal.html', name: 'Client portal' },
  { href: exampleTherapistLink(), name: "A therapist's link" },
  { href: './therapist.html', name: 'Therapist' },
];

/** Whether `href` leads to the page being shown (its query aside: any book.html is the link page). */
function isCurrent(href: string): boolean {
  const path = (pathname: string) => pathname.replace(/\/index\.html$/, '/');
  return path(new URL(href, location.href).pathname) === path(location.pathname);
}

/**
 * @summary The demo's own navigation and controls.
 * @fires demo-reset - Reset demo data was clicked.
 */
@customElement('demo-bar')
export class DemoBar extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 0.9375rem/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif;
      background: #20232a;
      color: #f1f3f5;
    }
    aside {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      max-width: 72rem;
      margin: 0 auto;
      padding: 0.5rem 1rem;
    }
    .label {
      margin: 0;
      font-weight: 700;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      font-size: 0.75rem;
      color: #ffd166;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    a {
      display: inline-block;
      padding: 0.25rem 0.5rem;
      border-radius: 4px;
      color: inherit;
    }
    a[aria-current='page'] {
      background: #f1f3f5;
      color: #20232a;
      font-weight: 600;
      text-decoration: none;
    }
    button {
      margin-left: auto;
      font: inherit;
      padding: 0.25rem 0.75rem;
      border: 1px solid #f1f3f5;
      border-radius: 4px;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button:hover {
      background: #3a3f4b;
    }
    a:focus-visible,
    button:focus-visible {
      outline: 3px solid #ffd166;
      outline-offset: 2px;
    }
    .messages {
      flex-basis: 100%;
    }
    .messages p {
      margin: 0.25rem 0;
    }
    .error {
      color: #ffb4ab;
      font-weight: 600;
    }
  `;

  /** What the demo wants the visitor to know about its data. */
  @property({ attribute: false }) notices: string[] = [];

  /** Why the demo could not start, when it could not. */
  @property({ attribute: false }) error?: string;

  private onReset(): void {
    this.dispatchEvent(new DemoResetEvent());
  }

  private renderLink(page: DemoPage): TemplateResult {
    return html`<li><a href=${page.href} aria-current=${isCurrent(page.href) ? 'page' : 'false'}>${page.name}</a></li>`;
  }

  override render(): TemplateResult {
    return html`
      <aside aria-label="Demo">
        <p class="label">Demo</p>
        <nav aria-label="Demo pages">
          <ul>
            ${pages.map((page) => this.renderLink(page))}
          </ul>
        </nav>
        <button type="button" @click=${this.onReset}>Reset demo data</button>
        <div class="messages">
          <div role="status">${this.notices.map((notice) => html`<p>${notice}</p>`)}</div>
          <div role="alert">${this.error ? html`<p class="error">${this.error}</p>` : nothing}</div>
        </div>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'demo-bar': DemoBar;
  }
  interface GlobalEventHandlersEventMap {
    'demo-reset': DemoResetEvent;
  }
}
