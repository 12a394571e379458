/**
 * Keeps the form's FullCalendar grid in step with its AvailabilityWindow: loads the grid's code
 * the first time Availability is shown (room kept for it meanwhile, so nothing below jumps),
 * redraws it when what it shows changes, shows it once it holds still, and destroys it when
 * Availability goes. Without the grid (its code could not be downloaded) the list of start times
 * still books everything, and `failed` says so.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Interval } from '../../scheduling/intervals.js';
import type * as GridModule from '../availability-grid/availability-grid.js';
import type { AvailabilityGrid } from '../availability-grid/availability-grid.js';
import { hoursHeight } from '../availability-grid/grid-size.js';
import { firstDayOfWeek } from '../shared/format.js';
import type { AvailabilityWindow } from './availability-window.js';

export interface GridHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** What the grid shows besides the window's open time, read at every update. */
export interface GridView {
  /** Where the grid goes, when Availability is shown. */
  container: HTMLElement | null;
  locale: string;
  selectionLabel: string;
  selection: Interval | undefined;
  /** The old time of the appointment being moved, shown apart: its short `title` and the `label` a screen reader hears. */
  current?: { interval: Interval; title: string; label: string };
}

export class GridController implements ReactiveController {
  /** The grid's code could not be loaded; each later render tries again. */
  failed = false;
  private grid?: AvailabilityGrid;
  private module?: typeof GridModule;
  private loading?: Promise<void>;
  private signature = '';

  constructor(
    private readonly host: GridHost,
    private readonly window: AvailabilityWindow,
    private readonly view: () => GridView,
    /** A click, tap or drag on the grid chose `start`. */
    private readonly onChoose: (start: number) => void,
  ) {
    host.addController(this);
  }

  /** Whether the grid is there but not yet on screen (it is laid out hidden until it holds still). */
  get drawing(): boolean {
    return this.grid !== undefined && !this.grid.isShown;
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.destroy();
  }

  private destroy(): void {
    this.grid?.destroy();
    this.grid = undefined;
    this.signature = '';
  }

  private sync(): void {
    const view = this.view();
    if (!view.container) return this.destroy();
    if (!this.grid) {
      if (!this.module) return this.load(view.container);
      // Drawn once the times are known, at their hours: drawn before, FullCalendar would lay the
      // whole grid out a second time when they came.
      if (this.window.loading) return;
      this.grid = new this.module.AvailabilityGrid(view.container, this.options(view), this.window.visibleHours());
      view.container.style.minHeight = '';
      this.signature = '';
      // Rendered again: the grid is there now, laid out hidden until it holds still.
      this.host.requestUpdate();
    }
    const window = this.window;
    const unavailable = window.unavailable;
    const signature = JSON.stringify([window.zone, window.view, window.visibleRange, unavailable, view.selection, view.locale, view.current]);
    if (signature !== this.signature) {
      this.signature = signature;
      this.grid.update(this.options(view), unavailable, view.selection, view.current);
      const hours = window.visibleHours();
      this.grid.setHours(hours.first, hours.last);
    }
    // The grid first appears once the times are known and it is drawn at their hours: shown
    // earlier, it would be laid out again under the client's eyes.
    if (!window.loading && !this.grid.isShown) {
      const grid = this.grid;
      void grid.show().then(() => {
        if (this.grid === grid) this.host.requestUpdate();
      });
    }
  }

  /** Imports the grid's code (its room kept meanwhile, so nothing below jumps when it draws). */
  private load(container: HTMLElement): void {
    if (this.loading) return;
    const { first, last } = this.window.visibleHours();
    // Through the CSSOM: a style attribute would need 'unsafe-inline' under a strict CSP.
    container.style.minHeight = `${hoursHeight(first, last, this.window.slotMinutes)}px`;
    this.loading = import('../availability-grid/availability-grid.js')
      .then((module) => {
        module.adoptCalendarStyles(this.host.renderRoot as ShadowRoot);
        this.module = module;
        this.failed = false;
        this.sync();
        // A retry that worked (on a later render) takes back the earlier failure's notice.
        this.host.requestUpdate();
      })
      .catch(() => {
        // Said once, not once per attempt: a render for the notice would try again, and fail again.
        if (this.failed) return;
        this.failed = true;
        this.host.requestUpdate();
      })
      .finally(() => {
        this.loading = undefined;
      });
  }

  private options(view: GridView) {
    const window = this.window;
    return {
      timeZone: window.zone,
      locale: view.locale,
      firstDay: firstDayOfWeek(view.locale),
      view: window.view,
      date: window.visibleRange.start,
      slotMinutes: window.slotMinutes,
      allows: (start: number) => window.problemsWith(start).length === 0,
      onChoose: this.onChoose,
      selectionLabel: view.selectionLabel,
    };
  }
}
