/**
 * FullCalendar's week, month, day and list views of the client's appointments, drawn inside the
 * Calendar tab's shadow root: the heavy part, loaded with `import()` when the calendar is first
 * shown. The element owns every decision (which range, which words, what a click means); this
 * wrapper only draws and reports pointer and keyboard input.
 *
 * Event content is built as DOM nodes with `textContent` (never HTML strings from data), and
 * carries `data-appointment-id` so the element (and its tests) find an appointment by its own
 * label rather than by FullCalendar's hashed class names.
 */
import { Calendar, type EventInput } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import interactionPlugin from 'fullcalendar/interaction';
import listPlugin from 'fullcalendar/list';
import { nameDayCellByContent, settleEmptyRowHeaders, unhideHeaderText } from '../shared/fullcalendar-a11y.js';
import { hideWhileSettling, showWhenStill } from '../shared/fullcalendar-settle.js';
import classicTheme from 'fullcalendar/themes/classic';
import timeGridPlugin from 'fullcalendar/timegrid';

// One parsed sheet for every shadow root showing FullCalendar (the form's grid and this view);
// that module's own imports are FullCalendar's, which this chunk needs anyway.
export { adoptCalendarStyles } from '../availability-grid/availability-grid.js';

export type CalendarViewName = 'timeGridWeek' | 'dayGridMonth' | 'timeGridDay' | 'listWeek' | 'listMonth' | 'listDay';

/** One appointment as the calendar draws it. */
export interface CalendarEntry {
  id: string;
  /** ISO instants. */
  start: string;
  end: string;
  /** What it is and with whom ("Individual Therapy with Dr. Maya Chen"). */
  title: string;
  /** Read between the title and the status word (" — "). */
  separator: string;
  /** Its status in words ("Confirmed"). */
  statusText: string;
  /** Its status as a class name (`status-confirmed`…), for styling: never the only sign of it. */
  status: string;
  /** When, in the reader's words: "10:00 – 10:50 AM" in the list, "10:00 AM" on the grids. */
  time: string;
  startTime: string;
}

export interface CalendarViewOptions {
  /** Zone the calendar is drawn in. */
  timeZone: string;
  locale: string;
  /** First day of the week, 0 for Sunday. */
  firstDay: number;
  view: CalendarViewName;
  /** A day inside the range to show (YYYY-MM-DD in `timeZone`). */
  date: string;
  /** The clock: today's column and the now line follow it. */
  now: () => number;
  /** Whether empty time may be clicked to ask for an appointment. */
  pickable: boolean;
  /** Hours shown by the time grids, in minutes after local midnight. */
  firstMinute: number;
  lastMinute: number;
  /** Pixels: worked out by the element, never 'auto' (see the element's comment on sizing). */
  contentHeight: number;
  /** What an empty list view says. */
  noEventsText: string;
  /** Empty time at `start` was clicked, tapped or selected in a time grid. */
  onPickTime(start: number): void;
  /** A day (YYYY-MM-DD) was clicked in the month view. */
  onPickDay(date: string): void;
  /** An appointment was clicked, or activated with Enter or Space. */
  onOpen(id: string, element: HTMLElement): void;
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

export class AppointmentCalendarView {
  private readonly calendar: Calendar;
  private options: CalendarViewOptions;
  private entries: CalendarEntry[] = [];
  private byId = new Map<string, CalendarEntry>();

