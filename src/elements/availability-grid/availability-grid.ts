/**
 * FullCalendar's time grid, shown inside a shadow root: the heavy part of the form, loaded with
 * `import()` only when Availability is first shown. The form owns every decision (which range,
 * which times are open, what a click means); this wrapper only draws and reports pointer input.
 */
import { Calendar, type EventInput } from 'fullcalendar';
import interactionPlugin from 'fullcalendar/interaction';
import classicTheme from 'fullcalendar/themes/classic';
import timeGridPlugin from 'fullcalendar/timegrid';
import { hoursHeight } from './grid-size.js';
import type { Interval } from '../../scheduling/intervals.js';
import { nameBackgroundEvent, settleEmptyRowHeaders, unhideHeaderText } from '../shared/fullcalendar-a11y.js';
import { hideWhileSettling, showWhenStill } from '../shared/fullcalendar-settle.js';
import { fullCalendarTheme } from '../shared/fullcalendar-theme.styles.js';
import { fullCalendarCss } from './fullcalendar-css.js';

let styleSheet: CSSStyleSheet | undefined;

/** FullCalendar's styles, parsed once and shared by every shadow root that shows a grid. */
export function calendarStyleSheet(): CSSStyleSheet {
  if (!styleSheet) {
    styleSheet = new CSSStyleSheet();
    styleSheet.replaceSync(fullCalendarCss);
  }
  return styleSheet;
}

/**
 * Gives `root` FullCalendar's styles and our colours for them (needed only once it draws, so they
 * come with it), before the element's own sheets, which add to the theme.
 */
export function adoptCalendarStyles(root: ShadowRoot): void {
  const sheets = [calendarStyleSheet(), fullCalendarTheme.styleSheet!];
  const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...missing, ...root.adoptedStyleSheets];
}

export interface GridOptions {
  /** Zone the grid is drawn in. */
  timeZone: string;
  locale: string;
  /** First day of the week, 0 for Sunday. */
  firstDay: number;
  view: 'week' | 'day';
  /** Any instant inside the range to show. */
  date: number;
  /** Rows of this many minutes. */
  slotMinutes: number;
  /** Whether a selection starting at `start` may be made (dragging over greyed-out time is not). */
  allows(start: number): boolean;
  /** A click, a double click, a tap or a drag chose `start`; a click or tap comes here even where `allows` says no. */
  onChoose(start: number): void;
  /** Label of the chosen time's block. */
  selectionLabel: string;
}

const iso = (instant: number) => new Date(instant).toISOString();

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

export class AvailabilityGrid {
  private readonly calendar: Calendar;
  private options: GridOptions;
  /** The hours drawn (minutes of the day), in rows of this many minutes. */
  private hours: { first: number; last: number; slotMinutes: number };

  /** `hours` (minutes of the day) are the first shown: given here, the grid is drawn once at its size. */
  constructor(container: HTMLElement, options: GridOptions, hours = { first: 7 * 60, last: 21 * 60 }) {
    this.options = options;
    this.hours = { ...hours, slotMinutes: options.slotMinutes };
    this.calendar = new Calendar(container, {
      plugins: [timeGridPlugin, interactionPlugin, classicTheme],
      initialView: options.view === 'day' ? 'timeGridDay' : 'timeGridWeek',
      initialDate: iso(options.date),
      timeZone: options.timeZone,
      locale: options.locale,
      firstDay: options.firstDay,
      headerToolbar: false,
      allDaySlot: false,
      nowIndicator: true,
      // A content height worked out from the hours shown (see setHours), not 'auto': sizing to
      // content makes FullCalendar's resize observers chase each other when the window resizes.
      contentHeight: hoursHeight(hours.first, hours.last, options.slotMinutes),
      expandRows: true,
      slotMinTime: clock(hours.first),
      slotMaxTime: clock(hours.last),
      slotDuration: { minutes: options.slotMinutes },
      snapDuration: { minutes: options.slotMinutes },
      selectable: true,
      selectMirror: false,
      unselectAuto: false,
      // A tap selects at once: nobody should have to discover a long press.
      selectLongPressDelay: 0,
      dayHeaderDidMount: unhideHeaderText,
      // The old time of an appointment being moved reads as what it is, not as a bare block.
      backgroundEventContent: (info) => nameBackgroundEvent(info.event),
      selectAllow: (span) => this.options.allows(span.start.getTime()),
      select: (info) => {
        this.calendar.unselect();
        this.options.onChoose(info.start.getTime());
      },
      // On touch screens FullCalendar selects only after a long press; a tap arrives here. A mouse
      // click arrives both here and in `select`, and the form takes the same start only once. A
      // time it does not allow goes to the form too, which says why (a tap should never do nothing).
      dateClick: (info) => this.options.onChoose(info.date.getTime()),
    });
    // Drawn hidden until show(): see fullcalendar-settle.ts.
    hideWhileSettling(container);
    this.calendar.render();
    this.container = container;
    this.patchHeaders();
  }

