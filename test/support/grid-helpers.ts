/**
 * Helpers for driving `<self-schedule-form>`'s Availability grid (FullCalendar 7 inside the
 * element's shadow root) with real pointer input. FullCalendar's class names are hashed, so
 * everything here finds its way by role, label and data-* attributes, plus the 'unavailable'
 * and 'selection' classNames our own wrapper gives its events.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SlotSelectEvent } from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import type { AvailabilityQuery, BookingAdapter } from '../../src/adapters/booking-adapter.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { NOW } from './fixtures.js';

export interface MountOptions {
  provider?: string;
  location?: string;
  service?: string;
  /** ISO instant to pre-fill; the grid opens at its week (and chooses it when open). */
  start?: string;
  timeZone?: string;
  /** A `lang` attribute on a wrapper, to set the element's locale. */
  lang?: string;
  /** Changes the demo practice's data before the practice is made. */
  edit?: (data: PracticeData) => void;
  /** Wraps the MemoryAdapter (for spies and slow answers). */
  wrap?: (adapter: MemoryAdapter) => BookingAdapter;
}

export interface Mounted {
  el: SelfScheduleForm;
  root: ShadowRoot;
  practice: Practice;
  adapter: BookingAdapter;
  /** Every ss-slot-select the element fired, in order. */
  selects: SlotSelectEvent[];
}

/** A practice on the fixed test clock, optionally with its data edited first. */
export function makePractice(edit?: (data: PracticeData) => void): Practice {
  const data = createDemoPractice(NOW);
  edit?.(data);
  return new Practice(data, { now: () => NOW });
}

