/**
 * Finding things in the elements the way a person would (labels, visible text, alert regions),
 * shared by the reliability tests.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import type { Appointment } from '../../src/model/schemas.js';
import { NOW } from '../support/fixtures.js';
import type { Fault } from '../support/faults.js';

export const zone = 'America/New_York';

export const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every element of `root`, looking into the shadow roots below it. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepAll<T>(element.shadowRoot, selector));
  }
  return found;
}

const visible = (element: Element) => element.checkVisibility();

/** Buttons named `name` (their visible text) that a person could see, in `root` and its shadow roots. */
export function visibleButtons(root: ParentNode, name: string): HTMLButtonElement[] {
  return deepAll<HTMLButtonElement>(root, 'button').filter((button) => text(button) === name && visible(button));
}

export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement | undefined {
  return visibleButtons(root, name)[0];
}

/** The visible alert regions with something in them, in `root` and its shadow roots. */
export function shownAlerts(root: ParentNode): HTMLElement[] {
  return deepAll(root, '[role="alert"]').filter((alert) => visible(alert) && text(alert) !== '');
}

/** A visible alert saying something more than "Try again", holding a Try again button. */
export function alertWithRetry(root: ParentNode): { alert: HTMLElement; retry: HTMLButtonElement } | undefined {
  for (const alert of shownAlerts(root)) {
    const retry = [...alert.querySelectorAll('button')].find((button) => text(button) === 'Try again' && visible(button));
    if (retry && text(alert).replace('Try again', '').trim().length > 0) return { alert, retry };
  }
  return undefined;
}

/** What a person should be told for each fault, in the adapter's words. */
export const faultWords: Record<Fault, RegExp> = {
  network: /could not reach the server/i,
  lost: /could not reach the server/i,
  timeout: /took too long/i,
  server: /server had a problem/i,
  'malformed-json': /was not JSON/i,
  'wrong-shape': /was not understood/i,
};

/** Waits for an alert with Try again that says what `fault` was; returns them. */
export async function failureShown(root: ParentNode, fault: Fault, timeout = 15_000): Promise<{ alert: HTMLElement; retry: HTMLButtonElement }> {
  await waitUntil(() => alertWithRetry(root), `an alert with Try again for ${fault}`, { timeout });
  const shown = alertWithRetry(root)!;
  expect(text(shown.alert)).to.match(faultWords[fault]);
  return shown;
}

// ---- the form -----------------------------------------------------------------------------------

export interface FormOptions {
  adapter: BookingAdapter;
  provider?: string;
  location?: string;
  service?: string;
  start?: string;
  timeZone?: string;
  changing?: Appointment;
}

export async function mountForm(options: FormOptions): Promise<SelfScheduleForm> {
  return fixture<SelfScheduleForm>(html`<self-schedule-form
    .now=${() => NOW}
    time-zone=${options.timeZone ?? zone}
    provider=${options.provider ?? nothing}
    location=${options.location ?? nothing}
    service=${options.service ?? nothing}
    start=${options.start ?? nothing}
    .changing=${options.changing}
    .adapter=${options.adapter}
  ></self-schedule-form>`);
}

export const rootOf = (el: HTMLElement) => el.shadowRoot!;

/** The select labelled `label`, if shown. */
export function field(el: HTMLElement, label: string): HTMLSelectElement | null {
  const labelElement = [...rootOf(el).querySelectorAll('label')].find((candidate) => text(candidate) === label);
  return labelElement ? (rootOf(el).getElementById(labelElement.htmlFor) as HTMLSelectElement | null) : null;
}

export async function readyField(el: HTMLElement, label: string, timeout = 10_000): Promise<HTMLSelectElement> {
  await waitUntil(() => field(el, label) && !field(el, label)!.disabled, `${label} ready`, { timeout });
  return field(el, label)!;
}

export function optionValues(select: HTMLSelectElement | null): string[] {
  return [...(select?.options ?? [])].map((option) => option.value).filter(Boolean);
}

/** Chooses the option with value `value` in the select labelled `label`, as the client would. */
export async function pick(el: SelfScheduleForm, label: string, value: string): Promise<void> {
  const select = await readyField(el, label);
  if (!optionValues(select).includes(value)) throw new Error(`No ${value} in ${label}: ${optionValues(select).join(', ')}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

export const stepHeading = (el: HTMLElement) => text(rootOf(el).querySelector('h3'));

export async function onStep(el: HTMLElement, heading: string, timeout = 10_000): Promise<void> {
  try {
    await waitUntil(() => stepHeading(el) === heading, '', { timeout });
  } catch {
    const alerts = shownAlerts(rootOf(el)).map(text).join(' | ');
    throw new Error(`Waited for the step "${heading}"; it is "${stepHeading(el)}"${alerts ? `, with the alert "${alerts}"` : ''}.`);
  }
}

export const slots = (el: HTMLElement) => [...rootOf(el).querySelectorAll<HTMLButtonElement>('[part~="slot"]')];

/** The start-time button for a New York wall-clock time in December 2026 ('9:00 AM'). */
export function slotAt(el: HTMLElement, day: number, time: string): HTMLButtonElement | undefined {
  return slots(el).find((slot) => (slot.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').includes(`December ${day}, 2026 at ${time}`));
}

export async function slotsShown(el: HTMLElement, timeout = 10_000): Promise<void> {
  await waitUntil(() => slots(el).length > 0, 'start times listed', { timeout });
}

/** The "Selected time:" line of Availability. */
export const selectedTime = (el: HTMLElement) =>
  text([...rootOf(el).querySelectorAll('p')].find((p) => text(p).startsWith('Selected time:')));

export const choiceSummary = (el: HTMLElement) => text(rootOf(el).querySelector('.choice-summary'));

export const chenSummary = 'Dr. Maya Chen · Riverside Office · Individual Therapy (50 minutes)';

/** fc.assert for async properties, with the failing assertion's own message in the error the runner shows. */
export async function assertAsync(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const { message, cause } = error as Error;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new Error(`${message.slice(0, 1500)}\nBecause: ${reason.slice(0, 1500)}`);
  }
}
