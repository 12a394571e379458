/**
 * Reflow, resize and text spacing (WCAG 1.4.10, 1.4.4, 1.4.12): at 320 CSS px wide (a phone, or 1280 px at 400 %), at
 * 640 CSS px (1280 px at 200 % zoom), and with text at 200 % on a wide screen, no element makes
 * the page scroll sideways, nothing reaches past the right edge, no text is cut off by its box,
 * and every control is on screen to be used. Each element is checked in its fullest states: the
 * form at each step (inline and in its dialog), the Appointments tab with Manage Appointment and
 * the cancel confirmation open, the Calendar tab with an appointment's details. Last, the three
 * elements with WCAG's text spacing applied.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { nextFrame } from '../support/grid-helpers.js';
import {
  agendaButton,
  alexOn,
  buttonIn,
  calendarPart,
  calendarReady,
  chenAtDec7,
  detailsDialog,
  formField,
  formHeading,
  formRoot,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  rootOf,
  slotAt,
  statusItem,
} from './elements.js';
import { cutOff, interactiveElements, pageOverflow, until } from './support.js';

const wide = { width: 1280, height: 1000 };

interface Setting {
  name: string;
  viewport: { width: number; height: number };
  /** The root font size, for text resized without zoom. */
  fontSize?: string;
}

const settings: Setting[] = [
  { name: '320 px wide', viewport: { width: 320, height: 640 } },
  { name: '640 px wide (200 % zoom)', viewport: { width: 640, height: 800 } },
  { name: 'text at 200 %', viewport: wide, fontSize: '200%' },
];

/**
 * A short appointment's block on the week or day grid (one line: status, time, then the title cut
 * with an ellipsis, by design). Its whole label is its accessible name, and it is written out in
 * full on its button in the list under the calendar, which the caller checks.
 */
const shortBlockTitle = (element: Element) => Boolean(element.closest('.appointment:not(.roomy) .appointment-label'));

/** What is wrong with the layout of `el` now: sideways scrolling, overflow, cut-off text, controls off screen. */
async function layoutProblems(el: HTMLElement, state: string): Promise<string[]> {
  await nextFrame();
  const problems: string[] = [];
  const overflow = pageOverflow();
  if (overflow) problems.push(`[${state}] the page scrolls sideways: ${overflow.scrollWidth} px in ${overflow.clientWidth}`);
  problems.push(...cutOff(el.shadowRoot!, { ignore: shortBlockTitle }).map((problem) => `[${state}] ${problem}`));
  for (const label of el.shadowRoot!.querySelectorAll<HTMLElement>('.appointment:not(.roomy) .appointment-label')) {
    const listed = el.shadowRoot!.querySelector(`[part~="appointment"][data-id="${label.dataset.appointmentId}"]`);
    const title = label.querySelector('.appointment-title')?.textContent ?? '';
    if (!listed?.textContent?.includes(title)) problems.push(`[${state}] "${title}" is cut short on the grid and not written out in the list`);
  }
  const width = document.documentElement.clientWidth;
  for (const control of interactiveElements(el.shadowRoot!)) {
    const rect = control.getBoundingClientRect();
    if (rect.left < -1 || rect.right > width + 1) problems.push(`[${state}] ${control.outerHTML.slice(0, 80)} is off screen`);
  }
  return problems;
}

