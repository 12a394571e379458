/**
 * Pointers: every interactive element is at least 24 × 24 CSS px, or spaced so that a 24 px
 * circle around it touches no other target (WCAG 2.5.8, checked here on our own measurements as
 * well as by axe's target-size rule); the rows of both time grids, which take clicks and taps,
 * are at least 24 px tall; and choosing a time never needs a drag or a double click (2.5.7): one
 * click does it, completed on release, not on press (2.5.2). A single tap on a touch screen is in
 * test/e2e/touch.e2e.test.mjs.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import { nextFrame, pressedStartTimes, slotPoint, slotRow } from '../support/grid-helpers.js';
import {
  agendaButton,
  alexOn,
  buttonIn,
  calendarEventButton,
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
  nestedForm,
  nestedFormOpen,
  rootOf,
  slotAt,
  statusItem,
} from './elements.js';
import { describe as name, interactiveElements, until } from './support.js';

const wide = { width: 1280, height: 1000 };
const phone = { width: 375, height: 800 };
const minimum = 24;

/**
 * Targets in `root` smaller than 24 × 24 px whose 24 px circle (centred on them) meets another
 * target, or another undersized target's circle: WCAG 2.5.8's size and spacing tests.
 */
function tooSmall(root: ParentNode, state: string): string[] {
  const targets = interactiveElements(root).map((element) => ({ element, rect: element.getBoundingClientRect() }));
  const centre = (rect: DOMRect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
  const undersized = targets.filter(({ rect }) => rect.width < minimum - 0.01 || rect.height < minimum - 0.01);
  const problems: string[] = [];
  for (const small of undersized) {
    const c = centre(small.rect);
    const clash = targets.find((other) => {
      if (other === small || other.element.contains(small.element) || small.element.contains(other.element)) return false;
      const nearestX = Math.max(other.rect.left, Math.min(c.x, other.rect.right));
      const nearestY = Math.max(other.rect.top, Math.min(c.y, other.rect.bottom));
      if (Math.hypot(c.x - nearestX, c.y - nearestY) < minimum / 2) return true;
      if (!undersized.includes(other)) return false;
      const o = centre(other.rect);
      return Math.hypot(c.x - o.x, c.y - o.y) < minimum;
    });
    if (clash) {
      problems.push(
        `[${state}] ${name(small.element)} is ${small.rect.width.toFixed(1)}×${small.rect.height.toFixed(1)} px, within 12 px of ${name(clash.element)}`,
      );
    }
  }
  return problems;
}

describe('pointer targets and single-pointer input', function () {
  this.timeout(180_000);
  before(() => setViewport(wide));
  afterEach(async () => {
    await resetMouse();
    fixtureCleanup();
    await setViewport(wide);
  });

  describe('target size (2.5.8)', () => {
    it('every control of the form is big enough or spaced enough, at each step and on a phone', async () => {
      const problems: string[] = [];
      for (const viewport of [wide, phone]) {
        await setViewport(viewport);
        const label = viewport === wide ? 'wide' : 'phone';
        const { adapter } = alexOn();
        const form = await mountForm(adapter, { modal: true });
        await form.show();
        await until(() => formField(form, 'Provider') && !formField(form, 'Provider')!.disabled, 'the dialog open');
        problems.push(...tooSmall(formRoot(form), `${label}: choose`));
        fixtureCleanup();

        const inline = await mountForm(alexOn().adapter, chenAtDec7);
        await until(() => gridDrawn(inline) && slotAt(inline, 7, '9:00 AM'), 'Availability');
        slotAt(inline, 7, '9:00 AM')!.click();
        await until(() => formRoot(inline).querySelector('.selection'), 'a time chosen');
        await nextFrame();
        problems.push(...tooSmall(formRoot(inline), `${label}: Availability`));
        buttonIn(formRoot(inline), 'Save')!.click();
        await until(() => formHeading(inline).startsWith('Review'), 'the review');
        problems.push(...tooSmall(formRoot(inline), `${label}: review`));
        buttonIn(formRoot(inline), 'Submit New Appointment')!.click();
        await until(() => formHeading(inline) === 'Appointment request sent', 'done');
        problems.push(...tooSmall(formRoot(inline), `${label}: done`));
        fixtureCleanup();
      }
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it('every control of the Appointments tab is big enough or spaced enough', async () => {
      const problems: string[] = [];
      const { adapter } = alexOn();
      const el = await mountStatus(adapter);
      await until(() => statusItem(el, 'seed-2') && rootOf(el).querySelector('[part~="new-appointment"]'), 'the list');
      buttonIn(rootOf(el), 'Show past appointments')!.click();
      buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!.click();
      buttonIn(statusItem(el, 'seed-2'), 'Manage Appointment')!.click();
      await el.updateComplete;
      problems.push(...tooSmall(rootOf(el), 'list, past shown, Manage Appointment open'));
      buttonIn(statusItem(el, 'seed-1'), 'Cancel appointment')!.click();
      await until(() => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!.open, 'the confirmation');
      problems.push(...tooSmall(rootOf(el).querySelector('dialog')!, 'cancel confirmation'));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it('every control of the Calendar tab is big enough or spaced enough, in each view', async () => {
      const problems: string[] = [];
      const { adapter } = alexOn();
      const el = await mountCalendar(adapter);
      await until(() => calendarReady(el) && calendarEventButton(el, 'seed-2'), 'the week');
      await nextFrame();
      // A 25-minute appointment (seed-2) is about 22 px tall on the week grid: it passes by spacing
      // (nothing else within 12 px of its middle), and its button in the list under the calendar is
      // a full-size equivalent.
      problems.push(...tooSmall(rootOf(el), 'week'));

      buttonIn(rootOf(el), 'Month')!.click();
      await until(() => calendarPart(el).querySelector('[role="gridcell"][data-date="2026-11-29"]') && calendarEventButton(el, 'seed-1'), 'the month');
      await nextFrame();
      problems.push(...tooSmall(rootOf(el), 'month'));
      buttonIn(rootOf(el), 'Day')!.click();
      await until(() => calendarPart(el).querySelector('[role="columnheader"][data-date="2026-12-07"]') && calendarEventButton(el, 'seed-1'), 'the day');
      await nextFrame();
      problems.push(...tooSmall(rootOf(el), 'day'));

      agendaButton(el, 'seed-1')!.click();
      await until(() => detailsDialog(el).open, 'details');
      buttonIn(detailsDialog(el), 'Manage Appointment')!.click();
      await el.updateComplete;
      problems.push(...tooSmall(detailsDialog(el), 'details, Manage Appointment open'));
      buttonIn(detailsDialog(el), 'Cancel appointment')!.click();
      await until(() => buttonIn(detailsDialog(el), 'Yes, cancel appointment'), 'the confirmation');
      problems.push(...tooSmall(detailsDialog(el), 'cancel confirmation'));
      detailsDialog(el).close();
      fixtureCleanup();

      await setViewport(phone);
      const narrow = await mountCalendar(alexOn().adapter);
      await until(() => calendarReady(narrow) && calendarPart(narrow).querySelector('[role="list"]'), 'the list view');
      await nextFrame();
      problems.push(...tooSmall(rootOf(narrow), 'list view on a phone'));
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    it('gives every row of both time grids at least 24 px to click or tap', async () => {
      const form = await mountForm(alexOn().adapter, chenAtDec7);
      await until(() => gridDrawn(form), 'the form grid');
      await nextFrame();
      for (const time of ['09:00', '09:15', '12:30', '16:45']) {
        expect(slotRow(formRoot(form), time).getBoundingClientRect().height, `form row ${time}`).to.be.at.least(minimum);
      }
      fixtureCleanup();

      const el = await mountCalendar(alexOn().adapter);
      await until(() => calendarReady(el), 'the calendar');
      await nextFrame();
      for (const time of ['09:00', '09:30', '15:00']) {
        expect(slotRow(rootOf(el), time).getBoundingClientRect().height, `calendar row ${time}`).to.be.at.least(minimum);
      }
    });

    it('catches a control that is too small and too close to another', async () => {
      // The check itself, on a fixture made to fail it: two 16 px buttons side by side.
      const host = document.createElement('div');
      host.innerHTML = '<button style="all:unset;display:inline-block;width:16px;height:16px">a</button><button style="all:unset;display:inline-block;width:16px;height:16px">b</button>';
      document.body.append(host);
      try {
        expect(tooSmall(host, 'fixture')).to.have.length(2);
        (host.lastElementChild as HTMLElement).style.marginLeft = '24px';
        expect(tooSmall(host, 'fixture spaced')).to.deep.equal([]);
      } finally {
        host.remove();
      }
    });
  });

  describe('a single pointer, without dragging (2.5.7, 2.5.2)', () => {
    it('chooses a time on the form grid with one click, completed on release', async () => {
      const form = await mountForm(alexOn().adapter, chenAtDec7);
      await until(() => gridDrawn(form), 'the grid');
      await nextFrame();
      const point = slotPoint(formRoot(form), '2026-12-09', '10:00');
      await sendMouse({ type: 'move', position: point });
      await sendMouse({ type: 'down' });
      await nextFrame();
      expect(pressedStartTimes(formRoot(form)), 'nothing chosen on press').to.deep.equal([]);
      await sendMouse({ type: 'up' });
      await until(() => pressedStartTimes(formRoot(form)).length === 1, 'chosen on release');
      expect(pressedStartTimes(formRoot(form))).to.deep.equal(['Start at Wednesday, December 9, 2026 at 10:00 AM EST']);
    });

    it('asks for a time on the calendar with one click on empty time', async () => {
      const el = await mountCalendar(alexOn().adapter);
      await until(() => calendarReady(el) && rootOf(el).querySelector('[part~="new-appointment"]'), 'the calendar');
      await nextFrame();
      const point = slotPoint(rootOf(el), '2026-12-09', '10:00');
      await sendMouse({ type: 'move', position: point });
      await sendMouse({ type: 'down' });
      await nextFrame();
      expect(Boolean(nestedFormOpen(el)), 'no form on press').to.equal(false);
      await sendMouse({ type: 'up' });
      await until(() => nestedFormOpen(el), 'the form on release');
      expect(Date.parse(nestedForm(el)!.start!)).to.equal(Date.parse('2026-12-09T15:00:00Z'));
    });
  });
});
