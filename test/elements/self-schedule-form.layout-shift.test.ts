/**
 * The Availability grid appears without moving anything (no layout shift, the target of
 * BENCHMARKS.md): FullCalendar lays its time grid out a second time after its first paint, once it
 * has measured the time axis, so the form keeps the grid hidden until its layout holds still and
 * the open times are known. Measured with the Layout Instability API, which counts every shift on
 * this page (nothing here takes input, so none is excused as following input).
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { nyTime } from '../support/fixtures.js';
import { deferred, grid, mountForm, nextFrame } from '../support/grid-helpers.js';
import { describeShifts, watchShifts } from '../support/layout-shift.js';

const availabilityArea = (root: ShadowRoot) => root.querySelector('.availability');

/** The grid is on screen: the times are in, FullCalendar has drawn them and the grid is shown. */
async function gridOnScreen(root: ShadowRoot): Promise<void> {
  await waitUntil(
    () => grid(root) && root.querySelector('.unavailable') && availabilityArea(root)?.getAttribute('aria-busy') === 'false',
    'the grid shown',
    { timeout: 10_000 },
  );
  expect(getComputedStyle(root.querySelector('#grid')!).visibility, 'the grid is visible').to.equal('visible');
}

describe('<self-schedule-form> Availability grid: no layout shift as it appears', () => {
  afterEach(() => fixtureCleanup());

  for (const [name, viewport] of [
    ['a wide window (the week)', { width: 1280, height: 1000 }],
    ['a phone (one day)', { width: 375, height: 800 }],
  ] as const) {
    it(`on ${name}, opened by a therapist's link`, async () => {
      await setViewport(viewport);
      const shifts = watchShifts();
      const { root } = await mountForm({ start: nyTime(7, '09:00') });
      await gridOnScreen(root);
      const seen = await shifts.stop();
      expect(seen, describeShifts(seen)).to.deep.equal([]);
    });
  }

  it('when the grid\'s code arrives before the open times, it is drawn only once they do', async () => {
    await setViewport({ width: 1280, height: 1000 });
    const answer = deferred<void>();
    const shifts = watchShifts();
    const { root } = await mountForm({
      start: nyTime(7, '09:00'),
      wrap: (memory) => {
        const original = memory.getAvailability.bind(memory);
        memory.getAvailability = async (query, options) => {
          await answer.promise;
          return original(query, options);
        };
        return memory;
      },
    });
    const gridCodeArrived = () =>
      performance.getEntriesByType('resource').some((entry) => /availability-grid\/availability-grid/.test(entry.name));
    await waitUntil(gridCodeArrived, 'the grid\'s code', { timeout: 10_000 });
    await nextFrame();
    await nextFrame();
    // Not drawn at all until the times come (it would be laid out a second time at their hours),
    // its room kept so that nothing below moves when it is.
    expect(grid(root), 'no grid drawn while the times load').to.equal(null);
    expect(parseFloat(root.querySelector<HTMLElement>('#grid')!.style.minHeight), 'its room kept').to.be.greaterThan(0);
    expect(availabilityArea(root)?.getAttribute('aria-busy')).to.equal('true');
    answer.resolve();
    await gridOnScreen(root);
    const seen = await shifts.stop();
    expect(seen, describeShifts(seen)).to.deep.equal([]);
  });
});
