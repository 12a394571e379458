/**
 * What the accessibility tests share: axe-core run with the WCAG 2.0, 2.1 and 2.2 A and AA rules
 * (target-size included) over an element and its shadow roots, in the light and the dark scheme;
 * the focused element through shadow roots; whether focus is visibly drawn; interactive elements
 * and their sizes; and whether anything scrolls sideways or is cut off.
 */
import { waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { nextFrame } from '../support/grid-helpers.js';

/** Every WCAG 2.x A and AA rule axe has (wcag22aa is target-size, which axe leaves off by default). */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeApi {
  run(context: Element, options: RunOptions): Promise<AxeResults>;
}

let axeApi: AxeApi | undefined;

async function loadAxe(): Promise<AxeApi> {
  if (!axeApi) {
    // The UMD build registers window.axe, as chai-a11y-axe loads it.
    await import('axe-core/axe.min.js');
    axeApi = (window as unknown as { axe: AxeApi }).axe;
  }
  return axeApi;
}

/**
 * The WCAG A/AA rules whose answer can depend on the colour scheme. The dark scheme changes the
 * custom properties' colours and nothing else (base.styles.ts), so names, roles, structure and
 * sizes are the light run's; only these are run again in the dark.
 */
const colourRules = ['color-contrast', 'link-in-text-block'];

/**
 * The WCAG A/AA violations axe finds in `element`, its shadow roots and any nested elements: every
 * rule, or with `coloursOnly` the rules about colour.
 */
export async function wcagViolations(element: Element, { coloursOnly = false } = {}): Promise<Result[]> {
  const axe = await loadAxe();
  const runOnly: RunOptions['runOnly'] = coloursOnly ? { type: 'rule', values: colourRules } : { type: 'tag', values: wcagTags };
  const results = await axe.run(element, { runOnly, resultTypes: ['violations'] });
  return results.violations;
}

/** The rule ids axe ran, so a test can prove the WCAG 2.2 rule is among them. */
export async function wcagRulesRun(element: Element): Promise<string[]> {
  const axe = await loadAxe();
  const results = await axe.run(element, { runOnly: { type: 'tag', values: wcagTags } });
  return [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((rule) => rule.id);
}

export function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${JSON.stringify(node.target)} ${node.html.slice(0, 160)}\n      ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`)
          .join('\n'),
    )
    .join('\n');
}

export type Scheme = 'light' | 'dark';

/**
 * Runs axe on `element` in the light scheme, and its colour rules again in the dark
 * (prefers-color-scheme emulated), and fails with every violation of both, named by `state`.
 * Leaves the page light.
 */
export async function expectNoWcagViolations(element: Element, state: string): Promise<void> {
  const found: string[] = [];
  try {
    for (const scheme of ['light', 'dark'] as Scheme[]) {
      await emulateMedia({ colorScheme: scheme });
      await nextFrame();
      const violations = await wcagViolations(element, { coloursOnly: scheme === 'dark' });
      if (violations.length) found.push(`[${state}, ${scheme}]\n${describeViolations(violations)}`);
    }
  } finally {
    await emulateMedia({ colorScheme: 'light' });
  }
  if (found.length) throw new Error(`WCAG 2.2 A/AA violations:\n${found.join('\n')}`);
}

// ---- focus -----------------------------------------------------------------------------------

/** The focused element, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** `element`'s ancestors up to the document, crossing shadow roots. */
function* ancestors(element: Element): Generator<Element> {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) yield node;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
}

/** Why a focused element could not be seen or used (hidden, inert, zero-sized), or undefined. */
export function whyNotUsable(element: Element): string | undefined {
  for (const ancestor of ancestors(element)) {
    if ((ancestor as HTMLElement).inert) return `inside an inert ${ancestor.tagName}`;
    if (ancestor.getAttribute('aria-hidden') === 'true') return `inside aria-hidden ${ancestor.tagName}`;
    const style = getComputedStyle(ancestor);
    if (style.display === 'none') return `inside display:none ${ancestor.tagName}`;
    if (style.visibility === 'hidden') return `inside visibility:hidden ${ancestor.tagName}`;
    if (Number(style.opacity) === 0) return `inside transparent ${ancestor.tagName}`;
  }
  const rect = element.getBoundingClientRect();
  if (rect.width < 1 || rect.height < 1) return `zero-sized (${rect.width}×${rect.height})`;
  // A modal dialog makes the rest of the page inert without an `inert` attribute.
  const dialog = [...openModalDialogs()].at(-1);
  if (dialog && ![...ancestors(element)].includes(dialog)) return 'behind an open modal dialog';
  return undefined;
}

/** The innermost element at a point, looking into shadow roots. */
function deepElementFromPoint(x: number, y: number): Element | null {
  let element = document.elementFromPoint(x, y);
  while (element?.shadowRoot) {
    const inner = element.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === element) break;
    element = inner;
  }
  return element;
}

/**
 * Whether `element` is entirely hidden by something drawn over it, or scrolled out of the
 * viewport (WCAG 2.4.11): the middle of its part inside the viewport must show the element.
 */
export function obscured(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const left = Math.max(rect.left, 0);
  const right = Math.min(rect.right, document.documentElement.clientWidth);
  const top = Math.max(rect.top, 0);
  const bottom = Math.min(rect.bottom, document.documentElement.clientHeight);
  if (right <= left || bottom <= top) return true;
  const hit = deepElementFromPoint((left + right) / 2, (top + bottom) / 2);
  return !hit || ![...ancestors(hit)].includes(element);
}

/** Every open modal <dialog>, in the page and in open shadow roots. */
function* openModalDialogs(root: Document | ShadowRoot = document): Generator<HTMLDialogElement> {
  for (const element of root.querySelectorAll('*')) {
    if (element instanceof HTMLDialogElement && element.open && element.matches(':modal')) yield element;
    if (element.shadowRoot) yield* openModalDialogs(element.shadowRoot);
  }
}

/**
 * How focus is drawn on `element` (it must be focused): an outline of at least 2 px that is not
 * the background's colour, or a box-shadow. Undefined when nothing shows it.
 */
export function focusIndicator(element: Element): string | undefined {
  if (!element.matches(':focus-visible')) return undefined;
  const style = getComputedStyle(element);
  const outline = parseFloat(style.outlineWidth);
  if (style.outlineStyle !== 'none' && outline >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)') {
    return `outline ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
  }
  if (style.boxShadow && style.boxShadow !== 'none') return `box-shadow ${style.boxShadow}`;
  return undefined;
}

