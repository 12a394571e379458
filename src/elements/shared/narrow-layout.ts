/**
 * Whether an element is narrower than a width (a phone, or a narrow column), for a layout that
 * changes there. Measured before the first render and on window resizes in the next animation
 * frame, never with a ResizeObserver, whose notifications would race FullCalendar's own into
 * "ResizeObserver loop" errors. The width is scaled by the page's text size, so enlarged text gets
 * the layout a phone gets (WCAG 1.4.4).
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import { textScale } from './text-scale.js';

export class NarrowLayout implements ReactiveController {
  /** Narrower than the width, at the last measure. */
  narrow = false;
  private frame = 0;

  constructor(
    private readonly host: ReactiveElement,
    /** In px at the usual text size. */
    private readonly width: number,
    /** What is measured: the host, or (for a form in a dialog) the dialog while it is open. */
    private readonly measured: () => Element = () => host,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('resize', this.onResize);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.onResize);
    cancelAnimationFrame(this.frame);
  }

  hostUpdate(): void {
    // The host's width is its container's, known before anything of its own is drawn.
    if (!this.host.hasUpdated) this.measure();
  }

  /** Measures now; a change updates the host. */
  measure(): void {
    const width = this.measured().getBoundingClientRect().width;
    if (width === 0) return;
    const narrow = width < this.width * textScale();
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    this.host.requestUpdate();
  }

  private onResize = (): void => {
    cancelAnimationFrame(this.frame);
    // After this frame's layout (and FullCalendar's own resize handling) has settled.
    this.frame = requestAnimationFrame(() => this.measure());
  };
}