for (const setting of settings) {
  describe(`reflow: ${setting.name}`, function () {
    this.timeout(180_000);
    before(async () => {
      await setViewport(setting.viewport);
      if (setting.fontSize) document.documentElement.style.fontSize = setting.fontSize;
    });
    after(async () => {
      document.documentElement.style.fontSize = '';
      await setViewport(wide);
    });
    afterEach(() => fixtureCleanup());

    it('<self-schedule-form> at every step, inline and in its dialog', async () => {
      const problems: string[] = [];
      const modal = await mountForm(alexOn().adapter, { modal: true });
      await modal.show();
      await until(() => formField(modal, 'Provider') && !formField(modal, 'Provider')!.disabled, 'the dialog open');
      problems.push(...(await layoutProblems(modal, 'dialog, choose')));
      fixtureCleanup();

      const form = await mountForm(alexOn().adapter, chenAtDec7);
      await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'Availability');
      slotAt(form, 7, '9:00 AM')!.click();
      await until(() => formRoot(form).querySelector('.selection'), 'a time chosen');
      problems.push(...(await layoutProblems(form, 'Availability')));
      buttonIn(formRoot(form), 'Save')!.click();
      await until(() => formHeading(form).startsWith('Review'), 'the review');
      problems.push(...(await layoutProblems(form, 'review')));
      buttonIn(formRoot(form), 'Submit New Appointment')!.click();
      await until(() => formHeading(form) === 'Appointment request sent', 'done');
      problems.push(...(await layoutProblems(form, 'done')));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it('<appointment-status> with Manage Appointment and the cancel confirmation open', async () => {
      const problems: string[] = [];
      const el = await mountStatus(alexOn().adapter);
      await until(() => statusItem(el, 'seed-2') && rootOf(el).querySelector('[part~="new-appointment"]'), 'the list');
      buttonIn(rootOf(el), 'Show past appointments')!.click();
      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      await el.updateComplete;
      problems.push(...(await layoutProblems(el, 'list')));
      buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment')!.click();
      await until(() => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!.open, 'the confirmation');
      problems.push(...(await layoutProblems(el, 'cancel confirmation')));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it('<appointment-calendar> with an appointment and its details', async () => {
      const problems: string[] = [];
      const el = await mountCalendar(alexOn().adapter);
      await until(() => calendarReady(el) && calendarPart(el).querySelector('[data-appointment-id="seed-2"]'), 'the calendar');
      problems.push(...(await layoutProblems(el, 'calendar')));
      agendaButton(el, 'seed-1')!.click();
      await until(() => detailsDialog(el).open, 'details');
      buttonIn(detailsDialog(el), 'Manage Appointment')!.click();
      await el.updateComplete;
      problems.push(...(await layoutProblems(el, 'details')));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });
  });
}

/**
 * Text spacing (WCAG 1.4.12): line height 1.5, spacing after paragraphs 2 em, letter spacing
 * 0.12 em and word spacing 0.16 em, set on everything in every shadow root (as a bookmarklet or a
 * reader's own stylesheet would), lose nothing.
 */
describe('text spacing', function () {
  this.timeout(180_000);
  const spacing = new CSSStyleSheet();
  spacing.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
    p { margin-bottom: 2em !important; }`);

  /** Adds the spacing sheet to `el`'s shadow root and every shadow root within it. */
  function spaceOut(root: ShadowRoot): void {
    if (!root.adoptedStyleSheets.includes(spacing)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, spacing];
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) spaceOut(element.shadowRoot);
  }

  before(() => setViewport(wide));
  afterEach(() => fixtureCleanup());

  it('loses nothing in any of the three elements', async () => {
    const problems: string[] = [];
    const form = await mountForm(alexOn().adapter, chenAtDec7);
    await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'Availability');
    slotAt(form, 7, '9:00 AM')!.click();
    await until(() => formRoot(form).querySelector('.selection'), 'a time chosen');
    spaceOut(form.shadowRoot!);
    problems.push(...(await layoutProblems(form, 'form, Availability')));
    buttonIn(formRoot(form), 'Save')!.click();
    await until(() => formHeading(form).startsWith('Review'), 'the review');
    spaceOut(form.shadowRoot!);
    problems.push(...(await layoutProblems(form, 'form, review')));
    fixtureCleanup();

    const status = await mountStatus(alexOn().adapter);
    await until(() => statusItem(status, 'seed-2'), 'the list');
    buttonIn(statusItem(status, 'seed-1'), 'Manage Appointment')!.click();
    await status.updateComplete;
    spaceOut(status.shadowRoot!);
    problems.push(...(await layoutProblems(status, 'Appointments')));
    fixtureCleanup();

    const calendar = await mountCalendar(alexOn().adapter);
    await until(() => calendarReady(calendar) && calendarPart(calendar).querySelector('[data-appointment-id="seed-2"]'), 'the calendar');
    spaceOut(calendar.shadowRoot!);
    problems.push(...(await layoutProblems(calendar, 'Calendar, week')));
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
