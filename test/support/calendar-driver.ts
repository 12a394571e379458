/**
 * Driving `<appointment-calendar>` in tests: mounting it on the fixed test clock, waiting until
 * FullCalendar has drawn, and finding what a person sees. FullCalendar's class names are hashed,
 * so cells are found by role and data-date / data-time, and appointments by the element's own
 * labels (`data-appointment-id` on the content it renders).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { AppointmentCalendarElement } from '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { CalendarStrings } from '../../src/elements/appointment-calendar/appointment-calendar.strings.js';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import { buttonIn, rootOf, text, zone } from './element-driver.js';
import { NOW } from './fixtures.js';
import { nextFrame } from './grid-helpers.js';

export interface CalendarMountOptions {
  /** `null` leaves the attribute off: the calendar starts at the week of `now()`. Monday 7 December 2026 by default. */
  initialDate?: string | null;
  strings?: Partial<CalendarStrings>;
  lang?: string;
  /** Also mounts an <appointment-status> with this adapter. */
  statusAdapter?: BookingAdapter;
}

export async function mountCalendar(adapter: BookingAdapter | undefined, options: CalendarMountOptions = {}): Promise<AppointmentCalendarElement> {
  const initialDate = options.initialDate === undefined ? '2026-12-07' : options.initialDate;
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${options.lang ?? nothing}>
    <appointment-calendar
      time-zone=${zone}
      initial-date=${initialDate ?? nothing}
      .now=${() => NOW}
      .adapter=${adapter}
      .strings=${options.strings ?? {}}
    ></appointment-calendar>
    ${options.statusAdapter
      ? html`<appointment-status time-zone=${zone} .now=${() => NOW} .adapter=${options.statusAdapter}></appointment-status>`
      : nothing}
  </div>`);
  return wrapper.querySelector('appointment-calendar')!;
}

type El = AppointmentCalendarElement;

export const calendarPart = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="calendar"]')!;
/** FullCalendar's time or day grid. */
export const grid = (el: El) => calendarPart(el).querySelector('[role="grid"]');
/** FullCalendar's list view. */
export const fcList = (el: El) => calendarPart(el).querySelector('[role="list"]');
const loaded = (el: El) => calendarPart(el).getAttribute('aria-busy') === 'false';

/** The label the element drew for an appointment on the calendar. */
export const calendarEvent = (el: El, id: string) => calendarPart(el).querySelector<HTMLElement>(`[data-appointment-id="${CSS.escape(id)}"]`);
/** FullCalendar's element around our label: a focusable button on the grids, a list item in the list view. */
export const calendarEventButton = (el: El, id: string) =>
  calendarEvent(el, id)?.closest<HTMLElement>('[role="button"], [role="listitem"]') ?? null;

/** The appointments listed under the calendar, as buttons. */
export const agendaIds = (el: El) => [...rootOf(el).querySelectorAll<HTMLElement>('[part~="appointment"]')].map((button) => button.dataset.id);
export const agendaButton = (el: El, id: string) => rootOf(el).querySelector<HTMLButtonElement>(`[part~="appointment"][data-id="${CSS.escape(id)}"]`);
export const emptyText = (el: El) => text(rootOf(el).querySelector('.agenda .empty'));
export const rangeText = (el: El) => text(rootOf(el).querySelector('#range-heading'));
export const calendarNotice = (el: El) => rootOf(el).querySelector<HTMLElement>('.body > [part~="notice"][role="status"]')!;
export const calendarAlert = (el: El) => rootOf(el).querySelector<HTMLElement>('.body > [part~="error"][role="alert"]')!;
export const detailsDialog = (el: El) => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="details"]')!;
export const toolbarButton = (el: El, name: string) => buttonIn(rootOf(el).querySelector('[part~="toolbar"]'), name)!;

/** The calendar is drawn and on screen, and `what` is there (the grid by default). */
export async function drawn(el: El, what: () => unknown = () => grid(el)): Promise<void> {
  await waitUntil(() => loaded(el) && what(), 'the calendar drawn', { timeout: 8000 });
  await nextFrame();
}

/** The calendar is drawn with the appointments (or the word that there are none). */
export const calendarReady = (el: El) =>
  loaded(el) && (grid(el) || fcList(el)) && (calendarEvent(el, 'seed-1') || rootOf(el).querySelector('.agenda .empty'));

/** Mounts, and waits until the calendar is drawn with the appointments. */
export async function mountDrawn(adapter: BookingAdapter, options: CalendarMountOptions = {}): Promise<El> {
  const el = await mountCalendar(adapter, options);
  await drawn(el, () => calendarReady(el));
  return el;
}