  private showing?: Promise<void>;
  private onScreen = false;

  /** Whether the grid is on screen (show() has found it still). */
  get isShown(): boolean {
    return this.onScreen;
  }

  /**
   * Shows the grid once its layout holds still from one frame to the next, so nothing in it moves
   * after it appears (no layout shift). Later calls return the same promise.
   */
  show(): Promise<void> {
    this.showing ??= showWhenStill(this.container!).then(() => {
      this.onScreen = true;
    });
    return this.showing;
  }

  private container?: HTMLElement;

  private patchHeaders(): void {
    settleEmptyRowHeaders(this.container);
  }

  /**
   * Shows `unavailable` greyed out, `selection` (if any) as the chosen block and `current` (if
   * any) as the old time of the appointment being moved. Each is required: a default would keep
   * the old block when the form clears its choice (passes `undefined`).
   */
  update(
    options: Partial<GridOptions>,
    unavailable: Interval[],
    selection: Interval | undefined,
    current: { interval: Interval; title: string; label: string } | undefined,
  ): void {
    const previous = this.options;
    this.options = { ...previous, ...options };
    const next = this.options;
    if (next.timeZone !== previous.timeZone) this.calendar.setOption('timeZone', next.timeZone);
    if (next.locale !== previous.locale) this.calendar.setOption('locale', next.locale);
    if (next.view !== previous.view) this.calendar.changeView(next.view === 'day' ? 'timeGridDay' : 'timeGridWeek');
    if (next.date !== previous.date || next.view !== previous.view) this.calendar.gotoDate(iso(next.date));
    const events: EventInput[] = unavailable.map((interval) => ({
      start: iso(interval.start),
      end: iso(interval.end),
      display: 'background',
      className: 'unavailable',
    }));
    if (current) {
      // In the background, drawn over the grey: a click there chooses the time beneath, as anywhere.
      events.push({
        id: 'current-time',
        title: current.title,
        start: iso(current.interval.start),
        end: iso(current.interval.end),
        display: 'background',
        className: 'current-time',
        extendedProps: { label: current.label },
      });
    }
    if (selection) {
      events.push({
        id: 'selection',
        title: next.selectionLabel,
        start: iso(selection.start),
        end: iso(selection.end),
        className: 'selection',
      });
    }
    this.calendar.removeAllEvents();
    this.calendar.addEventSource(events);
    this.patchHeaders();
  }

  /** The visible hours: widened to show every open time, but no more than the day. */
  setHours(firstMinute: number, lastMinute: number): void {
    const first = Math.max(0, firstMinute);
    const last = Math.min(24 * 60, lastMinute);
    const slotMinutes = this.options.slotMinutes;
    // The same rows again: FullCalendar would lay the grid out anew for nothing.
    if (first === this.hours.first && last === this.hours.last && slotMinutes === this.hours.slotMinutes) return;
    this.hours = { first, last, slotMinutes };
    this.calendar.setOption('slotMinTime', clock(first));
    this.calendar.setOption('slotMaxTime', clock(last));
    this.calendar.setOption('contentHeight', hoursHeight(first, last, this.options.slotMinutes));
    this.patchHeaders();
  }

  destroy(): void {
    this.calendar.destroy();
  }
}
