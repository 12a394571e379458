/**
 * What a screen reader reads (WCAG 1.3.1, 2.5.3, 4.1.2), beyond what axe can judge: each month
 * cell reads its date and then the appointments in it (FullCalendar names the cell with an
 * aria-label that would hide them; fullcalendar-a11y.ts repairs it), also after moving between
 * months; each start time names its whole date, time and zone; each appointment on the calendar
 * says its status in words; Manage Appointment says which appointment it manages.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { nextFrame } from '../support/grid-helpers.js';
import {
  alexOn,
  buttonIn,
  calendarEvent,
  calendarEventButton,
  calendarPart,
  calendarReady,
  chenAtDec7,
  gridDrawn,
  mountCalendar,
  mountForm,
  mountStatus,
  rootOf,
  slots,
  statusItem,
  text,
} from './elements.js';
import { until } from './support.js';

/** A month cell's text as read, leaving out what is aria-hidden. */
function readText(node: Node): string {
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  return [...node.childNodes].map(readText).join(' ');
}
const read = (node: Node) => readText(node).replace(/\s+/g, ' ').trim();

const longDate = (isoDate: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));

describe('names and words read by a screen reader', function () {
  this.timeout(120_000);
  before(() => setViewport({ width: 1280, height: 1000 }));
  afterEach(() => fixtureCleanup());

  it('reads each month cell as its date followed by its appointments, after moving between months too', async () => {
    const el = await mountCalendar(alexOn().adapter);
    await until(() => calendarReady(el), 'the calendar');
    buttonIn(rootOf(el), 'Month')!.click();
    const cell = (date: string) => calendarPart(el).querySelector<HTMLElement>(`[role="gridcell"][data-date="${date}"]`);
    await until(() => cell('2026-11-29') && calendarEvent(el, 'seed-1'), 'December');
    await nextFrame();

    const checkCells = (month: string) => {
      const cells = [...calendarPart(el).querySelectorAll<HTMLElement>('[role="gridcell"][data-date]')];
      expect(cells.length, `${month}: cells`).to.be.at.least(28);
      for (const each of cells) {
        expect(each.hasAttribute('aria-label'), `${each.dataset.date} has no label hiding its content`).to.equal(false);
        expect(read(each).startsWith(longDate(each.dataset.date!)), `${each.dataset.date} reads "${read(each)}"`).to.equal(true);
      }
    };
    checkCells('December');
    expect(read(cell('2026-12-07')!)).to.equal('December 7, 2026 10:00 AM Individual Therapy with Dr. Maya Chen — Confirmed');

    buttonIn(rootOf(el), 'Next month')!.click();
    await until(() => cell('2027-01-15'), 'January');
    await nextFrame();
    checkCells('January');
    buttonIn(rootOf(el), 'Previous month')!.click();
    await until(() => cell('2026-12-07') && calendarEvent(el, 'seed-1'), 'December again');
    await nextFrame();
    checkCells('December again');
    expect(read(cell('2026-12-09')!)).to.equal('December 9, 2026 5:00 PM Brief Check-in with Jordan Alvarez — Unconfirmed');
  });

  it('says each appointment on the calendar with its status in words, and as a button', async () => {
    const el = await mountCalendar(alexOn().adapter);
    await until(() => calendarReady(el) && calendarEvent(el, 'seed-2'), 'the week');
    const event = calendarEventButton(el, 'seed-2')!;
    expect(event.getAttribute('role')).to.equal('button');
    expect(event.tabIndex).to.equal(0);
    expect(read(event)).to.equal('5:00 PM Brief Check-in with Jordan Alvarez — Unconfirmed');
  });

  it('names each start time with its whole date, time and zone', async () => {
    const form = await mountForm(alexOn().adapter, chenAtDec7);
    await until(() => gridDrawn(form) && slots(form).length, 'the start times');
    expect(slots(form)[0].getAttribute('aria-label')).to.equal('Start at Monday, December 7, 2026 at 9:00 AM EST');
    expect(text(slots(form)[0])).to.equal('9:00 AM');
    for (const slot of slots(form)) {
      // Label in name (2.5.3): the visible time is part of the spoken name.
      expect(slot.getAttribute('aria-label')).to.contain(text(slot));
    }
  });

  it('says which appointment Manage Appointment manages', async () => {
    const el = await mountStatus(alexOn().adapter);
    await until(() => statusItem(el, 'seed-1'), 'the list');
    const manage = buttonIn(statusItem(el, 'seed-1'), 'Manage Appointment')!;
    const description = rootOf(el).getElementById(manage.getAttribute('aria-describedby')!);
    expect(text(description)).to.equal('Monday, December 7, 2026 at 10:00 AM EST');
    expect(manage.getAttribute('aria-expanded')).to.equal('false');
  });
});
