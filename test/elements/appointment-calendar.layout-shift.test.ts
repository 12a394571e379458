/**
 * The Calendar tab's calendar appears without moving anything (no layout shift): FullCalendar lays
 * its views out again after their first paint, so the element keeps the calendar hidden until its
 * layout holds still. Measured with the Layout Instability API (see
 * self-schedule-form.layout-shift.test.ts for the form's grid).
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { alexOn, calendarPart, calendarReady, mountCalendar } from '../a11y/elements.js';
import { describeShifts, watchShifts } from '../support/layout-shift.js';

describe('<appointment-calendar>: no layout shift as the calendar appears', () => {
  afterEach(() => fixtureCleanup());

  for (const [name, viewport] of [
    ['a wide window (the week)', { width: 1280, height: 1000 }],
    ['a phone (the list)', { width: 375, height: 800 }],
  ] as const) {
    it(`on ${name}`, async () => {
      await setViewport(viewport);
      const shifts = watchShifts();
      const { adapter } = alexOn();
      const calendar = await mountCalendar(adapter);
      await waitUntil(() => calendarReady(calendar), 'the calendar drawn', { timeout: 10_000 });
      expect(getComputedStyle(calendarPart(calendar)).visibility, 'the calendar is visible').to.equal('visible');
      const seen = await shifts.stop();
      expect(seen, describeShifts(seen)).to.deep.equal([]);
    });
  }
});