  constructor(container: HTMLElement, options: CalendarViewOptions, entries: CalendarEntry[]) {
    this.options = options;
    this.calendar = new Calendar(container, {
      plugins: [timeGridPlugin, dayGridPlugin, listPlugin, interactionPlugin, classicTheme],
      initialView: options.view,
      initialDate: options.date,
      timeZone: options.timeZone,
      locale: options.locale,
      firstDay: options.firstDay,
      now: () => new Date(this.options.now()).toISOString(),
      // The element draws its own toolbar, present (and translated) before this chunk arrives.
      headerToolbar: false,
      dayHeaderDidMount: unhideHeaderText,
      dayCellDidMount: nameDayCellByContent,
      allDaySlot: false,
      nowIndicator: true,
      contentHeight: options.contentHeight,
      expandRows: true,
      slotMinTime: clock(options.firstMinute),
      slotMaxTime: clock(options.lastMinute),
      slotDuration: { minutes: 30 },
      dayMaxEvents: true,
      // FullCalendar 7.1 gives list-view events role=button inside role=list (no listitem); as
      // plain list items they are valid, still open on a click or tap, and the element's own list
      // of buttons under the calendar is the keyboard's way in.
      views: {
        listWeek: { eventInteractive: false },
        listMonth: { eventInteractive: false },
        listDay: { eventInteractive: false },
      },
      noEventsText: options.noEventsText,
      selectable: this.selectable(options),
      selectMirror: false,
      // A tap selects at once: nobody should have to discover a long press.
      selectLongPressDelay: 0,
      // Appointments are moved through Change appointment, which checks the therapist's hours.
      editable: false,
      eventClass: (info) =>
        [
          'appointment',
          `status-${String(info.event.extendedProps.status)}`,
          // Room for more than one line: the list, and blocks of the time grids that are not short.
          info.view.type.startsWith('list') || (info.view.type.startsWith('timeGrid') && !info.isShort) ? 'roomy' : '',
        ].join(' '),
      // The grids show where an appointment ends; the list has room to say it.
      eventContent: (info) => ({ domNodes: [this.content(info.event.id, !info.view.type.startsWith('list'))] }),
      eventClick: (info) => {
        info.jsEvent.preventDefault();
        this.options.onOpen(info.event.id, info.el);
      },
      // A mouse click on empty time arrives both here and in `select`; the element opens the form
      // once. On touch screens a tap arrives only here.
      dateClick: (info) => {
        if (!this.options.pickable || this.isList) return;
        if (info.allDay) this.options.onPickDay(info.dateStr.slice(0, 10));
        else this.options.onPickTime(info.date.getTime());
      },
      select: (info) => {
        this.calendar.unselect();
        if (!this.options.pickable) return;
        if (info.allDay) this.options.onPickDay(info.startStr.slice(0, 10));
        else this.options.onPickTime(info.start.getTime());
      },
    });
    this.setEntries(entries);
    this.calendar.addEventSource(this.toEvents(entries));
    // Drawn hidden until its layout holds still: see fullcalendar-settle.ts.
    hideWhileSettling(container);
    this.calendar.render();
    this.container = container;
    settleEmptyRowHeaders(container);
    this.shown = showWhenStill(container).then(() => {
      this.onScreen = true;
    });
  }

  private readonly container: HTMLElement;
  private onScreen = false;

  /** Resolves once the calendar is on screen. */
  readonly shown: Promise<void>;

  /** Whether the calendar is on screen yet. */
  get isShown(): boolean {
    return this.onScreen;
  }

  /** Brings the calendar in step with `options` and `entries`, changing only what changed. */
  update(options: CalendarViewOptions, entries: CalendarEntry[]): void {
    const previous = this.options;
    this.options = options;
    const calendar = this.calendar;
    if (options.timeZone !== previous.timeZone) calendar.setOption('timeZone', options.timeZone);
    if (options.locale !== previous.locale) calendar.setOption('locale', options.locale);
    if (options.firstDay !== previous.firstDay) calendar.setOption('firstDay', options.firstDay);
    if (options.noEventsText !== previous.noEventsText) calendar.setOption('noEventsText', options.noEventsText);
    if (this.selectable(options) !== this.selectable(previous)) calendar.setOption('selectable', this.selectable(options));
    if (options.firstMinute !== previous.firstMinute) calendar.setOption('slotMinTime', clock(options.firstMinute));
    if (options.lastMinute !== previous.lastMinute) calendar.setOption('slotMaxTime', clock(options.lastMinute));
    if (options.contentHeight !== previous.contentHeight) calendar.setOption('contentHeight', options.contentHeight);
    if (options.view !== previous.view) calendar.changeView(options.view, options.date);
    else if (options.date !== previous.date) calendar.gotoDate(options.date);
    if (JSON.stringify(entries) !== JSON.stringify(this.entries)) {
      this.setEntries(entries);
      calendar.removeAllEvents();
      calendar.addEventSource(this.toEvents(entries));
    }
    settleEmptyRowHeaders(this.container);
  }

  destroy(): void {
    this.calendar.destroy();
  }

  private setEntries(entries: CalendarEntry[]): void {
    this.entries = entries;
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
  }

  private get isList(): boolean {
    return this.options.view.startsWith('list');
  }

  private selectable(options: CalendarViewOptions): boolean {
    return options.pickable && !options.view.startsWith('list');
  }

  private toEvents(entries: CalendarEntry[]): EventInput[] {
    return entries.map((entry) => ({
      id: entry.id,
      title: `${entry.title}${entry.separator}${entry.statusText}`,
      start: entry.start,
      end: entry.end,
      extendedProps: { status: entry.status },
    }));
  }

  /**
   * The event's text, all as text nodes: its time, what it is and with whom, and its status in
   * words, read in that order ("10:00 – 10:50 AM Individual Therapy with Dr. Maya Chen —
   * Confirmed"). The stylesheet shows the status first, so a short block still shows it.
   */
  private content(id: string, short: boolean): HTMLElement {
    const entry = this.byId.get(id);
    const part = (className: string, text: string) => {
      const span = document.createElement('span');
      span.className = className;
      span.textContent = text;
      return span;
    };
    const label = part('appointment-label', '');
    label.dataset.appointmentId = id;
    if (!entry) return label;
    const status = part('appointment-status', entry.statusText);
    status.prepend(part('visually-hidden', entry.separator));
    label.append(part('appointment-time', short ? entry.startTime : entry.time), ' ', part('appointment-title', entry.title), status);
    return label;
  }
}