/** Mounts the form signed in as Alex, with dr-chen / riverside / individual-50 unless told otherwise. */
export async function mountForm(options: MountOptions = {}): Promise<Mounted> {
  const practice = makePractice(options.edit);
  const memory = new MemoryAdapter({ practice, clientId: 'client-alex' });
  const adapter = options.wrap ? options.wrap(memory) : memory;
  const has = (key: keyof MountOptions) => key in options;
  const provider = has('provider') ? options.provider : 'dr-chen';
  const location = has('location') ? options.location : 'riverside';
  const service = has('service') ? options.service : 'individual-50';
  const timeZone = options.timeZone ?? 'America/New_York';
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${options.lang ?? nothing}>
    <self-schedule-form .now=${() => NOW}
      time-zone=${timeZone}
      provider=${provider ?? nothing}
      location=${location ?? nothing}
      service=${service ?? nothing}
      start=${options.start ?? nothing}
      .adapter=${adapter}
    ></self-schedule-form>
  </div>`);
  const el = wrapper.querySelector('self-schedule-form')!;
  const selects: SlotSelectEvent[] = [];
  el.addEventListener('ss-slot-select', (event) => selects.push(event));
  return { el, root: el.shadowRoot!, practice, adapter, selects };
}

/** Records every availability query the form makes through `adapter`. */
export function spyOnAvailability(adapter: MemoryAdapter): { adapter: BookingAdapter; calls: AvailabilityQuery[] } {
  const calls: AvailabilityQuery[] = [];
  const original = adapter.getAvailability.bind(adapter);
  adapter.getAvailability = (query, options) => {
    calls.push({ ...query });
    return original(query, options);
  };
  return { adapter, calls };
}

export const grid = (root: ShadowRoot) => root.querySelector<HTMLElement>('[role="grid"]');

/** `data-date` of each day column shown, in order. */
export const columnDates = (root: ShadowRoot) =>
  [...root.querySelectorAll('[role="columnheader"][data-date]')].map((header) => header.getAttribute('data-date')!);

/** The availability area has its answer (not loading) and the grid shows `dates[0]`'s range. */
export async function gridShows(root: ShadowRoot, firstDate: string, message = `grid at ${firstDate}`): Promise<void> {
  await waitUntil(
    () =>
      grid(root) &&
      columnDates(root)[0] === firstDate &&
      root.querySelector('.availability')?.getAttribute('aria-busy') === 'false' &&
      root.querySelector('.unavailable, .selection'),
    message,
    { timeout: 5000 },
  );
  // FullCalendar lays out in its own render pass: give it a frame before measuring.
  await nextFrame();
}

/**
 * Two animation frames, or 250 ms where frames do not come (a page in the background while
 * other test files run), so a wait can never hang a run.
 */
export const nextFrame = () =>
  Promise.race([
    new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    new Promise<void>((resolve) => setTimeout(resolve, 250)),
  ]);

const centre = (rect: DOMRect): [number, number] => [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)];

/** The day column's header (`date` as YYYY-MM-DD). */
export function columnHeader(root: ShadowRoot, date: string): HTMLElement {
  const header = root.querySelector<HTMLElement>(`[role="columnheader"][data-date="${date}"]`);
  if (!header) throw new Error(`no column for ${date}; columns: ${columnDates(root).join(', ')}`);
  return header;
}

/** The slot row at `time` (HH:MM), across the day columns (not the axis label). */
export function slotRow(root: ShadowRoot, time: string): HTMLElement {
  const rows = [...root.querySelectorAll<HTMLElement>(`[data-time="${time}:00"]`)];
  if (!rows.length) throw new Error(`no slot row at ${time}`);
  // The axis label and the row across the days share data-time; the row is the widest.
  return rows.reduce((a, b) => (b.getBoundingClientRect().width > a.getBoundingClientRect().width ? b : a));
}

/** Page coordinates of the middle of the slot at `time` on `date` (the page is not scrolled). */
export function slotPoint(root: ShadowRoot, date: string, time: string): [number, number] {
  const [x] = centre(columnHeader(root, date).getBoundingClientRect());
  const [, y] = centre(slotRow(root, time).getBoundingClientRect());
  return [x, y];
}

/** Whether a greyed-out block ('unavailable' background event) covers the slot's middle. */
export function isGreyedOut(root: ShadowRoot, date: string, time: string): boolean {
  const [x, y] = slotPoint(root, date, time);
  return [...root.querySelectorAll('.unavailable')].some((block) => {
    const rect = block.getBoundingClientRect();
    return rect.left <= x && x <= rect.right && rect.top <= y && y <= rect.bottom;
  });
}

/** Pixels per minute of the time axis, measured from two rows. */
export function pixelsPerMinute(root: ShadowRoot, from: string, to: string): number {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return (slotRow(root, to).getBoundingClientRect().top - slotRow(root, from).getBoundingClientRect().top) / (minutes(to) - minutes(from));
}

export async function clickAt(point: [number, number]): Promise<void> {
  await sendMouse({ type: 'move', position: point });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'up' });
}

export async function doubleClickAt(point: [number, number]): Promise<void> {
  await clickAt(point);
  await clickAt(point);
}

/** Presses at `from`, moves through `to` in a few steps, and releases there. */
export async function dragBetween(from: [number, number], to: [number, number]): Promise<void> {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  const steps = 4;
  for (let step = 1; step <= steps; step++) {
    const at: [number, number] = [
      Math.round(from[0] + ((to[0] - from[0]) * step) / steps),
      Math.round(from[1] + ((to[1] - from[1]) * step) / steps),
    ];
    await sendMouse({ type: 'move', position: at });
  }
  await sendMouse({ type: 'up' });
}

/** The start-time buttons, by their accessible label ("Start at Monday, December 7, 2026 at 9:00 AM EST"). */
export const startTimeButtons = (root: ShadowRoot) => [...root.querySelectorAll<HTMLButtonElement>('[part~="slot"]')];

export const pressedStartTimes = (root: ShadowRoot) =>
  startTimeButtons(root)
    .filter((button) => button.getAttribute('aria-pressed') === 'true')
    .map((button) => button.getAttribute('aria-label'));

/** A button of the shadow root by its visible text. */
export function buttonNamed(root: ShadowRoot, text: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

/** The 'Time zone' select's options, by value. */
export const zoneOptions = (root: ShadowRoot) =>
  [...root.querySelector<HTMLSelectElement>('#zone-select')!.options].map((option) => option.value);

/** The 'Time zone' select, changed the way a person would. */
export function chooseZone(root: ShadowRoot, zone: string): void {
  const select = root.querySelector<HTMLSelectElement>('#zone-select')!;
  if (!zoneOptions(root).includes(zone)) throw new Error(`the Time zone select offers no ${zone}`);
  select.value = zone;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A promise and the function that settles it, for answers the test releases. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
