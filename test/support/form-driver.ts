/**
 * The test driver of `<self-schedule-form>`: mounting it, and finding its parts the way a client
 * would (by label, heading and visible text). Every test of the form, and of the tabs that open
 * it, drives it through these.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { FormStrings } from '../../src/elements/self-schedule-form/self-schedule-form.strings.js';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import type { Appointment } from '../../src/model/schemas.js';
import { buttonIn, rootOf, text, zone } from './element-driver.js';
import { NOW } from './fixtures.js';

export interface FormOptions {
  adapter?: BookingAdapter;
  provider?: string;
  location?: string;
  service?: string;
  start?: string;
  /** The page's `time-zone`; New York unless told, none for `null` (the form then picks by location). */
  timeZone?: string | null;
  changing?: Appointment;
  strings?: Partial<FormStrings>;
  appointmentsHref?: string;
}

/** The form for Alex on the test clock, in New York time unless told otherwise. */
export async function mountForm(options: FormOptions = {}): Promise<SelfScheduleForm> {
  return fixture<SelfScheduleForm>(html`<self-schedule-form
    .now=${() => NOW}
    time-zone=${options.timeZone === null ? nothing : (options.timeZone ?? zone)}
    provider=${options.provider ?? nothing}
    location=${options.location ?? nothing}
    service=${options.service ?? nothing}
    start=${options.start ?? nothing}
    appointments-href=${options.appointmentsHref ?? nothing}
    .strings=${options.strings ?? {}}
    .changing=${options.changing}
    .adapter=${options.adapter}
  ></self-schedule-form>`);
}

/** The select labelled `label`, if shown. */
export function field(el: HTMLElement, label: string): HTMLSelectElement | null {
  const labelElement = [...rootOf(el).querySelectorAll('label')].find((candidate) => text(candidate) === label);
  return labelElement ? (rootOf(el).getElementById(labelElement.htmlFor) as HTMLSelectElement | null) : null;
}

/** Waits until the select labelled `label` is shown and enabled. */
export async function readyField(el: HTMLElement, label: string, timeout = 10_000): Promise<HTMLSelectElement> {
  await waitUntil(() => field(el, label) && !field(el, label)!.disabled, `${label} ready`, { timeout });
  return field(el, label)!;
}

/** The option values of a select, without its "Choose…" placeholder. */
export function optionValues(select: HTMLSelectElement | null): string[] {
  return [...(select?.options ?? [])].map((option) => option.value).filter(Boolean);
}

/** The option texts of a select, without its "Choose…" placeholder. */
export function optionNames(select: HTMLSelectElement): string[] {
  return [...select.options].filter((option) => option.value).map((option) => text(option));
}

/**
 * Chooses, in the select labelled `label`, the option whose value is `wanted` or whose text
 * holds it ('' for the placeholder), as a change by the client.
 */
export async function pick(el: SelfScheduleForm, label: string, wanted: string): Promise<void> {
  const select = await readyField(el, label);
  const option = [...select.options].find((candidate) =>
    wanted ? candidate.value === wanted || (candidate.value && text(candidate).includes(wanted)) : !candidate.value,
  );
  if (!option) throw new Error(`No option "${wanted}" in ${label}: ${optionNames(select).join(', ')}`);
  select.value = option.value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** A button of the form by its visible text. */
export const button = (el: HTMLElement, name: string) => buttonIn(rootOf(el), name);

/** The first heading of the step shown (Availability's, beside the choices on a wide screen). */
export const stepHeading = (el: HTMLElement) => text(rootOf(el).querySelector('h3'));

export const alertText = (el: HTMLElement) => text(rootOf(el).querySelector('[part~="error"][role="alert"]'));
export const noticeText = (el: HTMLElement) => [...rootOf(el).querySelectorAll('[part~="notice"]')].map(text).join(' ').trim();

/** Waits for the step headed `heading`, saying what is shown instead when it does not come. */
export async function onStep(el: HTMLElement, heading: string, timeout = 10_000): Promise<void> {
  try {
    await waitUntil(() => stepHeading(el) === heading, '', { timeout, interval: 10 });
  } catch {
    const alert = alertText(el);
    throw new Error(`Waited for the step "${heading}"; it is "${stepHeading(el)}"${alert ? `, with the alert "${alert}"` : ''}.`);
  }
}

export const slots = (el: HTMLElement) => [...rootOf(el).querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
export const slotLabels = (el: HTMLElement) => slots(el).map((slot) => (slot.getAttribute('aria-label') ?? '').replace(/\s+/g, ' '));

/** The start-time button for a New York wall-clock time in December 2026 ('9:00 AM'). */
export function slotAt(el: HTMLElement, day: number, time: string): HTMLButtonElement | undefined {
  return slots(el).find((slot) => (slot.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').includes(`December ${day}, 2026 at ${time}`));
}

export async function slotsShown(el: HTMLElement, timeout = 10_000): Promise<void> {
  await waitUntil(() => slots(el).length > 0, 'start times listed', { timeout, interval: 10 });
}

/** The "Selected time:" line of Availability. */
export const selectedTime = (el: HTMLElement) => text([...rootOf(el).querySelectorAll('p')].find((p) => text(p).startsWith('Selected time:')));

/** The line under Change Appointment's heading saying which appointment is moving. */
export const movingLine = (el: HTMLElement) => text(rootOf(el).querySelector('[part~="moving"]'));

/** The old time of the appointment being moved, where the grid shows it. */
export const currentTimeBlock = (el: HTMLElement) => rootOf(el).querySelector<HTMLElement>('[part~="calendar"] .current-time');

/** The Time zone select's value: the zone the form shows times in. */
export const shownZone = (el: HTMLElement) => rootOf(el).querySelector<HTMLSelectElement>('#zone-select')?.value;

/** The Try again buttons shown anywhere in the form. */
export const retryButtons = (el: HTMLElement) => [...rootOf(el).querySelectorAll('button')].filter((b) => text(b) === 'Try again');