/** Fails unless the focused element is usable and visibly focused. Returns it. */
export function expectVisibleFocus(context: string): Element {
  const active = deepActiveElement();
  if (!active || active === document.body) throw new Error(`${context}: focus fell back to the page`);
  const why = whyNotUsable(active);
  if (why) throw new Error(`${context}: focus is on ${describe(active)}, ${why}`);
  if (obscured(active)) {
    const rect = active.getBoundingClientRect();
    const hit = deepElementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    throw new Error(
      `${context}: focus on ${describe(active)} is hidden under something else or out of view ` +
        `(at ${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)} in a ` +
        `${document.documentElement.clientWidth}×${document.documentElement.clientHeight} viewport; on top: ${describe(hit)})`,
    );
  }
  if (!focusIndicator(active)) {
    const style = getComputedStyle(active);
    throw new Error(
      `${context}: focus on ${describe(active)} is not visible (:focus-visible ${active.matches(':focus-visible')}, outline ${style.outline}, box-shadow ${style.boxShadow})`,
    );
  }
  return active;
}

/** Waits until focus is on `target()` and visibly so (see expectVisibleFocus), then checks it once more for the message. */
export async function focusSettlesOn(target: () => Element | null | undefined, context: string): Promise<void> {
  const settled = () => {
    if (deepActiveElement() !== target()) return false;
    try {
      expectVisibleFocus(context);
      return true;
    } catch {
      return false;
    }
  };
  try {
    await until(settled, context);
  } catch {
    if (deepActiveElement() !== target()) throw new Error(`${context}: focus is on ${describe(deepActiveElement())}, not ${describe(target())}`);
  }
  expectVisibleFocus(context);
}

