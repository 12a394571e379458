/**
 * WCAG 1.4.11 Non-text Contrast, which axe does not check: what tells a client where a control is
 * and which times are greyed out must stand at least 3:1 against what is next to it, in the light
 * and in the dark scheme. Colours are read from the computed styles, so a change to the custom
 * properties' defaults or to the rules that use them is measured, not assumed.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import {
  alexOn,
  calendarReady,
  chenAtDec7,
  formField,
  formRoot,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  rootOf,
  statusItem,
} from './elements.js';
import type { Scheme } from './support.js';
import { until } from './support.js';

type Rgba = [number, number, number, number];

/** Every colour written in a computed value (`rgb(…)` or `rgba(…)`). */
function colorsIn(value: string): Rgba[] {
  return [...value.matchAll(/rgba?\(([^)]+)\)/g)].map((match) => {
    const [r, g, b, a = 1] = match[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  });
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const [r, g, b, a] = top;
  return [r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The element that contains `node`, stepping out of a shadow root to its host. */
function parentAcrossShadow(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour painted behind `element`: its ancestors' backgrounds, over the page's canvas. */
function backgroundBehind(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node = parentAcrossShadow(element); node; node = parentAcrossShadow(node)) {
    const [color] = colorsIn(getComputedStyle(node).backgroundColor);
    if (color && color[3] > 0) layers.push(color);
    if (color?.[3] === 1) break;
  }
  // The test page sets no colour scheme of its own, so its canvas is white in both schemes.
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

const describeColor = ([r, g, b]: Rgba) => `rgb(${[r, g, b].map(Math.round).join(', ')})`;

/**
 * How far the visible edge of `control` stands out from what is behind it: its border (where it
 * has one at least 1 px wide) or its own fill, whichever contrasts more.
 */
function boundaryContrast(control: Element): { ratio: number; said: string } {
  const style = getComputedStyle(control);
  const behind = backgroundBehind(control);
  const candidates: Array<[string, Rgba]> = [];
  const [fill] = colorsIn(style.backgroundColor);
  if (fill && fill[3] > 0) candidates.push(['fill', over(fill, behind)]);
  const [border] = colorsIn(style.borderTopColor);
  if (border && parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none') {
    candidates.push(['border', over(border, fill && fill[3] > 0 ? over(fill, behind) : behind)]);
  }
  const measured = candidates.map(([what, color]) => ({ ratio: contrast(color, behind), said: `${what} ${describeColor(color)} on ${describeColor(behind)}` }));
  return measured.sort((a, b) => b.ratio - a.ratio)[0] ?? { ratio: 1, said: `nothing drawn on ${describeColor(behind)}` };
}

function expectControlsVisible(root: ParentNode, scheme: Scheme, where: string): number {
  const controls = [...root.querySelectorAll<HTMLElement>('select, button:not([disabled])')].filter(
    // Boxes only: a button drawn as a link has no edge to measure, and the time grid's own cells
    // and appointments are measured elsewhere (their text names them).
    (control) => control.getClientRects().length > 0 && !control.closest('[role="grid"], [role="list"]') && getComputedStyle(control).borderTopStyle !== 'none',
  );
  for (const control of controls) {
    const { ratio, said } = boundaryContrast(control);
    const name = control.getAttribute('aria-label') ?? control.textContent?.trim().replace(/\s+/g, ' ') ?? control.tagName;
    expect(ratio, `${where}, ${scheme}: the edge of "${name}" (${said}) is ${ratio.toFixed(2)}:1`).to.be.at.least(3);
  }
  return controls.length;
}

async function inEachScheme(check: (scheme: Scheme) => void | Promise<void>): Promise<void> {
  try {
    for (const scheme of ['light', 'dark'] as Scheme[]) {
      await emulateMedia({ colorScheme: scheme });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await check(scheme);
    }
  } finally {
    await emulateMedia({ colorScheme: 'light' });
  }
}

describe('non-text contrast (WCAG 1.4.11), light and dark', function () {
  this.timeout(60_000);
  before(() => setViewport({ width: 1280, height: 1000 }));
  afterEach(() => fixtureCleanup());

  it('the hatching of greyed-out time stands 3:1 against open time on the grid', async () => {
    const { adapter } = alexOn();
    const form = await mountForm(adapter, chenAtDec7);
    await until(() => gridDrawn(form), 'the grid drawn');
    await inEachScheme((scheme) => {
      const greyed = formRoot(form).querySelector<HTMLElement>('[part~="calendar"] .unavailable')!;
      const open = backgroundBehind(greyed);
      const fill = over(colorsIn(getComputedStyle(greyed).backgroundColor)[0], open);
      const hatching = colorsIn(getComputedStyle(greyed).backgroundImage).filter((color) => color[3] > 0);
      expect(hatching.length, `${scheme}: the greyed-out time is hatched`).to.be.greaterThan(0);
      const best = Math.max(...hatching.map((color) => contrast(over(color, fill), open)));
      expect(best, `${scheme}: hatching ${hatching.map(describeColor).join(', ')} on open ${describeColor(open)}`).to.be.at.least(3);
    });
  });

  it('the form\'s selects and buttons show their edges at 3:1', async () => {
    const { adapter } = alexOn();
    const form = await mountForm(adapter);
    await until(() => formField(form, 'Provider') && !formField(form, 'Provider')!.disabled, 'providers listed');
    await inEachScheme((scheme) => {
      expect(expectControlsVisible(formRoot(form), scheme, 'Choose step'), 'controls measured').to.be.greaterThan(0);
    });
    const withTimes = await mountForm(adapter, chenAtDec7);
    await until(() => gridDrawn(withTimes), 'the grid drawn');
    await inEachScheme((scheme) => {
      expect(expectControlsVisible(formRoot(withTimes), scheme, 'Availability'), 'controls measured').to.be.greaterThan(3);
    });
  });

  it('the Appointments and Calendar tabs show their buttons\' edges at 3:1', async () => {
    const { adapter } = alexOn();
    const status = await mountStatus(adapter);
    await until(() => statusItem(status, 'seed-1'), 'the appointments listed');
    const calendar = await mountCalendar(adapter);
    await until(() => calendarReady(calendar), 'the calendar drawn');
    await inEachScheme((scheme) => {
      expect(expectControlsVisible(rootOf(status), scheme, 'Appointments'), 'controls measured').to.be.greaterThan(0);
      expect(expectControlsVisible(rootOf(calendar), scheme, 'Calendar'), 'controls measured').to.be.greaterThan(0);
    });
  });
});
