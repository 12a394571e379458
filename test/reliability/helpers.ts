/**
 * Finding things in the elements the way a person would (labels, visible text, alert regions),
 * shared by the reliability tests.
 */
import { expect, nextFrame, waitUntil as openWcWaitUntil } from '@open-wc/testing';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { rootOf, text } from '../support/element-driver.js';
import { field, stepHeading } from '../support/form-driver.js';
import type { Fault, FaultyApi } from '../support/faults.js';

export { rootOf, text, zone } from '../support/element-driver.js';

/**
 * open-wc's waitUntil, looking every 10 ms rather than every 50: most waits here are for a render
 * or an answer a few milliseconds away, and the fault tables wait hundreds of times.
 */
export function waitUntil(predicate: () => unknown, message?: string, options: { timeout?: number; interval?: number } = {}): Promise<void> {
  return openWcWaitUntil(predicate, message, { interval: 10, ...options });
}


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
  server: /(server|booking system) had a problem/i,
  // An answer that is not JSON or breaks the contract: plain words, the details kept for the host.
  'malformed-json': /sent an answer this page could not read/i,
  'wrong-shape': /sent an answer this page could not read/i,
};

/** Waits for an alert with Try again that says what `fault` was; returns them. */
export async function failureShown(root: ParentNode, fault: Fault, timeout = 15_000): Promise<{ alert: HTMLElement; retry: HTMLButtonElement }> {
  await waitUntil(() => alertWithRetry(root), `an alert with Try again for ${fault}`, { timeout });
  const shown = alertWithRetry(root)!;
  expect(text(shown.alert)).to.match(faultWords[fault]);
  return shown;
}

// ---- the form: its driver's, with the reliability tests' own steps ------------------------------

export {
  type FormOptions,
  field,
  mountForm,
  onStep,
  optionValues,
  pick,
  readyField,
  selectedTime,
  slotAt,
  slots,
  slotsShown,
  stepHeading,
} from '../support/form-driver.js';

/**
 * From the three choices to the times: presses Continue where the form asks for it (a narrow
 * form); a wide one shows the times beside the choices as soon as all three are made.
 */
export async function continueToTimes(el: HTMLElement, timeout = 10_000): Promise<void> {
  const continueButton = () => buttonNamed(rootOf(el), 'Continue');
  await waitUntil(() => stepHeading(el) === 'Availability' || (continueButton() && !continueButton()!.disabled), 'the times, or Continue', {
    timeout,
  });
  if (stepHeading(el) !== 'Availability') continueButton()!.click();
}

/**
 * The form shows Dr. Chen, Riverside and Individual Therapy as chosen: in the selects, which a
 * wide form keeps in view over the times, or in the summary a narrow one shows instead.
 */
export function expectChenChosen(el: HTMLElement, message?: string): void {
  const summary = rootOf(el).querySelector('.choice-summary');
  if (summary) {
    expect(text(summary), message).to.equal('Dr. Maya Chen · Riverside Office · Individual Therapy (50 minutes)');
  } else {
    const chosen = ['Provider', 'Location', 'Service'].map((label) => field(el, label)?.value);
    expect(chosen, message).to.deep.equal(['dr-chen', 'riverside', 'individual-50']);
  }
}

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

/**
 * Waits until the form is quiet: `settled(el)` holds while the API's adapters have no call under
 * way, and still does after the element's next update and animation frame, twice running (a load
 * may start from the last one's answer). Judged by what is under way, not by waiting a while.
 */
export async function settle(
  el: SelfScheduleForm,
  api: FaultyApi,
  settled: (el: SelfScheduleForm) => boolean,
  what: string,
  timeout: number,
): Promise<void> {
  const started = performance.now();
  const quiet = () => api.idle() && settled(el);
  for (let stable = 0; stable < 2; ) {
    const left = Math.max(1, timeout - (performance.now() - started));
    await waitUntil(quiet, `${what}: the form settles`, { timeout: left, interval: 10 });
    await el.updateComplete;
    await nextFrame();
    stable = quiet() ? stable + 1 : 0;
  }
}