export function describe(element: Element | null | undefined): string {
  if (!element) return 'nothing';
  const name = element.getAttribute('aria-label') ?? element.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}> "${name}"`;
}

/**
 * Presses `key` (Tab by default) until `target()` has focus, checking after every press that
 * focus is visible and on something usable. Fails after `limit` presses.
 */
export async function pressUntil(target: () => Element | null | undefined, options: { key?: string; limit?: number } = {}): Promise<Element> {
  const key = options.key ?? 'Tab';
  const limit = options.limit ?? 30;
  for (let presses = 0; presses <= limit; presses += 1) {
    const wanted = target();
    if (wanted && deepActiveElement() === wanted) return wanted;
    if (presses === limit) break;
    await sendKeys({ press: key });
    expectVisibleFocus(`after ${key} ×${presses + 1} towards ${describe(target())}`);
  }
  throw new Error(`${key} never reached ${describe(target())}; focus is on ${describe(deepActiveElement())}`);
}

/** Waits for `condition`, with a message and a generous timeout. */
export const until = (condition: () => unknown, message: string, timeout = 15_000) => waitUntil(condition, message, { timeout, interval: 20 });

// ---- what can be operated ----------------------------------------------------------------------

const interactiveSelector = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  '[tabindex]:not([tabindex="-1"])',
  '[role="button"]',
  '[role="link"]',
  '[role="checkbox"]',
  '[role="option"]',
  '[role="tab"]',
].join(', ');

/** Every rendered interactive element in `root` and the shadow roots within it. */
export function interactiveElements(root: ParentNode): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll<HTMLElement>('*')) {
      if (element.matches(interactiveSelector) && isRendered(element)) found.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return found;
}

export function isRendered(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width === 0 && rect.height === 0) return false;
  for (const ancestor of ancestors(element)) {
    const style = getComputedStyle(ancestor);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
  }
  return true;
}

// ---- layout ------------------------------------------------------------------------------------

/** Text kept for screen readers only (the `visually-hidden` pattern: a 1 px clipped box), or inside it. */
function visuallyHidden(element: Element): boolean {
  for (const ancestor of ancestors(element)) {
    const rect = ancestor.getBoundingClientRect();
    const style = getComputedStyle(ancestor);
    if (rect.width <= 1 && rect.height <= 1 && style.overflow === 'hidden' && style.position === 'absolute') return true;
  }
  return false;
}

/** Whether the page scrolls sideways. */
export function pageOverflow(): { scrollWidth: number; clientWidth: number } | undefined {
  const page = document.scrollingElement!;
  return page.scrollWidth > page.clientWidth ? { scrollWidth: page.scrollWidth, clientWidth: page.clientWidth } : undefined;
}

/**
 * Elements in `root` (and nested shadow roots) reaching beyond the right edge of the viewport, or
 * whose text is cut off by their own overflow (hidden or clip) without being scrollable.
 */
export function cutOff(root: ParentNode, options: { ignore?: (element: Element) => boolean } = {}): string[] {
  const width = document.documentElement.clientWidth;
  const problems: string[] = [];
  const visit = (node: ParentNode) => {
    for (const element of node.querySelectorAll<HTMLElement>('*')) {
      if (element.shadowRoot) visit(element.shadowRoot);
      if (!isRendered(element) || visuallyHidden(element) || options.ignore?.(element)) continue;
      const rect = element.getBoundingClientRect();
      if (rect.right > width + 1) problems.push(`${describe(element)} ends at ${Math.round(rect.right)} px of ${width}`);
      const style = getComputedStyle(element);
      const clips = (value: string) => value === 'hidden' || value === 'clip';
      if (clips(style.overflowX) && element.scrollWidth > element.clientWidth + 1 && element.textContent?.trim()) {
        problems.push(`${describe(element)} cuts off its content (${element.scrollWidth} px in ${element.clientWidth})`);
      }
    }
  };
  visit(root);
  return problems;
}
